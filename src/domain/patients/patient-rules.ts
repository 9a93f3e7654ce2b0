// Rules for a patient's demographic record: date of birth, phone numbers and state of residence.
// Pure: "today" is an argument (see decision 0011 for why it is read in the earliest time zone).
import { fieldError } from '../errors.js';
import { parseUsStateCode, type UsStateCode } from '../us-states.js';

export const MAX_AGE_YEARS = 120;

// Licensure for telehealth is granted per state or territory, so the USPS code is what other
// checks compare; the list lives in domain/us-states.ts.
export function isUsStateCode(value: string): value is UsStateCode {
  return parseUsStateCode(value) === value;
}

/** 'or' or ' OR ' -> 'OR'; throws VALIDATION_FAILED naming `path` for anything that is not a US code. */
export function normalizeStateCode(value: string, path: string): UsStateCode {
  const code = value.trim().toUpperCase();
  if (!isUsStateCode(code)) throw fieldError(path, `"${value}" is not a two-letter US state or territory code`);
  return code;
}

// UTC+14 (Line Islands, no daylight saving) is the first zone to start each calendar day: a date
// after today's date there has not begun anywhere, so a birth on it is in the future wherever the
// patient lives. Plain arithmetic keeps this file free of a time-zone library for the web bundle.
const EARLIEST_OFFSET_MS = 14 * 60 * 60 * 1000;

/** The calendar date in the time zone that starts each day first (UTC+14). */
export function latestDateOnEarth(now: Date): string {
  return new Date(now.getTime() + EARLIEST_OFFSET_MS).toISOString().slice(0, 10);
}

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(date: string, path: string): { year: number; month: number; day: number } {
  const match = LOCAL_DATE.exec(date);
  if (!match) throw fieldError(path, `"${date}" is not a calendar date (YYYY-MM-DD)`);
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    throw fieldError(path, `"${date}" is not a calendar date (YYYY-MM-DD)`);
  }
  return { year, month, day };
}

/** Whole years lived on `today`. Someone born on 29 February turns a year older on 1 March in common years. */
export function ageOn(dateOfBirth: string, today: string): number {
  const birth = parts(dateOfBirth, 'dateOfBirth');
  const now = parts(today, 'today');
  let age = now.year - birth.year;
  if (now.month < birth.month || (now.month === birth.month && now.day < birth.day)) age -= 1;
  return age;
}

/** Throws VALIDATION_FAILED naming dateOfBirth when the date is not a date, lies after `today`, or gives an age above 120. */
export function validateDateOfBirth(dateOfBirth: string, today: string): void {
  parts(dateOfBirth, 'dateOfBirth');
  if (dateOfBirth > today) throw fieldError('dateOfBirth', 'must not be in the future');
  if (ageOn(dateOfBirth, today) > MAX_AGE_YEARS) throw fieldError('dateOfBirth', `gives an age above ${MAX_AGE_YEARS} years`);
}

const PHONE_CHARACTERS = /^\+?[0-9 ().-]+$/;
// North American numbering plan: area code and exchange both start with 2-9.
const NANP = /^[2-9]\d{2}[2-9]\d{6}$/;

const PHONE_HINT = 'must be a phone number such as (503) 555-0142 or +44 20 7946 0958';

function northAmerican(tenDigits: string, path: string): string {
  if (!NANP.test(tenDigits)) throw fieldError(path, 'is not a valid US phone number (area code and exchange start with 2-9)');
  return `+1${tenDigits}`;
}

/**
 * A phone number in E.164 form: 10-digit US numbers (with or without a leading 1) become +1XXXXXXXXXX;
 * numbers written with + keep their country code (8 to 15 digits in all).
 */
export function normalizePhone(value: string, path: string): string {
  const trimmed = value.trim();
  if (!PHONE_CHARACTERS.test(trimmed) || trimmed.indexOf('+', 1) !== -1) throw fieldError(path, PHONE_HINT);
  const digits = trimmed.replace(/\D/g, '');
  if (trimmed.startsWith('+')) {
    if (digits.startsWith('1')) {
      if (digits.length !== 11) throw fieldError(path, PHONE_HINT);
      return northAmerican(digits.slice(1), path);
    }
    if (digits.length < 8 || digits.length > 15 || digits.startsWith('0')) throw fieldError(path, PHONE_HINT);
    return `+${digits}`;
  }
  if (digits.length === 11 && digits.startsWith('1')) return northAmerican(digits.slice(1), path);
  if (digits.length === 10) return northAmerican(digits, path);
  throw fieldError(path, PHONE_HINT);
}

// What a note must hold to be signed, and what a draft may hold while it is written
// (docs/domain/notes.md). Pure: the note type's fields come from NOTE_TYPE_DEFINITIONS.
import type { FieldIssue } from '../errors.js';
import { isIcd10CmCode, normalizeDiagnosisCode } from '../treatment-plans/plan-validation.js';
import { NOTE_TYPE_DEFINITIONS, type MedicationEntry, type NoteField, type NoteType } from './note-content.js';

export type NoteFieldValue = string | string[] | MedicationEntry[] | boolean | null;
export type NoteContent = Record<string, NoteFieldValue>;

export const MAX_TEXT_LENGTH = 20_000;
export const MAX_CODES = 20;
export const MAX_MEDICATIONS = 40;
export const MAX_MEDICATION_FIELD_LENGTH = 200;
export const MEDICATION_CHANGES = ['start', 'continue', 'adjust', 'stop'] as const;

type Checked = { ok: true; content: NoteContent } | { ok: false; issues: FieldIssue[] };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkMedication(value: unknown, path: string, issues: FieldIssue[]): MedicationEntry | undefined {
  if (!isRecord(value)) {
    issues.push({ path, message: 'must be a medication entry (name, dose, route, frequency, change)' });
    return undefined;
  }
  const entry: Partial<MedicationEntry> = {};
  for (const key of ['name', 'dose', 'route', 'frequency'] as const) {
    const field = value[key] ?? '';
    if (typeof field !== 'string' || field.length > MAX_MEDICATION_FIELD_LENGTH) {
      issues.push({ path: `${path}.${key}`, message: `must be text of at most ${MAX_MEDICATION_FIELD_LENGTH} characters` });
      return undefined;
    }
    entry[key] = field;
  }
  const change = value.change ?? 'continue';
  if (typeof change !== 'string' || !(MEDICATION_CHANGES as readonly string[]).includes(change)) {
    issues.push({ path: `${path}.change`, message: `must be one of ${MEDICATION_CHANGES.join(', ')}` });
    return undefined;
  }
  const unknown = Object.keys(value).find((key) => !['name', 'dose', 'route', 'frequency', 'change'].includes(key));
  if (unknown !== undefined) {
    issues.push({ path: `${path}.${unknown}`, message: 'is not a field of a medication entry' });
    return undefined;
  }
  return {
    name: entry.name ?? '',
    dose: entry.dose ?? '',
    route: entry.route ?? '',
    frequency: entry.frequency ?? '',
    change: change as MedicationEntry['change'],
  };
}

function checkValue(field: NoteField, value: unknown, path: string, issues: FieldIssue[]): NoteFieldValue | undefined {
  switch (field.kind) {
    case 'text':
      if (typeof value !== 'string') return void issues.push({ path, message: 'must be text' });
      if (value.length > MAX_TEXT_LENGTH) return void issues.push({ path, message: `use at most ${MAX_TEXT_LENGTH} characters` });
      return value;
    case 'codes':
      if (!Array.isArray(value) || value.some((code) => typeof code !== 'string' || code.length > 10))
        return void issues.push({ path, message: 'must be a list of ICD-10-CM codes' });
      if (value.length > MAX_CODES) return void issues.push({ path, message: `list at most ${MAX_CODES} codes` });
      return value as string[];
    case 'medications': {
      if (!Array.isArray(value)) return void issues.push({ path, message: 'must be a list of medications' });
      if (value.length > MAX_MEDICATIONS) return void issues.push({ path, message: `list at most ${MAX_MEDICATIONS} medications` });
      const entries: MedicationEntry[] = [];
      for (const [index, item] of value.entries()) {
        const entry = checkMedication(item, `${path}.${index}`, issues);
        if (!entry) return undefined;
        entries.push(entry);
      }
      return entries;
    }
    case 'yes_no':
      if (value !== null && typeof value !== 'boolean')
        return void issues.push({ path, message: 'must be yes (true), no (false) or unanswered (null)' });
      return value;
  }
}

/**
 * The shape of a draft's content: only the type's fields, each of its kind. Anything may still be
 * empty (a draft is work in progress); emptiness is the signing check's business.
 */
export function checkDraftContent(noteType: NoteType, content: unknown): Checked {
  if (!isRecord(content)) return { ok: false, issues: [{ path: 'content', message: 'must be an object of the note type’s fields' }] };
  const fields = new Map(NOTE_TYPE_DEFINITIONS[noteType].fields.map((field) => [field.key, field]));
  const issues: FieldIssue[] = [];
  const checked: NoteContent = {};
  for (const [key, value] of Object.entries(content)) {
    const field = fields.get(key);
    const path = `content.${key}`;
    if (!field) {
      issues.push({ path, message: `is not a field of a ${NOTE_TYPE_DEFINITIONS[noteType].label}` });
      continue;
    }
    const result = checkValue(field, value, path, issues);
    if (result !== undefined) checked[key] = result;
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, content: checked };
}

function isCompleteMedication(entry: MedicationEntry): boolean {
  return [entry.name, entry.dose, entry.route, entry.frequency].every((part) => part.trim() !== '');
}

/**
 * Whether a note may be signed: every required field answered (text non-empty after trimming, at
 * least one well-formed ICD-10-CM code, at least one complete medication entry, yes/no answered).
 * Issues name `content.<key>` and the field's label, so the editor can point at each.
 */
export function checkNoteForSigning(noteType: NoteType, content: NoteContent): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const field of NOTE_TYPE_DEFINITIONS[noteType].fields) {
    const path = `content.${field.key}`;
    const value = content[field.key];
    switch (field.kind) {
      case 'text':
        if (field.required && (typeof value !== 'string' || value.trim() === ''))
          issues.push({ path, message: `${field.label} is required to sign` });
        break;
      case 'codes': {
        const codes = Array.isArray(value) ? value.filter((code): code is string => typeof code === 'string') : [];
        const bad = codes.find((code) => !isIcd10CmCode(normalizeDiagnosisCode(code)));
        if (bad !== undefined) issues.push({ path, message: `"${bad}" is not a well-formed ICD-10-CM code (e.g. F33.1)` });
        else if (field.required && codes.length === 0) issues.push({ path, message: `${field.label}: give at least one code to sign` });
        break;
      }
      case 'medications': {
        const entries = Array.isArray(value) ? (value as MedicationEntry[]) : [];
        if (field.required && !entries.some(isCompleteMedication))
          issues.push({ path, message: `${field.label}: at least one entry with name, dose, route and frequency is required to sign` });
        break;
      }
      case 'yes_no':
        if (field.required && typeof value !== 'boolean') issues.push({ path, message: `${field.label}: answer yes or no to sign` });
        break;
    }
  }
  return issues;
}

/** The content as it is signed: text trimmed, codes upper-cased, blank medication rows dropped. */
export function contentForSigning(noteType: NoteType, content: NoteContent): NoteContent {
  const signed: NoteContent = {};
  for (const field of NOTE_TYPE_DEFINITIONS[noteType].fields) {
    const value = content[field.key];
    if (value === undefined) continue;
    if (field.kind === 'text' && typeof value === 'string') signed[field.key] = value.trim();
    else if (field.kind === 'codes' && Array.isArray(value))
      signed[field.key] = (value as string[]).map((code) => code.trim().toUpperCase()).filter((code) => code !== '');
    else if (field.kind === 'medications' && Array.isArray(value))
      signed[field.key] = (value as MedicationEntry[]).filter((entry) => entry.name.trim() !== '');
    else signed[field.key] = value;
  }
  return signed;
}

/** A trainee's note (the author's profile names a co-signing supervisor) waits for that supervisor. */
export type SigningOutcome = { status: 'signed'; cosignerId: null } | { status: 'awaiting_cosign'; cosignerId: string };

export function signingOutcome(author: { cosignSupervisorId: string | null }): SigningOutcome {
  return author.cosignSupervisorId === null
    ? { status: 'signed', cosignerId: null }
    : { status: 'awaiting_cosign', cosignerId: author.cosignSupervisorId };
}

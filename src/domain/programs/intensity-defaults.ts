// Default intensity rules by level of care and population. Every value and its source is listed in
// docs/domain/intensity.md; values marked there as unverified are defaults a program can edit.
import type { IntensityRules } from './intensity-rules.js';

export const LEVELS_OF_CARE = ['OP', 'IOP', 'PHP'] as const;
export type LevelOfCare = (typeof LEVELS_OF_CARE)[number];

export const POPULATIONS = ['adult', 'adolescent'] as const;
export type Population = (typeof POPULATIONS)[number];

const HOUR = 60;

// Rows are data, read by one function: OP ends a minute below the IOP floor, so that whole minutes
// never fall between two levels. IOP ends at 19 h (DC 22-A6329, Medicare 9-19) and PHP starts at 20 h.
const DEFAULTS: Record<LevelOfCare, Record<Population, IntensityRules>> = {
  OP: {
    adult: {
      weeklyFloorMinutes: 0,
      weeklyCeilingMinutes: 9 * HOUR - 1,
      minDaysPerWeek: 0,
      minBillableDaysPerWeek: 0,
      minBillableDayMinutes: 0,
    },
    adolescent: {
      weeklyFloorMinutes: 0,
      weeklyCeilingMinutes: 6 * HOUR - 1,
      minDaysPerWeek: 0,
      minBillableDaysPerWeek: 0,
      minBillableDayMinutes: 0,
    },
  },
  IOP: {
    adult: {
      weeklyFloorMinutes: 9 * HOUR,
      weeklyCeilingMinutes: 19 * HOUR,
      minDaysPerWeek: 3,
      minBillableDaysPerWeek: 3,
      minBillableDayMinutes: 3 * HOUR,
    },
    // 3 billable days of 3 h would be 9 h, above the 6 h adolescent floor, so adolescents get no
    // billable-day count by default; the 3 h day stays as the billing threshold (S9480).
    adolescent: {
      weeklyFloorMinutes: 6 * HOUR,
      weeklyCeilingMinutes: 19 * HOUR,
      minDaysPerWeek: 3,
      minBillableDaysPerWeek: 0,
      minBillableDayMinutes: 3 * HOUR,
    },
  },
  PHP: {
    adult: {
      weeklyFloorMinutes: 20 * HOUR,
      weeklyCeilingMinutes: null,
      minDaysPerWeek: 0,
      minBillableDaysPerWeek: 0,
      minBillableDayMinutes: 0,
    },
    adolescent: {
      weeklyFloorMinutes: 20 * HOUR,
      weeklyCeilingMinutes: null,
      minDaysPerWeek: 0,
      minBillableDaysPerWeek: 0,
      minBillableDayMinutes: 0,
    },
  },
};

/** A fresh copy each call, so a caller editing its rules cannot change the defaults. */
export function defaultIntensityRules(level: LevelOfCare, population: Population): IntensityRules {
  return { ...DEFAULTS[level][population] };
}

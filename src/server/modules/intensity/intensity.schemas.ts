import { z } from 'zod';
import { Uuid, standardErrors, ErrorBody } from '../../http/common-schemas.js';

const WeekKey = z.string().regex(/^\d{4}-W\d{2}$/, 'must be an ISO week such as 2026-W45');

export const WeeklyQuery = z.strictObject({ week: WeekKey, siteId: Uuid.optional(), programId: Uuid.optional() });
export const PatientParams = z.strictObject({ patientId: Uuid });
export const PatientWeekQuery = z.strictObject({ week: WeekKey.optional() });

export const IsoWeekDto = z.object({ key: z.string(), monday: z.string(), sunday: z.string() });

export const RulesDto = z.object({
  weeklyFloorMinutes: z.number(),
  weeklyCeilingMinutes: z.number().nullable(),
  minDaysPerWeek: z.number(),
  minBillableDaysPerWeek: z.number(),
  minBillableDayMinutes: z.number(),
});

export const DayDto = z.object({ date: z.string(), minutes: z.number(), services: z.number(), billable: z.boolean() });

export const ComplianceDto = z.object({
  minutes: z.number(),
  daysAttended: z.number(),
  billableDays: z.number(),
  days: z.array(DayDto),
  status: z.enum(['compliant', 'below_floor', 'above_ceiling']),
  findings: z.array(z.object({ code: z.string(), message: z.string() })),
  reasons: z.array(z.string()),
});

export const EpisodeRefDto = z.object({
  episodeId: z.string(),
  episodeStatus: z.enum(['open', 'closed']),
  programId: z.string(),
  programName: z.string(),
  siteId: z.string(),
  levelOfCare: z.string(),
  timeZone: z.string(),
});

/** One patient's week. Program details and rules are listed once per program in `programs`. */
export const WeeklyRowDto = z.object({
  patientId: z.string(),
  name: z.string(),
  episodeId: z.string(),
  programId: z.string(),
  minutes: z.number(),
  daysAttended: z.number(),
  billableDays: z.number(),
  days: z.array(DayDto),
  status: z.enum(['compliant', 'below_floor', 'above_ceiling']),
  /** Codes of the rules the week breaks; `reasons` says them in words. */
  findings: z.array(z.string()),
  reasons: z.array(z.string()),
});

export const ReportProgramDto = z.object({
  programId: z.string(),
  programName: z.string(),
  siteId: z.string(),
  levelOfCare: z.string(),
  timeZone: z.string(),
  rules: RulesDto,
});

export const WeeklyReportDto = z.object({
  week: IsoWeekDto,
  programs: z.array(ReportProgramDto),
  rows: z.array(WeeklyRowDto),
  summary: z.object({ patients: z.number(), compliant: z.number(), belowFloor: z.number(), aboveCeiling: z.number() }),
});

const CheckDto = z.object({
  status: z.enum(['on_track', 'at_risk', 'cannot_meet']),
  required: z.number(),
  attended: z.number(),
  projected: z.number(),
  afterOneMiss: z.number(),
});

export const ForecastDto = z.object({
  status: z.enum(['on_track', 'at_risk', 'cannot_meet']),
  minutes: CheckDto,
  days: CheckDto,
  billableDays: CheckDto,
  remainingSessions: z.number(),
  remainingMinutes: z.number(),
  overCeiling: z.boolean(),
  reasons: z.array(z.string()),
});

export const PatientIntensityDto = z.object({
  patientId: z.string(),
  week: IsoWeekDto,
  /** The forecast is computed as of this instant (now, clamped into the week). */
  asOf: z.string(),
  isCurrentWeek: z.boolean(),
  episode: EpisodeRefDto.nullable(),
  rules: RulesDto.nullable(),
  intensity: ComplianceDto.nullable(),
  forecast: ForecastDto.nullable(),
});

export const intensityErrors = { ...standardErrors, 422: ErrorBody } as const;

export type WeeklyReport = z.infer<typeof WeeklyReportDto>;
export type PatientIntensity = z.infer<typeof PatientIntensityDto>;
export type Compliance = z.infer<typeof ComplianceDto>;
export type Forecast = z.infer<typeof ForecastDto>;
export type EpisodeRef = z.infer<typeof EpisodeRefDto>;

import { z } from 'zod';
import { MOVE_KINDS } from '../../../domain/episodes/level-change.js';
import { ErrorBody, Uuid, standardErrors } from '../../http/common-schemas.js';

export const DISPOSITIONS = ['completed', 'stepped_down', 'stepped_up', 'left_against_advice', 'administrative', 'transferred'] as const;
export const EVENT_KINDS = [
  'admitted',
  'transferred_in',
  'transferred_out',
  'stepped_up',
  'stepped_down',
  'level_changed',
  'discharged',
] as const;

const LevelOfCare = z.enum(['OP', 'IOP', 'PHP']);
const DateText = z.iso.date({ message: 'must be a date (YYYY-MM-DD)' });
const ExpectedWeeks = z.number().int().min(1, 'must be 1 to 104 weeks').max(104, 'must be 1 to 104 weeks');
const Note = (max: number) => z.string().trim().min(1, 'is required').max(max, `use at most ${max} characters`);

export const EpisodeEventDto = z.object({
  id: z.string(),
  kind: z.enum(EVENT_KINDS),
  effectiveOn: z.string(),
  fromProgramId: z.string().nullable(),
  fromProgramName: z.string().nullable(),
  toProgramId: z.string().nullable(),
  toProgramName: z.string().nullable(),
  fromLevel: z.string().nullable(),
  toLevel: z.string().nullable(),
  reason: z.string(),
  recordedBy: z.string().nullable(),
  recordedByName: z.string().nullable(),
  recordedAt: z.string(),
});

export const EpisodeDto = z.object({
  id: z.string(),
  patientId: z.string(),
  programId: z.string(),
  programName: z.string(),
  siteId: z.string(),
  siteName: z.string(),
  levelOfCare: LevelOfCare,
  part2: z.boolean(),
  status: z.enum(['open', 'closed']),
  admittedOn: z.string(),
  expectedWeeks: z.number().nullable(),
  expectedEndOn: z.string().nullable(),
  dischargedOn: z.string().nullable(),
  disposition: z.enum(DISPOSITIONS).nullable(),
  aftercareNote: z.string().nullable(),
  previousEpisodeId: z.string().nullable(),
  nextEpisodeId: z.string().nullable(),
  version: z.number(),
  events: z.array(EpisodeEventDto),
});

export const EpisodeListDto = z.object({ episodes: z.array(EpisodeDto) });

export const AdmitBody = z.strictObject({
  programId: Uuid,
  admittedOn: DateText,
  expectedWeeks: ExpectedWeeks.nullable().optional(),
});

export const TransferBody = z.strictObject({
  kind: z.enum(MOVE_KINDS),
  /** The program the patient moves to; leave out and set toInpatient for a step up to 24-hour care outside the system. */
  toProgramId: Uuid.optional(),
  toInpatient: z.literal(true).optional(),
  effectiveOn: DateText,
  reason: Note(1000),
  /** Required for a step up to inpatient care: where the patient is referred. */
  referralNote: Note(4000).optional(),
  expectedWeeks: ExpectedWeeks.nullable().optional(),
});

export const TransferResultDto = z.object({ closed: EpisodeDto, opened: EpisodeDto.nullable() });

export const DischargeBody = z.strictObject({
  dischargedOn: DateText,
  disposition: z.enum(DISPOSITIONS),
  aftercareNote: Note(4000),
});

export const PatientEpisodesParams = z.strictObject({ patientId: Uuid });
export const EpisodeParams = z.strictObject({ episodeId: Uuid });

const Series = {
  templateId: z.string(),
  title: z.string(),
  modality: z.string(),
  programId: z.string(),
  programName: z.string(),
  daysOfWeek: z.array(z.number()),
  startTime: z.string(),
  durationMinutes: z.number(),
  telehealth: z.boolean(),
};

export const PlanDto = z.object({
  episodeId: z.string(),
  patientId: z.string(),
  episodeStatus: z.enum(['open', 'closed']),
  version: z.number(),
  admittedOn: z.string(),
  dischargedOn: z.string().nullable(),
  program: z.object({
    id: z.string(),
    name: z.string(),
    levelOfCare: LevelOfCare,
    population: z.enum(['adult', 'adolescent']),
    siteId: z.string(),
    timeZone: z.string(),
    rules: z.object({
      weeklyFloorMinutes: z.number(),
      weeklyCeilingMinutes: z.number().nullable(),
      minDaysPerWeek: z.number(),
      minBillableDaysPerWeek: z.number(),
      minBillableDayMinutes: z.number(),
    }),
  }),
  enrolments: z.array(
    z.object({
      ...Series,
      seriesStartsOn: z.string(),
      seriesEndsOn: z.string().nullable(),
      seriesActive: z.boolean(),
      startsOn: z.string(),
      endsOn: z.string().nullable(),
      inEffect: z.boolean(),
    }),
  ),
  weekly: z.object({
    asOf: z.string(),
    minutes: z.number(),
    days: z.number(),
    billableDays: z.number(),
    byWeekday: z.array(z.object({ weekday: z.number(), minutes: z.number(), sessions: z.number(), billable: z.boolean() })),
    status: z.enum(['compliant', 'below_floor', 'above_ceiling']),
    reasons: z.array(z.string()),
  }),
  available: z.array(z.object({ ...Series, seriesStartsOn: z.string(), seriesEndsOn: z.string().nullable() })),
});

export const PlanQuery = z.strictObject({ asOf: DateText.optional() });

export const PutPlanBody = z.strictObject({
  version: z.number().int().min(1),
  enrolments: z
    .array(z.strictObject({ templateId: Uuid, startsOn: DateText, endsOn: DateText.nullable() }))
    .max(20, 'a plan holds at most 20 series'),
});

export const episodeErrors = { ...standardErrors, 409: ErrorBody, 412: ErrorBody, 422: ErrorBody } as const;

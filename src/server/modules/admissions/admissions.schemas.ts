import { z } from 'zod';
import { CLOSE_REASONS, INQUIRY_STAGES } from '../../../domain/admissions/stage-rules.js';
import { PATIENT_LANGUAGES } from '../../../domain/patients/patient-language.js';
import { Email, ErrorBody, Uuid, standardErrors } from '../../http/common-schemas.js';

const Stage = z.enum(INQUIRY_STAGES);
const IsoDateTime = z.iso.datetime({ offset: true, message: 'must be a date-time with a time zone (ISO 8601)' });
const DateText = z.iso.date({ message: 'must be a date (YYYY-MM-DD)' });
const Version = z.number().int().min(1);
const Flag = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');
/** Optional text: blank means none. */
const OptionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `use at most ${max} characters`)
    .nullable()
    .optional()
    .transform((value) => (value === null || value === undefined || value === '' ? null : value));

/** An email as typed (surrounding spaces dropped); blank means none. */
const OptionalEmail = z
  .string()
  .trim()
  .pipe(z.union([z.literal(''), Email]))
  .nullable()
  .optional()
  .transform((value) => (value === null || value === undefined || value === '' ? null : value));

export const CALL_OUTCOMES = ['reached', 'left_voicemail', 'no_answer', 'wrong_number'] as const;
const ACTIVITY_KINDS = ['call', 'email', 'text_message', 'note', 'stage_change', 'assessment_booked', 'merged', 'submitted'] as const;

export const ResponseClockDto = z.object({
  minutesWaiting: z.number().nullable(),
  minutesToFirstContact: z.number().nullable(),
  overdue: z.boolean(),
  dueAt: z.string(),
});

const inquiryCore = {
  id: z.string(),
  stage: Stage,
  closedReason: z.string().nullable(),
  referredTo: z.string().nullable(),
  urgent: z.boolean(),
  urgentReason: z.string().nullable(),
  source: z.enum(['web_form', 'api', 'staff']),
  language: z.enum(['en', 'es']),
  forWhom: z.enum(['self', 'loved_one']),
  contactName: z.string(),
  patientName: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  programId: z.string().nullable(),
  programName: z.string().nullable(),
  ownerId: z.string().nullable(),
  ownerName: z.string().nullable(),
  firstContactAt: z.string().nullable(),
  assessmentAt: z.string().nullable(),
  assessmentClinicianId: z.string().nullable(),
  assessmentClinicianName: z.string().nullable(),
  admittedAt: z.string().nullable(),
  patientId: z.string().nullable(),
  episodeId: z.string().nullable(),
  mergedIntoId: z.string().nullable(),
  version: z.number(),
  createdAt: z.string(),
  clock: ResponseClockDto,
};

export const InquirySummaryDto = z.object({
  ...inquiryCore,
  openTasks: z.number(),
  nextTaskDueAt: z.string().nullable(),
  duplicateCount: z.number(),
});

export const InquiryListDto = z.object({
  inquiries: z.array(InquirySummaryDto),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  responseTargetMinutes: z.number(),
});

export const ActivityDto = z.object({
  id: z.string(),
  kind: z.enum(ACTIVITY_KINDS),
  callOutcome: z.enum(CALL_OUTCOMES).nullable(),
  body: z.string().nullable(),
  stageFrom: z.string().nullable(),
  stageTo: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
});

export const TaskDto = z.object({
  id: z.string(),
  inquiryId: z.string(),
  contactName: z.string(),
  title: z.string(),
  dueAt: z.string(),
  ownerId: z.string(),
  ownerName: z.string(),
  doneAt: z.string().nullable(),
  overdue: z.boolean(),
});

export const TaskListDto = z.object({ tasks: z.array(TaskDto) });

const Level = z.enum(['inpatient_referral', 'PHP', 'IOP', 'OP']);

export const InquiryDetailDto = z.object({
  ...inquiryCore,
  bestTime: z.string().nullable(),
  state: z.string().nullable(),
  ageRange: z.string().nullable(),
  concerns: z.string().nullable(),
  formatPreference: z.string().nullable(),
  payerName: z.string().nullable(),
  memberId: z.string().nullable(),
  heardAbout: z.string().nullable(),
  /** What the visitor chose to send from the public self-check, as stored (never a diagnosis). */
  selfCheck: z.unknown(),
  activities: z.array(ActivityDto),
  tasks: z.array(TaskDto),
  duplicates: z.array(
    z.object({
      id: z.string(),
      stage: Stage,
      contactName: z.string(),
      phone: z.string().nullable(),
      email: z.string().nullable(),
      createdAt: z.string(),
    }),
  ),
  assessments: z.array(z.object({ id: z.string(), assessedAt: z.string(), recommendedLevel: Level, finalLevel: Level })),
  admission: z.object({ allowed: z.boolean(), rule: z.string().nullable(), message: z.string().nullable(), level: z.string().nullable() }),
});

export const StaffUsersDto = z.object({
  users: z.array(z.object({ id: z.string(), displayName: z.string(), roles: z.array(z.string()) })),
});

export const InquiryParams = z.strictObject({ inquiryId: Uuid });
export const TaskParams = z.strictObject({ inquiryId: Uuid, taskId: Uuid });

export const InquiryListQuery = z.strictObject({
  stage: z.union([Stage, z.enum(['open', 'all'])]).default('all'),
  q: z.string().trim().max(100).optional(),
  urgent: Flag.optional(),
  overdue: Flag.optional(),
  ownerId: Uuid.optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const CreateInquiryBody = z.strictObject({
  forWhom: z.enum(['self', 'loved_one']),
  contactName: z.string().trim().min(1, 'is required').max(200, 'use at most 200 characters'),
  patientName: OptionalText(200),
  phone: OptionalText(40),
  email: OptionalEmail,
  bestTime: OptionalText(200),
  state: OptionalText(2),
  ageRange: z.enum(['under_13', '13_17', '18_25', '26_64', '65_plus']).nullable().optional(),
  concerns: OptionalText(4000),
  programId: Uuid.nullable().optional(),
  formatPreference: z.enum(['in_person', 'online', 'no_preference']).nullable().optional(),
  payerName: OptionalText(200),
  memberId: OptionalText(100),
  heardAbout: OptionalText(200),
  language: z.enum(['en', 'es']).default('en'),
  urgent: z.boolean().default(false),
  urgentReason: OptionalText(500),
  /** The caller was on the phone with staff: that call is the first contact (default). */
  contactMade: z.boolean().default(true),
});

export const ActivityBody = z.strictObject({
  kind: z.enum(['call', 'email', 'text_message', 'note']),
  callOutcome: z.enum(CALL_OUTCOMES).optional(),
  body: OptionalText(4000),
});

export const StageBody = z.strictObject({
  version: Version,
  to: Stage,
  reason: z.enum(CLOSE_REASONS).optional(),
  reasonText: z.string().trim().max(400, 'use at most 400 characters').optional(),
  referredTo: z.string().trim().max(300, 'use at most 300 characters').optional(),
});

export const BookingBody = z.strictObject({ version: Version, at: IsoDateTime, clinicianId: Uuid });

export const OwnerBody = z.strictObject({ version: Version, ownerId: Uuid.nullable() });

export const TaskBody = z.strictObject({
  title: z.string().trim().min(1, 'is required').max(200, 'use at most 200 characters'),
  dueAt: IsoDateTime,
  ownerId: Uuid.optional(),
});

export const TaskListQuery = z.strictObject({ mine: Flag.optional() });

export const MergeBody = z.strictObject({ version: Version, duplicateId: Uuid });

const Name = z.string().trim().min(1, 'is required').max(100, 'use at most 100 characters');
export const AdmitInquiryBody = z.strictObject({
  version: Version,
  programId: Uuid,
  admittedOn: DateText,
  expectedWeeks: z.number().int().min(1).max(104).nullable().optional(),
  patient: z.strictObject({
    legalFirstName: Name,
    legalLastName: Name,
    preferredName: OptionalText(100),
    pronouns: OptionalText(50),
    dateOfBirth: DateText,
    stateOfResidence: z.string().max(10, 'must be a two-letter US state code'),
    phone: OptionalText(40),
    email: OptionalEmail,
    preferredLanguage: z.enum(PATIENT_LANGUAGES, { message: 'must be "en", "es" or null' }).nullable().optional(),
  }),
});

export const AdmitResultDto = z.object({
  inquiryId: z.string(),
  patientId: z.string(),
  episodeId: z.string(),
  assessmentsAttached: z.number(),
});

export const ReportQuery = z.strictObject({ from: DateText.optional(), to: DateText.optional() });

const Count = z.object({ key: z.string(), count: z.number() });
export const ReportDto = z.object({
  from: z.string(),
  to: z.string(),
  total: z.number(),
  bySource: z.array(Count),
  byStage: z.array(Count),
  firstContact: z.object({ contacted: z.number(), medianMinutes: z.number().nullable(), p90Minutes: z.number().nullable() }),
  admission: z.object({ admitted: z.number(), medianMinutes: z.number().nullable(), conversionPercent: z.number().nullable() }),
  closedReasons: z.array(Count),
  referredTo: z.array(Count),
});

export const inquiryErrors = { ...standardErrors, 409: ErrorBody, 412: ErrorBody, 422: ErrorBody } as const;

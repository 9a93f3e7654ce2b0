import { z } from 'zod';
import { ATTENDANCE_STATUSES } from '../../../domain/intensity/attendance.js';
import { ErrorBody, Uuid, standardErrors } from '../../http/common-schemas.js';

export const AttendanceStatusSchema = z.enum(ATTENDANCE_STATUSES);
export const ModeSchema = z.enum(['in_person', 'telehealth']);

export const SessionParams = z.strictObject({ sessionId: Uuid });
export const SessionPatientParams = z.strictObject({ sessionId: Uuid, patientId: Uuid });

/** Headers are loose: only the idempotency key is ours; its format is checked by the service. */
export const IdempotencyHeaders = z.looseObject({ 'idempotency-key': z.string().max(200).optional() });

// Minutes are any number here: the domain's validateMinutes checks them against the status and the
// session length and names the field `attendance[i].minutes`.
const Minutes = z.number();
const Version = z.number().int().positive();
const Reason = z.string().trim().min(1, 'is required').max(1000);

export const CheckInItem = z.strictObject({
  patientId: Uuid,
  status: AttendanceStatusSchema,
  /** Defaults to the session length for present/late/left early and 0 for absences. */
  minutes: Minutes.optional(),
  /** Defaults to telehealth for a telehealth session, in person otherwise. */
  mode: ModeSchema.optional(),
  /** The version the client last saw; a different current version is 412. */
  version: Version.optional(),
});

export const CheckInBody = z.strictObject({
  attendance: z.array(CheckInItem).min(1, 'list at least one patient').max(200),
  /** Required when the session's day is closed: every change is then a correction. */
  reason: Reason.optional(),
});

export const SingleCheckInBody = z.strictObject({
  status: AttendanceStatusSchema,
  minutes: Minutes.optional(),
  mode: ModeSchema.optional(),
  version: Version.optional(),
  reason: Reason.optional(),
});

export const AttendanceDto = z.object({
  id: z.string(),
  patientId: z.string(),
  episodeId: z.string().nullable(),
  status: AttendanceStatusSchema,
  minutes: z.number(),
  mode: ModeSchema,
  walkIn: z.boolean(),
  version: z.number(),
  recordedAt: z.string(),
  recordedBy: z.string(),
});

export const RosterSessionDto = z.object({
  id: z.string(),
  title: z.string(),
  kind: z.string(),
  siteId: z.string(),
  siteName: z.string(),
  timeZone: z.string(),
  programId: z.string().nullable(),
  startsAt: z.string(),
  endsAt: z.string(),
  localDate: z.string(),
  lengthMinutes: z.number(),
  status: z.enum(['scheduled', 'cancelled']),
  cancelReason: z.string().nullable(),
  defaultMode: ModeSchema,
  dayClosed: z.boolean(),
  dayClosedAt: z.string().nullable(),
});

export const RosterRowDto = z.object({
  patientId: z.string(),
  name: z.string(),
  episodeId: z.string().nullable(),
  /** Enrolled in the group on this date (or the patient of an individual session). */
  expected: z.boolean(),
  walkIn: z.boolean(),
  attendance: AttendanceDto.nullable(),
});

export const RosterDto = z.object({
  session: RosterSessionDto,
  rows: z.array(RosterRowDto),
  counts: z.object({ expected: z.number(), recorded: z.number(), attended: z.number(), walkIns: z.number() }),
});

export const CheckInOutcome = z.enum(['created', 'updated', 'unchanged']);

export const CheckInResultDto = z.object({
  sessionId: z.string(),
  dayClosed: z.boolean(),
  results: z.array(z.object({ patientId: z.string(), outcome: CheckInOutcome, corrected: z.boolean(), attendance: AttendanceDto })),
});

export const SingleCheckInResultDto = z.object({
  patientId: z.string(),
  outcome: CheckInOutcome,
  corrected: z.boolean(),
  attendance: AttendanceDto,
});

export const CloseDayDto = z.object({ sessionId: z.string(), dayClosedAt: z.string(), alreadyClosed: z.boolean() });

export const attendanceErrors = { ...standardErrors, 409: ErrorBody, 412: ErrorBody, 422: ErrorBody } as const;

export type CheckInItemInput = z.infer<typeof CheckInItem>;
export type AttendanceDtoType = z.infer<typeof AttendanceDto>;
export type RosterDtoType = z.infer<typeof RosterDto>;
export type CheckInResult = z.infer<typeof CheckInResultDto>;
export type CloseDayResult = z.infer<typeof CloseDayDto>;

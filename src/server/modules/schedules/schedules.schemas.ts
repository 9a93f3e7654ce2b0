import { z } from 'zod';
import { MODALITIES } from '../../../domain/programs/modalities.js';
import { ErrorBody, Uuid, standardErrors } from '../../http/common-schemas.js';

// Shapes of the schedules API. Calendar rules (time of day, duration, weekdays, dates) are checked
// by src/domain/scheduling so the messages and paths are the domain's; zod checks types and sizes.

export const LocalDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date (YYYY-MM-DD)');
const TimeOfDay = z.string().max(10);
const Title = z.string().trim().min(1, 'is required').max(200);
const Reason = z.string().trim().min(1, 'give a reason').max(500);
const Version = z.number().int().min(1);

export const ModalitySchema = z.enum(MODALITIES);
export const SESSION_KINDS = ['group', 'individual_therapy', 'family_session', 'psychiatric_evaluation', 'medication_management'] as const;
export const APPOINTMENT_KINDS = ['individual_therapy', 'family_session', 'psychiatric_evaluation', 'medication_management'] as const;

export const schedulesErrors = { ...standardErrors, 409: ErrorBody, 412: ErrorBody, 422: ErrorBody } as const;

export const Person = z.object({ id: z.string(), displayName: z.string() });

// ---- group templates ----

const TemplateShape = {
  programId: Uuid,
  title: Title,
  modality: ModalitySchema,
  daysOfWeek: z.array(z.number().int()).max(7),
  startTime: TimeOfDay,
  durationMinutes: z.number(),
  facilitatorIds: z.array(Uuid).min(1, 'choose at least one facilitator').max(10),
  roomId: Uuid.nullable(),
  telehealth: z.boolean(),
  capacity: z.number().int('must be a whole number').min(1, 'must be at least 1').max(500),
  startsOn: LocalDate,
  endsOn: LocalDate.nullable(),
};

export const CreateTemplateBody = z.strictObject(TemplateShape);
export const UpdateTemplateBody = z.strictObject({
  version: Version.optional(),
  programId: TemplateShape.programId.optional(),
  title: TemplateShape.title.optional(),
  modality: TemplateShape.modality.optional(),
  daysOfWeek: TemplateShape.daysOfWeek.optional(),
  startTime: TemplateShape.startTime.optional(),
  durationMinutes: TemplateShape.durationMinutes.optional(),
  facilitatorIds: TemplateShape.facilitatorIds.optional(),
  roomId: TemplateShape.roomId.optional(),
  telehealth: TemplateShape.telehealth.optional(),
  capacity: TemplateShape.capacity.optional(),
  startsOn: TemplateShape.startsOn.optional(),
  endsOn: TemplateShape.endsOn.optional(),
});
export const EndTemplateBody = z.strictObject({ endsOn: LocalDate, version: Version.optional() });
export const TemplateParams = z.strictObject({ templateId: Uuid });
export const TemplateListQuery = z.strictObject({
  programId: Uuid.optional(),
  siteId: Uuid.optional(),
  includeEnded: z.enum(['true', 'false']).optional(),
});

export const TemplateDto = z.object({
  id: z.string(),
  programId: z.string(),
  siteId: z.string(),
  timeZone: z.string(),
  title: z.string(),
  modality: z.string(),
  daysOfWeek: z.array(z.number()),
  startTime: z.string(),
  durationMinutes: z.number(),
  facilitators: z.array(Person),
  roomId: z.string().nullable(),
  telehealth: z.boolean(),
  capacity: z.number(),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const GenerationSummaryDto = z.object({
  from: z.string(),
  to: z.string(),
  templates: z.number(),
  created: z.number(),
  updated: z.number(),
  removed: z.number(),
  cancelledByClosure: z.number(),
  keptChanged: z.number(),
  keptStarted: z.number(),
});

export const TemplateWithGeneration = z.object({ template: TemplateDto, generation: GenerationSummaryDto });

export const ScheduleOptionsDto = z.object({
  sites: z.array(z.object({ id: z.string(), name: z.string(), timeZone: z.string() })),
  programs: z.array(z.object({ id: z.string(), name: z.string(), siteId: z.string() })),
  rooms: z.array(z.object({ id: z.string(), name: z.string(), siteId: z.string(), capacity: z.number(), active: z.boolean() })),
  staff: z.array(
    z.object({
      id: z.string(),
      displayName: z.string(),
      roles: z.array(z.string()),
      modalities: z.array(z.string()),
      licensedStates: z.array(z.string()),
    }),
  ),
});

export const GenerateBody = z.strictObject({ from: LocalDate, to: LocalDate, siteId: Uuid.optional(), templateId: Uuid.optional() });

// ---- sessions (group occurrences and appointments) ----

export const SessionDto = z.object({
  id: z.string(),
  kind: z.enum(SESSION_KINDS),
  title: z.string(),
  modality: z.string().nullable(),
  siteId: z.string(),
  timeZone: z.string(),
  programId: z.string().nullable(),
  templateId: z.string().nullable(),
  occurrenceDate: z.string().nullable(),
  localDate: z.string(),
  localStartTime: z.string(),
  localEndTime: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  durationMinutes: z.number(),
  facilitators: z.array(Person),
  substituteFacilitatorId: z.string().nullable(),
  room: z.object({ id: z.string(), name: z.string() }).nullable(),
  telehealth: z.boolean(),
  capacity: z.number(),
  status: z.enum(['scheduled', 'cancelled']),
  cancelReason: z.string().nullable(),
  cancelledBy: z.enum(['closure', 'staff']).nullable(),
  moved: z.boolean(),
  /** Group sessions: patients enrolled for that day; individual appointments: 1. */
  expected: z.number(),
  version: z.number(),
});

export const SessionParams = z.strictObject({ sessionId: Uuid });

/** A new local date and time in the session's site zone; the length as minutes or as an end time. */
const When = {
  date: LocalDate,
  startTime: TimeOfDay,
  durationMinutes: z.number().optional(),
  endTime: TimeOfDay.optional(),
};

export const ChangeSessionBody = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('move'), version: Version.optional(), ...When }),
  z.strictObject({ action: z.literal('cancel'), version: Version.optional(), reason: Reason }),
  z.strictObject({ action: z.literal('restore'), version: Version.optional() }),
  z.strictObject({
    action: z.literal('substitute'),
    version: Version.optional(),
    facilitatorId: Uuid.nullable(),
    replacesFacilitatorId: Uuid.optional(),
  }),
]);

export const BookAppointmentBody = z.strictObject({
  kind: z.enum(APPOINTMENT_KINDS),
  patientId: Uuid,
  clinicianId: Uuid,
  siteId: Uuid,
  roomId: Uuid.nullable(),
  telehealth: z.boolean(),
  episodeId: Uuid.optional(),
  ...When,
});

export const AppointmentParams = z.strictObject({ appointmentId: Uuid });
export const CancelAppointmentBody = z.strictObject({ reason: Reason, version: Version.optional() });

export const AppointmentDto = SessionDto.extend({
  patient: z.object({ id: z.string(), displayName: z.string() }),
  episodeId: z.string().nullable(),
});

/** The expected version from the body or an If-Match header ("3", W/"3" or 3). */
export function expectedVersion(bodyVersion: number | undefined, ifMatch: string | string[] | undefined): number | undefined {
  if (bodyVersion !== undefined) return bodyVersion;
  const header = Array.isArray(ifMatch) ? ifMatch[0] : ifMatch;
  if (header === undefined) return undefined;
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(header.trim());
  return match ? Number(match[1]) : Number.NaN;
}

// Who may call what (issue #3 brief, "Who may do what"). The auditor sees only the audit trail.
export const STAFF_READERS = ['admin', 'director', 'clinician', 'psychiatrist', 'admissions', 'billing', 'front_desk'] as const;
export const CONFIG_WRITERS = ['admin', 'director'] as const;
export const SESSION_WRITERS = ['director', 'admin', 'front_desk', 'admissions', 'clinician', 'psychiatrist'] as const;
export const GENERATORS = ['director', 'admin'] as const;

import { z } from 'zod';
import { ATTENDANCE_STATUSES } from '../../../domain/intensity/attendance.js';
import { ErrorBody, Uuid, standardErrors } from '../../http/common-schemas.js';

export const groupNoteErrors = { ...standardErrors, 409: ErrorBody, 412: ErrorBody, 422: ErrorBody } as const;

export const SessionParams = z.strictObject({ sessionId: Uuid });

// Lengths follow the columns (group_note_entries: 10,000 characters per field).
const Text = z.string().max(10000, 'use at most 10000 characters');

export const GroupSummarySchema = z.strictObject({
  topic: z.string().max(500, 'use at most 500 characters'),
  modality: z.string().max(200, 'use at most 200 characters'),
  interventions: Text,
  summary: Text,
});

export const EntryBody = z.strictObject({
  patientId: Uuid,
  participation: Text,
  response: Text,
  progress: Text,
  addressedObjectiveIds: z.array(Uuid).max(100),
});

/** A draft save: the whole note as the editor has it, and the version it read (0: no note yet). */
export const SaveGroupNoteBody = z.strictObject({
  version: z.number().int().min(0).optional(),
  summary: GroupSummarySchema,
  entries: z.array(EntryBody).max(200),
});

export const SignGroupNoteBody = z.strictObject({ version: z.number().int().min(1).optional() });

const Person = z.object({ id: z.string(), name: z.string() });

export const GroupNoteDto = z.object({
  id: z.string(),
  sessionId: z.string(),
  /** awaiting_cosign: signed by a trainee, locked, waiting for `cosigner` (decision 0032). */
  status: z.enum(['draft', 'awaiting_cosign', 'signed']),
  version: z.number(),
  part2: z.boolean(),
  summary: z.object({ topic: z.string(), modality: z.string(), interventions: z.string(), summary: z.string() }),
  entries: z.array(
    z.object({
      patientId: z.string(),
      participation: z.string(),
      response: z.string(),
      progress: z.string(),
      addressedObjectiveIds: z.array(z.string()),
      updatedAt: z.string(),
    }),
  ),
  author: Person,
  createdAt: z.string(),
  updatedAt: z.string(),
  signedBy: Person.nullable(),
  signedAt: z.string().nullable(),
  cosigner: Person.nullable(),
  cosignedBy: Person.nullable(),
  cosignedAt: z.string().nullable(),
  /** How many attendee notes signing wrote into the charts (0 for a draft). */
  notesWritten: z.number(),
});

export const ObjectiveDto = z.object({ id: z.string(), statement: z.string(), targetDate: z.string(), goal: z.string() });

export const GroupNoteRosterRowDto = z.object({
  patientId: z.string(),
  name: z.string(),
  episodeId: z.string().nullable(),
  /** null: expected at the session, attendance not recorded yet. */
  status: z.enum(ATTENDANCE_STATUSES).nullable(),
  minutes: z.number().nullable(),
  mode: z.enum(['in_person', 'telehealth']).nullable(),
  /** Present, late or left early: needs an individualized section. */
  attendee: z.boolean(),
  /** Open objectives of the patient's signed treatment plan for the episode (attendees only). */
  objectives: z.array(ObjectiveDto),
});

export const GroupNoteSessionDto = z.object({
  id: z.string(),
  title: z.string(),
  kind: z.string(),
  status: z.enum(['scheduled', 'cancelled']),
  siteName: z.string(),
  timeZone: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  localDate: z.string(),
  lengthMinutes: z.number(),
});

export const GroupNoteViewDto = z.object({
  session: GroupNoteSessionDto,
  roster: z.array(GroupNoteRosterRowDto),
  note: GroupNoteDto.nullable(),
  /** The caller facilitates this session or is a director, so may write and sign. */
  canWrite: z.boolean(),
  /** A signed note whose roster was corrected afterwards: each change, to answer with an addendum. */
  rosterChanges: z.array(z.object({ patientId: z.string(), name: z.string(), message: z.string() })),
});

export const SaveGroupNoteDto = z.object({ note: GroupNoteDto });

export const GroupNotesToWriteDto = z.object({
  sessions: z.array(
    z.object({
      sessionId: z.string(),
      title: z.string(),
      siteName: z.string(),
      timeZone: z.string(),
      startsAt: z.string(),
      localDate: z.string(),
      attendees: z.number(),
      draft: z.object({ version: z.number(), updatedAt: z.string() }).nullable(),
    }),
  ),
});

import { z } from 'zod';
import { NOTE_TYPES } from '../../../domain/notes/note-content.js';
import { ErrorBody, Uuid, standardErrors } from '../../http/common-schemas.js';

export const notesErrors = { ...standardErrors, 409: ErrorBody, 412: ErrorBody, 422: ErrorBody } as const;

export const PatientParams = z.strictObject({ patientId: Uuid });
export const NoteParams = z.strictObject({ noteId: Uuid });

const LocalDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date (YYYY-MM-DD)');
const Duration = z.number().int('must be whole minutes').min(1, 'must be at least 1 minute').max(720, 'must be at most 720 minutes');
const NoteType = z.enum(NOTE_TYPES);
const NoteStatus = z.enum(['draft', 'awaiting_cosign', 'signed']);
const AddendumKind = z.enum(['correction', 'late_entry', 'clarification']);
const Person = z.object({ id: z.string(), name: z.string() });

export const CreateNoteBody = z.strictObject({
  noteType: NoteType,
  episodeId: Uuid.nullable().optional(),
  sessionId: Uuid.nullable().optional(),
  serviceDate: LocalDate,
  durationMinutes: Duration.nullable().optional(),
});

// The content's fields are checked by the domain (checkDraftContent), which names `content.<key>`.
export const SaveDraftBody = z.strictObject({
  version: z.number().int().min(1).optional(),
  content: z.record(z.string().max(100), z.unknown()).optional(),
  addressedObjectiveIds: z.array(Uuid).max(100).optional(),
  serviceDate: LocalDate.optional(),
  durationMinutes: Duration.nullable().optional(),
});

export const SignBody = z.strictObject({ version: z.number().int().min(1).optional() });

export const AddendumBody = z.strictObject({
  kind: AddendumKind,
  body: z.string().trim().min(1, 'is required: write the addendum').max(20_000, 'use at most 20000 characters'),
});

export const TimelinessQuery = z.strictObject({
  limitHours: z.coerce
    .number()
    .int('must be whole hours')
    .min(1, 'must be at least 1 hour')
    .max(720, 'must be at most 720 hours')
    .optional(),
});

export const NoteSummaryDto = z.object({
  id: z.string(),
  patientId: z.string(),
  patientName: z.string(),
  episodeId: z.string().nullable(),
  sessionId: z.string().nullable(),
  groupNoteId: z.string().nullable(),
  noteType: NoteType,
  typeLabel: z.string(),
  serviceDate: z.string(),
  durationMinutes: z.number().nullable(),
  status: NoteStatus,
  part2: z.boolean(),
  version: z.number(),
  author: Person,
  signedAt: z.string().nullable(),
  cosigner: Person.nullable(),
  addendaCount: z.number(),
});

export const PatientNotesDto = z.object({
  notes: z.array(NoteSummaryDto),
  /** SUD counseling notes in this chart that the reader may not read (42 CFR Part 2): a count, nothing else. */
  withheldCount: z.number(),
  /** The note types this reader may start. */
  writableTypes: z.array(NoteType),
});

const Addendum = z.object({ id: z.string(), kind: AddendumKind, body: z.string(), author: Person, signedAt: z.string() });
const Objective = z.object({ id: z.string(), statement: z.string(), goal: z.string() });

export const NoteDto = NoteSummaryDto.extend({
  content: z.record(z.string(), z.unknown()),
  addressedObjectives: z.array(z.object({ id: z.string(), statement: z.string().nullable() })),
  objectiveChoices: z.array(Objective),
  createdAt: z.string(),
  updatedAt: z.string(),
  signedBy: Person.nullable(),
  cosignedBy: Person.nullable(),
  cosignedAt: z.string().nullable(),
  addenda: z.array(Addendum),
});

export const AddendumDto = Addendum;

/** A trainee's signed group note waiting for its supervisor: no patient named (decision 0032). */
export const GroupNoteAwaitingCosignDto = z.object({
  groupNoteId: z.string(),
  sessionId: z.string(),
  title: z.string(),
  serviceDate: z.string(),
  attendees: z.number(),
  signedBy: Person,
  signedAt: z.string(),
  cosigner: Person,
});

export const MyNotesDto = z.object({
  drafts: z.array(NoteSummaryDto),
  /** Individual notes; an attendee's group note is listed by its group note below. */
  awaitingMyCosign: z.array(NoteSummaryDto),
  mineAwaitingCosign: z.array(NoteSummaryDto),
  groupNotesAwaitingMyCosign: z.array(GroupNoteAwaitingCosignDto),
  myGroupNotesAwaitingCosign: z.array(GroupNoteAwaitingCosignDto),
});

export const TimelinessDto = z.object({
  limitHours: z.number(),
  asOf: z.string(),
  rows: z.array(
    z.object({
      author: Person,
      lateCount: z.number(),
      oldest: z.object({ noteId: z.string(), patientId: z.string(), serviceDate: z.string(), dueAt: z.string() }),
    }),
  ),
});

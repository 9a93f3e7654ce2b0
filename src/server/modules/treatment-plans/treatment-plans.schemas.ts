import { NOTE_TYPES } from '../../../domain/notes/note-content.js';
import { z } from 'zod';
import { ErrorBody, standardErrors, Uuid } from '../../http/common-schemas.js';

// Shapes only: a draft may be incomplete; what signing needs is checked by planCompletenessIssues.
const text = (max: number) => z.string().max(max, `use at most ${max} characters`);
const ItemId = Uuid.optional();

const Objective = z.strictObject({
  id: ItemId,
  statement: text(2000),
  targetDate: text(10),
  status: z.enum(['open', 'met', 'revised', 'discontinued']),
});
const Intervention = z.strictObject({
  id: ItemId,
  description: text(2000),
  modality: text(200),
  frequency: text(200),
  responsibleUserId: z.union([Uuid, z.literal('')]),
});
const Goal = z.strictObject({
  id: ItemId,
  statement: text(2000),
  objectives: z.array(Objective).max(20, 'list at most 20'),
  interventions: z.array(Intervention).max(20, 'list at most 20'),
});
const Problem = z.strictObject({
  id: ItemId,
  statement: text(2000),
  diagnosisCodes: z.array(text(10)).max(10, 'list at most 10'),
  goals: z.array(Goal).max(10, 'list at most 10'),
});
export const PlanContentBody = z.strictObject({
  problems: z.array(Problem).max(20, 'list at most 20'),
  patientStrengthsAndPreferences: text(4000),
  intensityExceptionReason: text(2000).optional(),
});

const StoredObjective = Objective.extend({ id: z.string() });
const StoredIntervention = Intervention.extend({ id: z.string(), responsibleUserId: z.string() });
const StoredGoal = Goal.extend({ id: z.string(), objectives: z.array(StoredObjective), interventions: z.array(StoredIntervention) });
const StoredProblem = Problem.extend({ id: z.string(), goals: z.array(StoredGoal) });
const PlanContent = z.object({
  problems: z.array(StoredProblem),
  patientStrengthsAndPreferences: z.string(),
  intensityExceptionReason: z.string().optional(),
});

export const PatientParams = z.strictObject({ patientId: Uuid });
export const EpisodeParams = z.strictObject({ episodeId: Uuid });
export const PlanParams = z.strictObject({ planId: Uuid });

const Person = z.object({ id: z.string(), name: z.string() });
const Rules = z.object({ weeklyFloorMinutes: z.number(), weeklyCeilingMinutes: z.number().nullable(), minDaysPerWeek: z.number() });
const Finding = z.object({ code: z.string(), message: z.string() });
const Status = z.enum(['draft', 'awaiting_patient', 'signed']);
const ReviewStatus = z.enum(['current', 'due', 'overdue']).nullable();

export const PlanSummaryDto = z.object({
  id: z.string(),
  planVersion: z.number(),
  status: Status,
  part2: z.boolean(),
  createdBy: Person,
  createdAt: z.string(),
  clinicianSignedBy: Person.nullable(),
  clinicianSignedAt: z.string().nullable(),
  patientSignedAt: z.string().nullable(),
  patientDeclined: z.boolean(),
  reviewDueOn: z.string().nullable(),
  reviewStatus: ReviewStatus,
  revisionReason: z.string().nullable(),
});

export const PlanDto = PlanSummaryDto.extend({
  patientId: z.string(),
  episodeId: z.string(),
  content: PlanContent,
  plannedDaysPerWeek: z.number().nullable(),
  plannedMinutesPerWeek: z.number().nullable(),
  reviewedOn: z.string().nullable(),
  version: z.number(),
  updatedAt: z.string(),
  patientSignature: z.object({ name: z.string(), at: z.string(), method: z.enum(['device', 'link']), hasImage: z.boolean() }).nullable(),
  patientDeclinedReason: z.string().nullable(),
  program: z.object({ id: z.string(), name: z.string(), rules: Rules }),
  intensityFindings: z.array(Finding),
});

export const EpisodePlansDto = z.object({
  episodeId: z.string(),
  admittedOn: z.string(),
  program: z.object({ id: z.string(), name: z.string(), rules: Rules }),
  versions: z.array(PlanSummaryDto),
});

export const PatientPlansDto = z.object({ episodes: z.array(EpisodePlansDto), staff: z.array(Person) });

export const SaveDraftBody = z.strictObject({
  version: z.number().int().min(1).optional(),
  content: PlanContentBody,
  plannedDaysPerWeek: z.number().int().min(0).max(7).nullable(),
  plannedMinutesPerWeek: z.number().int().min(0).max(10080).nullable(),
  revisionReason: text(2000).nullable().optional(),
});

export const RevisionBody = z.strictObject({
  reason: z.string().trim().min(1, 'say why the plan is revised').max(2000, 'use at most 2000 characters'),
  /** True when the revision is the scheduled review (it records reviewed_on). */
  isReview: z.boolean(),
});

export const SignBody = z.strictObject({ version: z.number().int().min(1).optional() });

export const PatientSignatureBody = z.union([
  z.strictObject({
    signedName: z.string().trim().min(1, 'type the patient’s full name').max(200, 'use at most 200 characters'),
    attested: z.literal(true, 'the patient must confirm they have read and agree with the plan'),
    // A drawn signature: a PNG data URL from the signing pad (optional).
    signatureImage: z
      .string()
      .max(200000, 'the drawn signature is too large')
      .regex(/^data:image\/png;base64,[A-Za-z0-9+/=]+$/, 'must be a PNG data URL')
      .optional(),
  }),
  z.strictObject({
    declinedReason: z.string().trim().min(1, 'record why the patient did not sign').max(1000, 'use at most 1000 characters'),
  }),
]);

export const ObjectiveHistoryDto = z.object({
  planId: z.string(),
  planVersion: z.number(),
  objectives: z.array(
    z.object({
      id: z.string(),
      statement: z.string(),
      targetDate: z.string(),
      status: z.string(),
      problem: z.string(),
      goal: z.string(),
      notes: z.array(
        z.object({ id: z.string(), serviceDate: z.string(), noteType: z.enum(NOTE_TYPES), author: Person, signedAt: z.string() }),
      ),
    }),
  ),
  /** SUD counseling notes that cited an objective but that the reader may not read (counted, not shown). */
  withheldNotes: z.number(),
});

export const ReviewsDueDto = z.object({
  items: z.array(
    z.object({
      patientId: z.string(),
      patientName: z.string(),
      episodeId: z.string(),
      programName: z.string(),
      kind: z.enum(['overdue', 'due', 'missing']),
      planId: z.string().nullable(),
      planVersion: z.number().nullable(),
      reviewDueOn: z.string().nullable(),
      admittedOn: z.string(),
      hasDraft: z.boolean(),
    }),
  ),
});

export const planErrors = { ...standardErrors, 409: ErrorBody, 412: ErrorBody, 422: ErrorBody } as const;

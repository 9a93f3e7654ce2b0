import { z } from 'zod';
import { ALERT_ACTIONS, ALERT_SEVERITIES, ALERT_SOURCES } from '../../../domain/safety/alerts.js';
import { MAX_ENTRIES_PER_PART, MAX_ENTRY_LENGTH } from '../../../domain/safety/safety-plan.js';
import { ErrorBody, Uuid, standardErrors } from '../../http/common-schemas.js';

export const safetyErrors = { ...standardErrors, 409: ErrorBody, 412: ErrorBody } as const;

export const AlertParams = z.strictObject({ alertId: Uuid });
export const PatientParams = z.strictObject({ patientId: Uuid });
export const PlanVersionParams = z.strictObject({ patientId: Uuid, version: z.coerce.number().int().min(1).max(100000) });

export const AlertListQuery = z.strictObject({
  status: z.enum(['open', 'acknowledged']).default('open'),
  patientId: Uuid.optional(),
});

const Person = z.object({ id: z.string(), name: z.string() });

export const AlertDto = z.object({
  id: z.string(),
  subject: z.object({ kind: z.enum(['patient', 'inquiry']), id: z.string(), name: z.string() }),
  source: z.enum(ALERT_SOURCES),
  sourceRef: z.string().nullable(),
  severity: z.enum(ALERT_SEVERITIES),
  reasonCode: z.string(),
  reason: z.string(),
  note: z.string().nullable(),
  raisedBy: Person.nullable(),
  createdAt: z.string(),
  waitingMinutes: z.number(),
  escalateAt: z.string(),
  escalated: z.boolean(),
  escalatedAt: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedBy: Person.nullable(),
  actions: z.array(z.enum(ALERT_ACTIONS)),
  ackNote: z.string().nullable(),
});

export const AlertListDto = z.object({ alerts: z.array(AlertDto) });
export const AlertCountDto = z.object({ open: z.number() });

export const AcknowledgeBody = z.strictObject({
  // An empty list passes here so the service can name `actions` in its own words.
  actions: z.array(z.enum(ALERT_ACTIONS)).max(ALERT_ACTIONS.length * 2),
  note: z.string().max(2000, 'use at most 2000 characters').optional(),
});

export const RaiseBody = z.strictObject({
  severity: z.enum(ALERT_SEVERITIES),
  note: z.string().trim().min(1, 'is required: say what you saw or heard').max(2000, 'use at most 2000 characters'),
});

// Length limits per entry are the domain's (checkSafetyPlan names the entry); these only bound the body.
const Part = z.array(z.string().max(MAX_ENTRY_LENGTH * 4)).max(MAX_ENTRIES_PER_PART * 2);

export const PlanBody = z.strictObject({
  warningSigns: Part,
  internalCoping: Part,
  socialDistraction: Part,
  peopleToAsk: Part,
  professionals: Part,
  safeEnvironment: Part,
  /** The version the editor started from (0 for a first plan); a newer saved version makes the save 412. */
  basedOnVersion: z.number().int().min(0).optional(),
});

const PlanVersion = z.object({ version: z.number(), createdBy: Person, createdAt: z.string() });

export const PlanDto = z.object({
  version: z.number(),
  warningSigns: z.array(z.string()),
  internalCoping: z.array(z.string()),
  socialDistraction: z.array(z.string()),
  peopleToAsk: z.array(z.string()),
  professionals: z.array(z.string()),
  safeEnvironment: z.array(z.string()),
  createdBy: Person,
  createdAt: z.string(),
});

export const CurrentPlanDto = z.object({ current: PlanDto.nullable(), versions: z.array(PlanVersion) });

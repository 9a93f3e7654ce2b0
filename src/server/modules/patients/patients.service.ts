import { DomainError } from '../../../domain/errors.js';
import type { PatientLanguage } from '../../../domain/patients/patient-language.js';
import { latestDateOnEarth, normalizePhone, normalizeStateCode, validateDateOfBirth } from '../../../domain/patients/patient-rules.js';
import type { ActorCtx, AppDeps } from '../../context.js';
import type { Transaction } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Database } from '../../db/schema.js';
import * as repo from './patients.repository.js';

export type EmergencyContact = { name: string; phone: string };

export type PatientDto = {
  id: string;
  legalFirstName: string;
  legalLastName: string;
  preferredName: string | null;
  pronouns: string | null;
  dateOfBirth: string;
  phone: string | null;
  email: string | null;
  stateOfResidence: string;
  emergencyContact: EmergencyContact | null;
  availabilityNotes: string;
  preferredLanguage: PatientLanguage | null;
  version: number;
  createdAt: string;
  updatedAt: string;
};

export type PatientSummaryDto = repo.PatientSummaryRecord & { openEpisodes: Omit<repo.OpenEpisodeSummary, 'patientId'>[] };

export type PatientInput = {
  legalFirstName: string;
  legalLastName: string;
  preferredName?: string | null | undefined;
  pronouns?: string | null | undefined;
  dateOfBirth: string;
  phone?: string | null | undefined;
  email?: string | null | undefined;
  stateOfResidence: string;
  emergencyContact?: EmergencyContact | null | undefined;
  availabilityNotes?: string | undefined;
  preferredLanguage?: PatientLanguage | null | undefined;
};

export type PatientPatch = Partial<PatientInput> & { version: number };

export type PatientQuery = {
  q?: string | undefined;
  openEpisode?: boolean | undefined;
  programId?: string | undefined;
  limit: number;
  offset: number;
};

function toDto(patient: repo.PatientRecord): PatientDto {
  return {
    id: patient.id,
    legalFirstName: patient.legalFirstName,
    legalLastName: patient.legalLastName,
    preferredName: patient.preferredName,
    pronouns: patient.pronouns,
    dateOfBirth: patient.dateOfBirth,
    phone: patient.phone,
    email: patient.email,
    stateOfResidence: patient.stateOfResidence,
    emergencyContact:
      patient.emergencyContactName !== null && patient.emergencyContactPhone !== null
        ? { name: patient.emergencyContactName, phone: patient.emergencyContactPhone }
        : null,
    availabilityNotes: patient.availabilityNotes,
    preferredLanguage: patient.preferredLanguage,
    version: patient.version,
    createdAt: patient.createdAt.toISOString(),
    updatedAt: patient.updatedAt.toISOString(),
  };
}

export function auditBase(ctx: ActorCtx) {
  return {
    organizationId: ctx.actor.organizationId,
    userId: ctx.actor.userId,
    outcome: 'success' as const,
    clientIp: ctx.ip,
    requestId: ctx.requestId,
  };
}

/** The patient of the caller's organization, or NOT_FOUND (also for another organization's id). */
export async function mustFindPatient(
  db: Db,
  ctx: ActorCtx,
  patientId: string,
  options: { lock?: boolean } = {},
): Promise<repo.PatientRecord> {
  const patient = await repo.findPatient(db, ctx.actor.organizationId, patientId, options);
  if (!patient) throw new DomainError('NOT_FOUND', 'No such patient');
  return patient;
}

/**
 * One audit event per patient shown in a list, so the trail's patient filter answers "who saw this
 * patient" completely, list views included (decision 0011). Ids only: never the search text.
 */
export async function auditPatientsListed(
  deps: AppDeps,
  trx: Transaction<Database>,
  ctx: ActorCtx,
  patientIds: readonly string[],
  via: string,
): Promise<void> {
  for (const patientId of new Set(patientIds)) {
    await deps.audit(trx, {
      ...auditBase(ctx),
      action: 'patient.listed',
      entityType: 'patient',
      entityId: patientId,
      patientId,
      details: { via },
    });
  }
}

function nameTokens(q: string | undefined): string[] {
  if (q === undefined) return [];
  return q
    .split(/[\s,]+/)
    .filter((token) => token !== '')
    .slice(0, 3);
}

export async function searchPatients(
  deps: AppDeps,
  ctx: ActorCtx,
  query: PatientQuery,
): Promise<{ patients: PatientSummaryDto[]; total: number; limit: number; offset: number }> {
  return deps.db.transaction().execute(async (trx) => {
    const organizationId = ctx.actor.organizationId;
    const { rows, total } = await repo.searchPatients(trx, {
      organizationId,
      nameTokens: nameTokens(query.q),
      openEpisode: query.openEpisode,
      programId: query.programId,
      limit: query.limit,
      offset: query.offset,
    });
    const episodes = await repo.openEpisodesOf(
      trx,
      organizationId,
      rows.map((row) => row.id),
    );
    await auditPatientsListed(
      deps,
      trx,
      ctx,
      rows.map((row) => row.id),
      'patient_search',
    );
    const patients = rows.map((row) => ({
      ...row,
      openEpisodes: episodes
        .filter((episode) => episode.patientId === row.id)
        .map((episode) => ({
          episodeId: episode.episodeId,
          programId: episode.programId,
          programName: episode.programName,
          levelOfCare: episode.levelOfCare,
          admittedOn: episode.admittedOn,
        })),
    }));
    return { patients, total, limit: query.limit, offset: query.offset };
  });
}

export async function getPatient(deps: AppDeps, ctx: ActorCtx, patientId: string): Promise<PatientDto> {
  return deps.db.transaction().execute(async (trx) => {
    const patient = await mustFindPatient(trx, ctx, patientId);
    await deps.audit(trx, { ...auditBase(ctx), action: 'patient.viewed', entityType: 'patient', entityId: patientId, patientId });
    return toDto(patient);
  });
}

/** Checks and normalises the fields present; absent fields stay undefined (unchanged on update). */
function normalize(input: Partial<PatientInput>, now: Date): Partial<repo.PatientFields> {
  const fields: Partial<repo.PatientFields> = {};
  if (input.legalFirstName !== undefined) fields.legalFirstName = input.legalFirstName;
  if (input.legalLastName !== undefined) fields.legalLastName = input.legalLastName;
  if (input.preferredName !== undefined) fields.preferredName = input.preferredName;
  if (input.pronouns !== undefined) fields.pronouns = input.pronouns;
  if (input.dateOfBirth !== undefined) {
    validateDateOfBirth(input.dateOfBirth, latestDateOnEarth(now));
    fields.dateOfBirth = input.dateOfBirth;
  }
  if (input.phone !== undefined) fields.phone = input.phone === null ? null : normalizePhone(input.phone, 'phone');
  if (input.email !== undefined) fields.email = input.email;
  if (input.stateOfResidence !== undefined) fields.stateOfResidence = normalizeStateCode(input.stateOfResidence, 'stateOfResidence');
  if (input.emergencyContact !== undefined) {
    fields.emergencyContactName = input.emergencyContact?.name ?? null;
    fields.emergencyContactPhone =
      input.emergencyContact === null ? null : normalizePhone(input.emergencyContact.phone, 'emergencyContact.phone');
  }
  if (input.availabilityNotes !== undefined) fields.availabilityNotes = input.availabilityNotes;
  if (input.preferredLanguage !== undefined) fields.preferredLanguage = input.preferredLanguage;
  return fields;
}

/**
 * Creates the patient inside the caller's transaction (the admissions module admits an inquiry's
 * person as patient and episode in one transaction) and audits it; returns the new id.
 */
export async function createPatientIn(deps: AppDeps, trx: Transaction<Database>, ctx: ActorCtx, input: PatientInput): Promise<string> {
  const fields = normalize(input, ctx.now);
  const complete: repo.PatientFields = {
    legalFirstName: input.legalFirstName,
    legalLastName: input.legalLastName,
    preferredName: fields.preferredName ?? null,
    pronouns: fields.pronouns ?? null,
    dateOfBirth: input.dateOfBirth,
    phone: fields.phone ?? null,
    email: fields.email ?? null,
    stateOfResidence: fields.stateOfResidence ?? input.stateOfResidence,
    emergencyContactName: fields.emergencyContactName ?? null,
    emergencyContactPhone: fields.emergencyContactPhone ?? null,
    availabilityNotes: fields.availabilityNotes ?? '',
    preferredLanguage: fields.preferredLanguage ?? null,
  };
  const patientId = await repo.insertPatient(trx, ctx.actor.organizationId, complete, ctx.now);
  await deps.audit(trx, { ...auditBase(ctx), action: 'patient.created', entityType: 'patient', entityId: patientId, patientId });
  return patientId;
}

export async function createPatient(deps: AppDeps, ctx: ActorCtx, input: PatientInput): Promise<PatientDto> {
  return deps.db.transaction().execute(async (trx) => {
    const patientId = await createPatientIn(deps, trx, ctx, input);
    return toDto(await mustFindPatient(trx, ctx, patientId));
  });
}

/** Field names (never values) that an update really changes, for the audit trail. */
function changedFields(before: repo.PatientRecord, fields: Partial<repo.PatientFields>): (keyof repo.PatientFields)[] {
  const changed: (keyof repo.PatientFields)[] = [];
  for (const key of Object.keys(fields) as (keyof repo.PatientFields)[]) {
    if (fields[key] !== before[key]) changed.push(key);
  }
  return changed;
}

export async function updatePatient(deps: AppDeps, ctx: ActorCtx, patientId: string, patch: PatientPatch): Promise<PatientDto> {
  return deps.db.transaction().execute(async (trx) => {
    // Locked first: two edits of one version cannot both pass the version check.
    const before = await mustFindPatient(trx, ctx, patientId, { lock: true });
    if (before.version !== patch.version) {
      throw new DomainError(
        'STALE_VERSION',
        `This patient was changed by someone else (version ${before.version}; you edited version ${patch.version}). Reload and apply your change again.`,
        {
          details: { yourVersion: patch.version, currentVersion: before.version },
        },
      );
    }
    const fields = normalize(patch, ctx.now);
    const changed = changedFields(before, fields);
    if (changed.length === 0) {
      await deps.audit(trx, {
        ...auditBase(ctx),
        action: 'patient.viewed',
        entityType: 'patient',
        entityId: patientId,
        patientId,
        details: { unchangedUpdate: true },
      });
      return toDto(before);
    }
    await repo.updatePatient(trx, ctx.actor.organizationId, patientId, fields, ctx.now);
    const after = await mustFindPatient(trx, ctx, patientId);
    await deps.audit(trx, {
      ...auditBase(ctx),
      action: 'patient.updated',
      entityType: 'patient',
      entityId: patientId,
      patientId,
      details: { fields: changed, version: after.version },
    });
    return toDto(after);
  });
}

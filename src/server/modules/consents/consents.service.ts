// 42 CFR 2.31 consents (docs/domain/part2.md): drafts are edited freely (with the version read),
// activation needs every element, and an active consent changes only by its written revocation,
// which binds every disclosure after it. The database enforces the same (migration 0009).
import { DateTime } from 'luxon';
import type { z } from 'zod';
import { blankConsentFields, consentFieldsOf, missingConsentElements, type ConsentIssue } from '../../../domain/disclosure/consent.js';
import { DomainError, fieldError } from '../../../domain/errors.js';
import { localDateOf } from '../../../domain/scheduling/local-time.js';
import type { ActorCtx, AppDeps } from '../../context.js';
import type { Db } from '../../db/database.js';
import { auditBase, mustFindPatient } from '../patients/patients.service.js';
import { findCenter } from '../records-print/records.repository.js';
import * as repo from './consents.repository.js';
import { requireVersion, staleVersion } from '../../lib/versions.js';
import type { ConsentDto, ConsentFieldsBody } from './consents.schemas.js';

type Dto = z.infer<typeof ConsentDto>;
type FieldsInput = Partial<z.infer<typeof ConsentFieldsBody>>;

const blankToNull = (value: string | null): string | null => (value === null || value.trim() === '' ? null : value.trim());

/** Merges the edit into the stored fields, trimming text and dropping empty recipients. */
function merged(base: repo.ConsentFields, input: FieldsInput): repo.ConsentFields {
  const next = { ...base, ...Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)) };
  return {
    ...next,
    discloser: next.discloser.trim(),
    information: next.information.trim(),
    purpose: next.purpose.trim(),
    recordKinds: [...new Set(next.recordKinds)],
    recipients: [...new Set(next.recipients.map((recipient) => recipient.trim()).filter((recipient) => recipient !== ''))],
    expiryEvent: blankToNull(next.expiryEvent),
    patientSignedName: blankToNull(next.patientSignedName),
    signerRelationship: blankToNull(next.signerRelationship),
  };
}

/** The 2.31 elements missing, plus a signature dated after today (a consent is signed before it is used). */
function activationIssues(consent: repo.ConsentRecord, today: string): ConsentIssue[] {
  const issues = missingConsentElements(consent);
  if (consent.signedOn !== null && consent.signedOn > today)
    issues.push({ element: 'signed_on', path: 'signedOn', message: `cannot be after today (${today})` });
  if (consent.expiresOn !== null && consent.expiresOn < today)
    issues.push({ element: 'expiry', path: 'expiresOn', message: `has already passed (today is ${today})` });
  return issues;
}

export function toConsentDto(consent: repo.ConsentRecord): Dto {
  return {
    id: consent.id,
    patientId: consent.patientId,
    status: consent.status,
    ...consentFieldsOf(consent),
    version: consent.version,
    createdBy: consent.createdBy,
    createdAt: consent.createdAt.toISOString(),
    activatedBy: consent.activatedBy,
    activatedAt: consent.activatedAt?.toISOString() ?? null,
    revokedBy: consent.revokedBy,
    revokedAt: consent.revokedAt?.toISOString() ?? null,
    revocationNote: consent.revocationNote,
    missing: consent.status === 'draft' ? missingConsentElements(consent) : [],
  };
}

/** Today in the center's time zone: consent dates are the center's local dates. */
export async function centerToday(db: Db, organizationId: string, now: Date): Promise<{ today: string; timeZone: string }> {
  const { timeZone } = await findCenter(db, organizationId);
  return { today: localDateOf(now.getTime(), timeZone), timeZone };
}

async function mustFindConsent(db: Db, ctx: ActorCtx, patientId: string, consentId: string, lock = false): Promise<repo.ConsentRecord> {
  const consent = await repo.findConsent(db, ctx.actor.organizationId, consentId, { lock });
  if (!consent || consent.patientId !== patientId) throw new DomainError('NOT_FOUND', 'No such consent');
  return consent;
}

function checkVersion(expected: number | undefined, consent: repo.ConsentRecord): void {
  if (requireVersion(expected, 'consent') !== consent.version) throw staleVersion('consent', consent.version, toConsentDto(consent));
}

async function reload(db: Db, ctx: ActorCtx, consentId: string): Promise<Dto> {
  const consent = await repo.findConsent(db, ctx.actor.organizationId, consentId);
  if (!consent) throw new Error('consent vanished inside its own transaction');
  return toConsentDto(consent);
}

const audit = (
  ctx: ActorCtx,
  action: string,
  consent: { id: string; patientId: string },
  details: Record<string, string | string[] | number | null> = {},
) => ({
  ...auditBase(ctx),
  action,
  entityType: 'part2_consent',
  entityId: consent.id,
  patientId: consent.patientId,
  details: { consentId: consent.id, ...details },
});

export async function listConsents(deps: AppDeps, ctx: ActorCtx, patientId: string): Promise<Dto[]> {
  return deps.db.transaction().execute(async (trx) => {
    await mustFindPatient(trx, ctx, patientId);
    const consents = await repo.listConsents(trx, ctx.actor.organizationId, patientId);
    await deps.audit(trx, {
      ...auditBase(ctx),
      action: 'consent.listed',
      entityType: 'patient',
      entityId: patientId,
      patientId,
      details: { count: consents.length },
    });
    return consents.map(toConsentDto);
  });
}

export async function createConsent(deps: AppDeps, ctx: ActorCtx, patientId: string, input: FieldsInput): Promise<Dto> {
  return deps.db.transaction().execute(async (trx) => {
    await mustFindPatient(trx, ctx, patientId);
    const id = await repo.insertConsent(trx, {
      organizationId: ctx.actor.organizationId,
      patientId,
      fields: merged(blankConsentFields(), input),
      createdBy: ctx.actor.userId,
      now: ctx.now,
    });
    await deps.audit(trx, audit(ctx, 'consent.created', { id, patientId }));
    return reload(trx, ctx, id);
  });
}

export async function updateConsent(
  deps: AppDeps,
  ctx: ActorCtx,
  patientId: string,
  consentId: string,
  input: FieldsInput,
  expectedVersion: number | undefined,
): Promise<Dto> {
  return deps.db.transaction().execute(async (trx) => {
    await mustFindPatient(trx, ctx, patientId);
    const consent = await mustFindConsent(trx, ctx, patientId, consentId, true);
    if (consent.status !== 'draft')
      throw new DomainError(
        'CONFLICT',
        `The consent is ${consent.status}: only a draft is edited; an active consent changes only by its revocation`,
      );
    checkVersion(expectedVersion, consent);
    await repo.updateDraft(trx, ctx.actor.organizationId, consentId, merged(consentFieldsOf(consent), input), ctx.now);
    await deps.audit(trx, audit(ctx, 'consent.updated', consent, { fields: Object.keys(input).sort() }));
    return reload(trx, ctx, consentId);
  });
}

export async function activateConsent(
  deps: AppDeps,
  ctx: ActorCtx,
  patientId: string,
  consentId: string,
  expectedVersion: number | undefined,
): Promise<Dto> {
  return deps.db.transaction().execute(async (trx) => {
    await mustFindPatient(trx, ctx, patientId);
    const consent = await mustFindConsent(trx, ctx, patientId, consentId, true);
    if (consent.status !== 'draft')
      throw new DomainError('CONFLICT', `The consent is already ${consent.status}; only a draft is activated`);
    checkVersion(expectedVersion, consent);
    const { today } = await centerToday(trx, ctx.actor.organizationId, ctx.now);
    const issues = activationIssues(consent, today);
    if (issues.length > 0)
      throw new DomainError(
        'RULE_VIOLATION',
        `42 CFR 2.31: a consent is activated only with every required element; missing or invalid: ${issues.map((issue) => issue.path).join(', ')}`,
        { details: { rule: 'CONSENT_INCOMPLETE', issues } },
      );
    await repo.activate(trx, ctx.actor.organizationId, consentId, ctx.actor.userId, ctx.now);
    await deps.audit(trx, audit(ctx, 'consent.activated', consent));
    return reload(trx, ctx, consentId);
  });
}

export async function revokeConsent(
  deps: AppDeps,
  ctx: ActorCtx,
  patientId: string,
  consentId: string,
  input: { receivedOn: string; note: string; version?: number | undefined },
): Promise<Dto> {
  return deps.db.transaction().execute(async (trx) => {
    await mustFindPatient(trx, ctx, patientId);
    const consent = await mustFindConsent(trx, ctx, patientId, consentId, true);
    if (consent.status !== 'active')
      throw new DomainError('CONFLICT', `The consent is ${consent.status}; only an active consent is revoked`);
    if (input.version !== undefined) checkVersion(input.version, consent);
    const { today, timeZone } = await centerToday(trx, ctx.actor.organizationId, ctx.now);
    const activatedOn = consent.activatedAt ? localDateOf(consent.activatedAt.getTime(), timeZone) : today;
    if (input.receivedOn > today) throw fieldError('receivedOn', `cannot be after today (${today})`);
    if (input.receivedOn < activatedOn) throw fieldError('receivedOn', `cannot be before the consent was activated (${activatedOn})`);
    // Effective from when the program received it: the start of that day, or now when received today;
    // never before the activation.
    const startOfDay = DateTime.fromISO(input.receivedOn, { zone: timeZone }).startOf('day').toJSDate();
    let revokedAt = input.receivedOn === today ? ctx.now : startOfDay;
    if (consent.activatedAt && revokedAt < consent.activatedAt) revokedAt = consent.activatedAt;
    await repo.revoke(trx, ctx.actor.organizationId, consentId, { by: ctx.actor.userId, revokedAt, note: input.note.trim(), now: ctx.now });
    await deps.audit(trx, audit(ctx, 'consent.revoked', consent, { receivedOn: input.receivedOn }));
    return reload(trx, ctx, consentId);
  });
}

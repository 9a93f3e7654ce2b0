// API shares of records with an outside system (decision 0030, docs/domain/part2.md). Making a
// share checks the disclosure now, so staff learn at once that it would be refused, but discloses
// nothing. Each fetch by the outside system is decided again by decideDisclosure with the consent as
// it is then (a revoked or expired consent stops the next fetch), and an allowed fetch is a
// disclosure of its own: logged with the share's id, audited, and sent with the 2.32 notice.
import type { z } from 'zod';
import { shareExpiry, shareState } from '../../../domain/disclosure/record-share.js';
import { DomainError, fieldError } from '../../../domain/errors.js';
import type { NoteReader } from '../../../domain/notes/note-access.js';
import type { ActorCtx, AppDeps, RequestCtx } from '../../context.js';
import type { Db } from '../../db/database.js';
import { hashToken, isTokenShaped, newToken } from '../../lib/secrets.js';
import { noteProfileOf } from '../notes/note-context.repository.js';
import { findPatient, type PatientRecord } from '../patients/patients.repository.js';
import { auditBase, mustFindPatient } from '../patients/patients.service.js';
import { readerOf } from '../records-print/records.service.js';
import type { DisclosureDocument } from './disclosure-document.js';
import {
  askOf,
  auditRefusal,
  decide,
  documentOf,
  recordDisclosure,
  type Allowed,
  type Decided,
  type DisclosureAsk,
  type Discloser,
} from './disclosures.service.js';
import type { CreatedShareDto, ShareBody, ShareDto } from './disclosures.schemas.js';
import { DISCLOSERS } from './disclosure-roles.js';
import * as repo from './record-shares.repository.js';

type Dto = z.infer<typeof ShareDto>;

/** Where the outside system fetches the records, with the token as a bearer credential. */
export const SHARED_RECORDS_PATH = '/api/v1/shared-records';

function describeSelection(what: DisclosureAsk['what']): string {
  switch (what.kind) {
    case 'note':
      return 'One note';
    case 'plan':
      return 'One treatment plan version';
    case 'chart':
      return `Chart ${what.from} to ${what.to}${what.includeCounselingNotes ? ', with SUD counseling notes' : ''}`;
  }
}

function toDto(share: repo.ShareRecord, now: Date): Dto {
  return {
    id: share.id,
    state: shareState(share, now),
    recipient: share.ask.recipient,
    purpose: share.ask.purpose,
    basis: share.ask.basis,
    consentId: share.ask.consentId,
    what: describeSelection(share.ask.what),
    createdAt: share.createdAt.toISOString(),
    createdBy: share.createdBy,
    expiresAt: share.expiresAt.toISOString(),
    revokedAt: share.revokedAt?.toISOString() ?? null,
    fetchCount: share.fetchCount,
    lastFetchedAt: share.lastFetchedAt?.toISOString() ?? null,
  };
}

type Created = { allowed: true; created: z.infer<typeof CreatedShareDto> } | { allowed: false; rule: string; message: string };

/** A new share; the token is returned this once and never again. Refused (422) when a fetch now would be. */
export async function createShare(
  deps: AppDeps,
  ctx: ActorCtx,
  patientId: string,
  input: z.infer<typeof ShareBody>,
): Promise<z.infer<typeof CreatedShareDto>> {
  const ask = askOf(input);
  const organizationId = ctx.actor.organizationId;
  const audit = { userId: ctx.actor.userId, clientIp: ctx.ip, requestId: ctx.requestId };
  const outcome = await deps.db.transaction().execute(async (trx): Promise<Created> => {
    const patient = await mustFindPatient(trx, ctx, patientId);
    const { decision } = await decide(trx, organizationId, patient, ask, await readerOf(trx, ctx), ctx.now);
    if (!decision.allowed) {
      await auditRefusal(deps, trx, { organizationId, channel: 'api_share', shareId: null, audit }, patientId, ask, decision.rule);
      return { allowed: false, rule: decision.rule, message: decision.message };
    }
    const token = newToken();
    const expiresAt = shareExpiry(ctx.now, input.expiresInDays);
    const shareId = await repo.insertShare(trx, {
      organizationId,
      patientId,
      tokenHash: hashToken(token),
      createdBy: ctx.actor.userId,
      createdAt: ctx.now,
      expiresAt,
      ask,
    });
    await deps.audit(trx, {
      ...auditBase(ctx),
      action: 'record_share.created',
      entityType: 'record_share',
      entityId: shareId,
      patientId,
      details: { basis: ask.basis, consentId: ask.consentId, what: ask.what.kind, expiresInDays: input.expiresInDays },
    });
    const share: repo.ShareRecord = {
      id: shareId,
      organizationId,
      patientId,
      createdBy: { id: ctx.actor.userId, name: ctx.actor.displayName },
      createdAt: ctx.now,
      expiresAt,
      ask,
      revokedAt: null,
      fetchCount: 0,
      lastFetchedAt: null,
    };
    return { allowed: true, created: { share: toDto(share, ctx.now), token, endpoint: SHARED_RECORDS_PATH } };
  });
  if (!outcome.allowed) throw new DomainError('RULE_VIOLATION', outcome.message, { details: { rule: outcome.rule } });
  return outcome.created;
}

export async function listShares(deps: AppDeps, ctx: ActorCtx, patientId: string): Promise<{ shares: Dto[] }> {
  return deps.db.transaction().execute(async (trx) => {
    await mustFindPatient(trx, ctx, patientId);
    const shares = await repo.listShares(trx, ctx.actor.organizationId, patientId);
    await deps.audit(trx, {
      ...auditBase(ctx),
      action: 'record_share.listed',
      entityType: 'patient',
      entityId: patientId,
      patientId,
      details: { count: shares.length },
    });
    return { shares: shares.map((share) => toDto(share, ctx.now)) };
  });
}

/** Revoking twice is harmless: the first revocation stands. */
export async function revokeShare(deps: AppDeps, ctx: ActorCtx, patientId: string, shareId: string): Promise<Dto> {
  return deps.db.transaction().execute(async (trx) => {
    await mustFindPatient(trx, ctx, patientId);
    const share = await repo.findShare(trx, ctx.actor.organizationId, patientId, shareId, { lock: true });
    if (!share) throw new DomainError('NOT_FOUND', 'No such record share');
    if (share.revokedAt !== null) return toDto(share, ctx.now);
    await repo.revokeShare(trx, shareId, { at: ctx.now, by: ctx.actor.userId });
    await deps.audit(trx, {
      ...auditBase(ctx),
      action: 'record_share.revoked',
      entityType: 'record_share',
      entityId: shareId,
      patientId,
    });
    return toDto({ ...share, revokedAt: ctx.now }, ctx.now);
  });
}

type Fetched = { kind: 'ok'; document: DisclosureDocument } | { kind: 'unknown' } | { kind: 'refused'; rule: string; message: string };

const unknown = () => new DomainError('TOKEN_INVALID', 'This share token is unknown, expired or revoked');

/**
 * The decision for one fetch. A record the share names that can no longer be gathered (a counseling
 * note its maker may no longer read) stops the fetch as a refusal on the share, audited like any
 * other, rather than as a 404 about the record that leaves no trail. Gathering refuses by plain
 * checks before any write, so the transaction can still record the refusal.
 */
async function decideFetch(
  trx: Db,
  organizationId: string,
  patient: PatientRecord,
  share: repo.ShareRecord,
  reader: NoteReader,
  now: Date,
): Promise<{ allowed: true; decided: Decided; decision: Allowed } | { allowed: false; rule: string; message: string }> {
  let decided: Decided;
  try {
    decided = await decide(trx, organizationId, patient, share.ask, reader, now);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    // The gatherer's own message is not passed on: whether a counseling note exists is Part 2 information too.
    return { allowed: false, rule: 'RECORD_NOT_AVAILABLE', message: 'the shared record is no longer available to disclose' };
  }
  const { decision } = decided;
  return decision.allowed ? { allowed: true, decided, decision } : { allowed: false, rule: decision.rule, message: decision.message };
}

/** A share speaks for the staff member who made it: once deactivated or no longer a discloser, it stops. */
const MAKER_CANNOT_DISCLOSE = {
  allowed: false,
  rule: 'SHARE_MAKER_CANNOT_DISCLOSE',
  message: 'the staff member who made this share can no longer disclose records; ask the program for a new share',
} as const;

/** The outside system's fetch: decided again now, and logged as a disclosure when allowed. */
export async function fetchShare(deps: AppDeps, ctx: RequestCtx, token: string | null): Promise<DisclosureDocument> {
  if (token === null) throw fieldError('authorization', 'must be "Bearer <token>" with the token of the share');
  if (!isTokenShaped(token)) throw unknown();
  const outcome = await deps.db.transaction().execute(async (trx): Promise<Fetched> => {
    const share = await repo.findShareByHash(trx, hashToken(token));
    if (!share) return { kind: 'unknown' };
    const { organizationId, patientId } = share;
    const audit = { userId: null, clientIp: ctx.ip, requestId: ctx.requestId };
    const state = shareState(share, ctx.now);
    if (state !== 'active') {
      // Expired and revoked look the same to whoever holds the token; the trail says which.
      await deps.audit(trx, {
        organizationId,
        ...audit,
        outcome: 'denied',
        action: 'record_share.fetch_refused',
        entityType: 'record_share',
        entityId: share.id,
        patientId,
        details: { state },
      });
      return { kind: 'unknown' };
    }
    const patient = await findPatient(trx, organizationId, patientId);
    if (!patient) throw new Error('a record share outlived its patient');
    // What the share's maker may read is what goes: their access to counseling notes is read now.
    const profile = await noteProfileOf(trx, organizationId, share.createdBy.id);
    const reader = { userId: share.createdBy.id, counselingNotesAccess: profile.counselingNotesAccess };
    const by: Discloser = { organizationId, disclosedBy: share.createdBy.id, channel: 'api_share', shareId: share.id, audit };
    const fetched = (await repo.userActiveWithRole(trx, organizationId, share.createdBy.id, DISCLOSERS))
      ? await decideFetch(trx, organizationId, patient, share, reader, ctx.now)
      : MAKER_CANNOT_DISCLOSE;
    if (!fetched.allowed) {
      await auditRefusal(deps, trx, by, patientId, share.ask, fetched.rule);
      return { kind: 'refused', rule: fetched.rule, message: fetched.message };
    }
    await repo.markFetched(trx, share.id, ctx.now);
    const disclosureId = await recordDisclosure(deps, trx, by, fetched.decided, fetched.decision);
    return { kind: 'ok', document: documentOf(fetched.decided, fetched.decision, disclosureId) };
  });
  switch (outcome.kind) {
    case 'unknown':
      throw unknown();
    case 'refused':
      throw new DomainError('RULE_VIOLATION', `The records can no longer be disclosed on this share: ${outcome.message}`, {
        details: { rule: outcome.rule },
      });
    case 'ok':
      return outcome.document;
  }
}

import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { DisclosureAsk } from './disclosures.service.js';

type Q = Kysely<Database>;

export type ShareRecord = {
  id: string;
  organizationId: string;
  patientId: string;
  createdBy: { id: string; name: string };
  createdAt: Date;
  expiresAt: Date;
  ask: DisclosureAsk;
  revokedAt: Date | null;
  fetchCount: number;
  lastFetchedAt: Date | null;
};

function base(db: Q) {
  return db
    .selectFrom('record_shares as s')
    .innerJoin('users as u', 'u.id', 's.created_by')
    .select([
      's.id',
      's.organization_id',
      's.patient_id',
      's.created_by',
      's.created_at',
      's.expires_at',
      's.recipient',
      's.purpose',
      's.basis',
      's.consent_id',
      's.selection',
      's.revoked_at',
      's.fetch_count',
      's.last_fetched_at',
      'u.display_name',
    ]);
}

type Row = {
  id: string;
  organization_id: string;
  patient_id: string;
  created_by: string;
  created_at: Date;
  expires_at: Date;
  recipient: string;
  purpose: string;
  basis: string;
  consent_id: string | null;
  selection: unknown;
  revoked_at: Date | null;
  fetch_count: number;
  last_fetched_at: Date | null;
  display_name: string;
};

const toRecord = (r: Row): ShareRecord => ({
  id: r.id,
  organizationId: r.organization_id,
  patientId: r.patient_id,
  createdBy: { id: r.created_by, name: r.display_name },
  createdAt: new Date(r.created_at),
  expiresAt: new Date(r.expires_at),
  ask: {
    recipient: r.recipient,
    purpose: r.purpose,
    // Written from a checked request (ShareBody) and never changed (trigger record_shares_locked).
    basis: r.basis as DisclosureAsk['basis'],
    consentId: r.consent_id,
    what: r.selection as DisclosureAsk['what'],
  },
  revokedAt: r.revoked_at === null ? null : new Date(r.revoked_at),
  fetchCount: r.fetch_count,
  lastFetchedAt: r.last_fetched_at === null ? null : new Date(r.last_fetched_at),
});

export async function insertShare(
  db: Q,
  input: {
    organizationId: string;
    patientId: string;
    tokenHash: Buffer;
    createdBy: string;
    createdAt: Date;
    expiresAt: Date;
    ask: DisclosureAsk;
  },
): Promise<string> {
  const row = await db
    .insertInto('record_shares')
    .values({
      organization_id: input.organizationId,
      patient_id: input.patientId,
      token_hash: input.tokenHash,
      created_by: input.createdBy,
      created_at: input.createdAt,
      expires_at: input.expiresAt,
      recipient: input.ask.recipient,
      purpose: input.ask.purpose,
      basis: input.ask.basis,
      consent_id: input.ask.consentId,
      selection: JSON.stringify(input.ask.what),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findShare(
  db: Q,
  organizationId: string,
  patientId: string,
  shareId: string,
  options: { lock?: boolean } = {},
): Promise<ShareRecord | undefined> {
  let query = base(db).where('s.organization_id', '=', organizationId).where('s.patient_id', '=', patientId).where('s.id', '=', shareId);
  if (options.lock) query = query.forUpdate('s');
  const row = await query.executeTakeFirst();
  return row && toRecord(row);
}

/** The share a token opens, locked so concurrent fetches count one by one. */
export async function findShareByHash(db: Q, tokenHash: Buffer): Promise<ShareRecord | undefined> {
  const row = await base(db).where('s.token_hash', '=', tokenHash).forUpdate('s').executeTakeFirst();
  return row && toRecord(row);
}

/** The patient's shares, latest first. */
export async function listShares(db: Q, organizationId: string, patientId: string): Promise<ShareRecord[]> {
  const rows = await base(db)
    .where('s.organization_id', '=', organizationId)
    .where('s.patient_id', '=', patientId)
    .orderBy('s.created_at', 'desc')
    .orderBy('s.id')
    .execute();
  return rows.map(toRecord);
}

export async function revokeShare(db: Q, shareId: string, by: { at: Date; by: string }): Promise<void> {
  await db.updateTable('record_shares').set({ revoked_at: by.at, revoked_by: by.by }).where('id', '=', shareId).execute();
}

export async function markFetched(db: Q, shareId: string, at: Date): Promise<void> {
  await db
    .updateTable('record_shares')
    .set((eb) => ({ fetch_count: eb('fetch_count', '+', 1), last_fetched_at: at }))
    .where('id', '=', shareId)
    .execute();
}

/** Whether a user is active and holds one of the roles (an API share works only while its maker may disclose). */
export async function userActiveWithRole(db: Q, organizationId: string, userId: string, roles: readonly string[]): Promise<boolean> {
  const row = await db
    .selectFrom('users as u')
    .innerJoin('user_roles as r', (join) => join.onRef('r.user_id', '=', 'u.id').onRef('r.organization_id', '=', 'u.organization_id'))
    .select('u.id')
    .where('u.organization_id', '=', organizationId)
    .where('u.id', '=', userId)
    .where('u.status', '=', 'active')
    .where('r.role', 'in', roles)
    .executeTakeFirst();
  return row !== undefined;
}

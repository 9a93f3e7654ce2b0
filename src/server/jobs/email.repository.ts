import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

type Q = Kysely<Database>;

/**
 * Addresses of the active admissions users of the inquiry's organization, read when the
 * notification is sent: someone deactivated after the inquiry arrived gets nothing.
 */
export async function inquiryNotificationAddresses(db: Q, inquiryId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('inquiries as i')
    .innerJoin('users as u', 'u.organization_id', 'i.organization_id')
    .innerJoin('user_roles as r', (join) => join.onRef('r.user_id', '=', 'u.id').onRef('r.organization_id', '=', 'u.organization_id'))
    .select('u.email')
    .where('i.id', '=', inquiryId)
    .where('u.status', '=', 'active')
    .where('r.role', '=', 'admissions')
    .orderBy('u.email')
    .execute();
  return rows.map((row) => row.email);
}

/** Addresses of the active directors of the alert's organization, read when the escalation is sent. */
export async function alertEscalationAddresses(db: Q, alertId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('safety_alerts as a')
    .innerJoin('users as u', 'u.organization_id', 'a.organization_id')
    .innerJoin('user_roles as r', (join) => join.onRef('r.user_id', '=', 'u.id').onRef('r.organization_id', '=', 'u.organization_id'))
    .select('u.email')
    .where('a.id', '=', alertId)
    .where('u.status', '=', 'active')
    .where('r.role', '=', 'director')
    .orderBy('u.email')
    .execute();
  return rows.map((row) => row.email);
}

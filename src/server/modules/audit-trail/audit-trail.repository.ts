import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

type Q = Kysely<Database>;

export type AuditFilter = {
  organizationId: string;
  userId?: string | undefined;
  patientId?: string | undefined;
  action?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  sort: 'occurredAt' | '-occurredAt';
  limit: number;
  offset: number;
};

export type AuditRow = {
  id: string;
  occurredAt: string;
  userId: string | null;
  userEmail: string | null;
  organizationId: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  patientId: string | null;
  outcome: 'success' | 'failure' | 'denied';
  clientIp: string | null;
  requestId: string | null;
};

function filtered(db: Q, f: AuditFilter) {
  let query = db
    .selectFrom('audit_events as a')
    .leftJoin('users as u', 'u.id', 'a.user_id')
    .where('a.organization_id', '=', f.organizationId);
  if (f.userId) query = query.where('a.user_id', '=', f.userId);
  if (f.patientId) query = query.where('a.patient_id', '=', f.patientId);
  if (f.action) query = query.where('a.action', 'like', `${f.action.replace(/[%_\\]/g, (c) => `\\${c}`)}%`);
  if (f.from) query = query.where('a.occurred_at', '>=', f.from);
  if (f.to) query = query.where('a.occurred_at', '<', f.to);
  return query;
}

export async function findAuditEvents(db: Q, f: AuditFilter): Promise<{ rows: AuditRow[]; total: number }> {
  const [rows, count] = await Promise.all([
    filtered(db, f)
      .select([
        'a.id',
        'a.occurred_at',
        'a.user_id',
        'u.email',
        'a.organization_id',
        'a.action',
        'a.entity_type',
        'a.entity_id',
        'a.patient_id',
        'a.outcome',
        'a.client_ip',
        'a.request_id',
      ])
      .orderBy('a.occurred_at', f.sort === 'occurredAt' ? 'asc' : 'desc')
      .orderBy('a.id', f.sort === 'occurredAt' ? 'asc' : 'desc')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    filtered(db, f)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return {
    total: Number(count.n),
    rows: rows.map((r) => ({
      id: String(r.id),
      occurredAt: r.occurred_at.toISOString(),
      userId: r.user_id,
      userEmail: r.email,
      organizationId: r.organization_id,
      action: r.action,
      entityType: r.entity_type,
      entityId: r.entity_id,
      patientId: r.patient_id,
      outcome: r.outcome,
      clientIp: r.client_ip,
      requestId: r.request_id,
    })),
  };
}

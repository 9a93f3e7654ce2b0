import { sql, type Kysely } from 'kysely';
import type { AlertAction, AlertSeverity, AlertSource, EscalationSettings } from '../../../domain/safety/alerts.js';
import type { Database } from '../../db/schema.js';

type Q = Kysely<Database>;

export type AlertRecord = {
  id: string;
  patientId: string | null;
  inquiryId: string | null;
  /** The patient's preferred or legal name, or the inquiry's person: shown to staff only. */
  subjectName: string;
  source: AlertSource;
  sourceRef: string | null;
  severity: AlertSeverity;
  reasonCode: string;
  note: string | null;
  raisedBy: { id: string; name: string } | null;
  createdAt: Date;
  escalateAt: Date;
  escalatedAt: Date | null;
  acknowledgedAt: Date | null;
  acknowledgedBy: { id: string; name: string } | null;
  actions: AlertAction[];
  ackNote: string | null;
};

export type NewAlert = {
  organizationId: string;
  patientId: string | null;
  inquiryId: string | null;
  source: AlertSource;
  sourceRef: string | null;
  severity: AlertSeverity;
  reasonCode: string;
  note: string | null;
  raisedBy: string | null;
  createdAt: Date;
  escalateAt: Date;
};

export async function escalationSettings(db: Q, organizationId: string): Promise<EscalationSettings> {
  const row = await db
    .selectFrom('organizations')
    .select(['safety_escalation_acute_minutes', 'safety_escalation_positive_minutes'])
    .where('id', '=', organizationId)
    .executeTakeFirstOrThrow();
  return { acuteMinutes: row.safety_escalation_acute_minutes, positiveMinutes: row.safety_escalation_positive_minutes };
}

export async function insertAlert(db: Q, alert: NewAlert): Promise<string> {
  const row = await db
    .insertInto('safety_alerts')
    .values({
      organization_id: alert.organizationId,
      patient_id: alert.patientId,
      inquiry_id: alert.inquiryId,
      source: alert.source,
      source_ref: alert.sourceRef,
      severity: alert.severity,
      reason_code: alert.reasonCode,
      note: alert.note,
      raised_by: alert.raisedBy,
      created_at: alert.createdAt,
      escalate_at: alert.escalateAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

function baseQuery(db: Q, organizationId: string) {
  return db
    .selectFrom('safety_alerts as a')
    .leftJoin('patients as p', 'p.id', 'a.patient_id')
    .leftJoin('inquiries as i', 'i.id', 'a.inquiry_id')
    .leftJoin('users as rb', 'rb.id', 'a.raised_by')
    .leftJoin('users as ab', 'ab.id', 'a.acknowledged_by')
    .where('a.organization_id', '=', organizationId)
    .select([
      'a.id',
      'a.patient_id',
      'a.inquiry_id',
      'a.source',
      'a.source_ref',
      'a.severity',
      'a.reason_code',
      'a.note',
      'a.raised_by',
      'a.created_at',
      'a.escalate_at',
      'a.escalated_at',
      'a.acknowledged_at',
      'a.acknowledged_by',
      'a.actions',
      'a.ack_note',
      'rb.display_name as raised_by_name',
      'ab.display_name as acknowledged_by_name',
      sql<string>`coalesce(
        coalesce(p.preferred_name, p.legal_first_name) || ' ' || p.legal_last_name,
        coalesce(i.patient_name, i.contact_name),
        'Unknown'
      )`.as('subject_name'),
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

function toRecord(row: Row): AlertRecord {
  return {
    id: row.id,
    patientId: row.patient_id,
    inquiryId: row.inquiry_id,
    subjectName: row.subject_name,
    source: row.source,
    sourceRef: row.source_ref,
    severity: row.severity,
    reasonCode: row.reason_code,
    note: row.note,
    raisedBy: row.raised_by !== null ? { id: row.raised_by, name: row.raised_by_name ?? '' } : null,
    createdAt: row.created_at,
    escalateAt: row.escalate_at,
    escalatedAt: row.escalated_at,
    acknowledgedAt: row.acknowledged_at,
    acknowledgedBy: row.acknowledged_by !== null ? { id: row.acknowledged_by, name: row.acknowledged_by_name ?? '' } : null,
    actions: row.actions,
    ackNote: row.ack_note,
  };
}

export async function findAlert(db: Q, organizationId: string, alertId: string, options: { lock?: boolean } = {}) {
  let query = baseQuery(db, organizationId).where('a.id', '=', alertId);
  if (options.lock) query = query.forUpdate('a');
  const row = await query.executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

export async function listAlerts(
  db: Q,
  organizationId: string,
  filter: { status: 'open' | 'acknowledged'; patientId?: string | undefined; limit: number },
): Promise<AlertRecord[]> {
  let query = baseQuery(db, organizationId);
  query =
    filter.status === 'open'
      ? query.where('a.acknowledged_at', 'is', null).orderBy('a.created_at')
      : query.where('a.acknowledged_at', 'is not', null).orderBy('a.acknowledged_at', 'desc');
  if (filter.patientId !== undefined) query = query.where('a.patient_id', '=', filter.patientId);
  const rows = await query.limit(filter.limit).execute();
  return rows.map(toRecord);
}

export async function countOpen(db: Q, organizationId: string): Promise<number> {
  const row = await db
    .selectFrom('safety_alerts')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('organization_id', '=', organizationId)
    .where('acknowledged_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function acknowledge(
  db: Q,
  organizationId: string,
  alertId: string,
  ack: { by: string; at: Date; actions: AlertAction[]; note: string | null },
): Promise<void> {
  await db
    .updateTable('safety_alerts')
    .set({ acknowledged_at: ack.at, acknowledged_by: ack.by, actions: ack.actions, ack_note: ack.note })
    .where('organization_id', '=', organizationId)
    .where('id', '=', alertId)
    .where('acknowledged_at', 'is', null)
    .execute();
}

export type DueAlert = { id: string; organizationId: string; patientId: string | null; severity: AlertSeverity; escalateAt: Date };

/**
 * Open alerts past escalate_at that have not escalated, locked for this transaction. SKIP LOCKED
 * lets several app servers run the job at once without escalating one alert twice.
 */
export async function lockDueAlerts(db: Q, now: Date, batch: number): Promise<DueAlert[]> {
  const rows = await db
    .selectFrom('safety_alerts')
    .select(['id', 'organization_id', 'patient_id', 'severity', 'escalate_at'])
    .where('acknowledged_at', 'is', null)
    .where('escalated_at', 'is', null)
    .where('escalate_at', '<=', now)
    .orderBy('escalate_at')
    .limit(batch)
    .forUpdate()
    .skipLocked()
    .execute();
  return rows.map((r) => ({
    id: r.id,
    organizationId: r.organization_id,
    patientId: r.patient_id,
    severity: r.severity,
    escalateAt: r.escalate_at,
  }));
}

export async function markEscalated(db: Q, alertId: string, at: Date): Promise<void> {
  await db.updateTable('safety_alerts').set({ escalated_at: at }).where('id', '=', alertId).where('escalated_at', 'is', null).execute();
}

export async function inquiryExists(db: Q, organizationId: string, inquiryId: string): Promise<boolean> {
  const row = await db
    .selectFrom('inquiries')
    .select('id')
    .where('organization_id', '=', organizationId)
    .where('id', '=', inquiryId)
    .executeTakeFirst();
  return row !== undefined;
}

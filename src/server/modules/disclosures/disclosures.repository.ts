import type { Kysely } from 'kysely';
import type { DisclosureLogEntry } from '../../../domain/disclosure/decide-disclosure.js';
import type { Database, DisclosureChannelColumn } from '../../db/schema.js';
import type { RecordRefs } from '../records-print/records.service.js';

type Q = Kysely<Database>;

export type DisclosureRecord = {
  id: string;
  patientId: string;
  disclosedAt: Date;
  disclosedBy: { id: string; name: string };
  recipient: string;
  purpose: string;
  basis: string;
  consentId: string | null;
  channel: DisclosureChannelColumn;
  shareId: string | null;
  records: RecordRefs;
  includedPart2: boolean;
  noticeIncluded: boolean;
};

export async function insertDisclosure(
  db: Q,
  input: {
    organizationId: string;
    disclosedBy: string;
    channel: DisclosureChannelColumn;
    shareId: string | null;
    records: RecordRefs;
    entry: DisclosureLogEntry;
  },
): Promise<string> {
  const row = await db
    .insertInto('disclosures')
    .values({
      organization_id: input.organizationId,
      patient_id: input.entry.patientId,
      disclosed_at: input.entry.disclosedAt,
      disclosed_by: input.disclosedBy,
      recipient: input.entry.recipient,
      purpose: input.entry.purpose,
      basis: input.entry.basis,
      consent_id: input.entry.consentId,
      channel: input.channel,
      share_id: input.shareId,
      records: JSON.stringify(input.records),
      included_part2: input.entry.includedPart2,
      notice_included: input.entry.noticeIncluded,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

function asRefs(value: unknown): RecordRefs {
  const object = typeof value === 'object' && value !== null ? (value as Partial<RecordRefs>) : {};
  return {
    kind: object.kind ?? 'chart',
    from: object.from ?? null,
    to: object.to ?? null,
    planIds: Array.isArray(object.planIds) ? object.planIds : [],
    noteIds: Array.isArray(object.noteIds) ? object.noteIds : [],
  };
}

/** The patient's disclosures, latest first. */
export async function listDisclosures(db: Q, organizationId: string, patientId: string): Promise<DisclosureRecord[]> {
  const rows = await db
    .selectFrom('disclosures as d')
    .innerJoin('users as u', 'u.id', 'd.disclosed_by')
    .selectAll('d')
    .select('u.display_name')
    .where('d.organization_id', '=', organizationId)
    .where('d.patient_id', '=', patientId)
    .orderBy('d.disclosed_at', 'desc')
    .orderBy('d.id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    patientId: row.patient_id,
    disclosedAt: row.disclosed_at,
    disclosedBy: { id: row.disclosed_by, name: row.display_name },
    recipient: row.recipient,
    purpose: row.purpose,
    basis: row.basis,
    consentId: row.consent_id,
    channel: row.channel,
    shareId: row.share_id,
    records: asRefs(row.records),
    includedPart2: row.included_part2,
    noticeIncluded: row.notice_included,
  }));
}

import type { Kysely } from 'kysely';
import type { InquiryStage } from '../../../domain/admissions/stage-rules.js';
import type { Database } from '../../db/schema.js';

type Q = Kysely<Database>;

export type ReportRow = {
  source: 'web_form' | 'api' | 'staff';
  stage: InquiryStage;
  closedReason: string | null;
  referredTo: string | null;
  createdAt: Date;
  firstContactAt: Date | null;
  admittedAt: Date | null;
};

/** Inquiries that arrived in [from, to), merged duplicates left out (they are one person's second inquiry). */
export async function reportRows(db: Q, organizationId: string, from: Date, to: Date): Promise<ReportRow[]> {
  const rows = await db
    .selectFrom('inquiries')
    .select(['source', 'stage', 'closed_reason', 'referred_to', 'created_at', 'first_contact_at', 'admitted_at'])
    .where('organization_id', '=', organizationId)
    .where('created_at', '>=', from)
    .where('created_at', '<', to)
    .where('merged_into_id', 'is', null)
    .execute();
  return rows.map((row) => ({
    source: row.source,
    stage: row.stage,
    closedReason: row.closed_reason,
    referredTo: row.referred_to,
    createdAt: row.created_at,
    firstContactAt: row.first_contact_at,
    admittedAt: row.admitted_at,
  }));
}

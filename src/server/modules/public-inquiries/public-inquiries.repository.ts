import type { Kysely } from 'kysely';
import type { Database, InquiriesTable } from '../../db/schema.js';
import type { Insertable } from 'kysely';

type Q = Kysely<Database>;

export type NewInquiry = Omit<Insertable<InquiriesTable>, 'id'>;

export async function insertInquiry(db: Q, inquiry: NewInquiry): Promise<string> {
  const row = await db.insertInto('inquiries').values(inquiry).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function insertSubmittedActivity(db: Q, organizationId: string, inquiryId: string, now: Date): Promise<void> {
  await db
    .insertInto('inquiry_activities')
    .values({ organization_id: organizationId, inquiry_id: inquiryId, kind: 'submitted', created_at: now })
    .execute();
}

/** Whether the program is one the public site offers: published, active, of this organization. */
export async function isPublishedProgram(db: Q, organizationId: string, programId: string): Promise<boolean> {
  const row = await db
    .selectFrom('programs')
    .select('id')
    .where('organization_id', '=', organizationId)
    .where('id', '=', programId)
    .where('published', '=', true)
    .where('active', '=', true)
    .executeTakeFirst();
  return row !== undefined;
}

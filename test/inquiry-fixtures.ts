import { randomUUID } from 'node:crypto';
import type { Db } from '../src/server/db/database.js';
import type { InquiryStageColumn, LocLevelColumn } from '../src/server/db/schema.js';

// Inquiries and level-of-care assessments inserted directly: the public submission and the
// assessment are other modules. Every value is synthetic.

type Org = { organizationId: string };

export async function createInquiry(
  db: Db,
  org: Org,
  input: {
    contactName?: string;
    phone?: string | null;
    phoneNormalized?: string | null;
    email?: string | null;
    urgent?: boolean;
    stage?: InquiryStageColumn;
    createdAt?: Date;
    firstContactAt?: Date | null;
    source?: 'web_form' | 'api' | 'staff';
    closedReason?: string | null;
    referredTo?: string | null;
    selfCheck?: unknown;
    concerns?: string | null;
  } = {},
): Promise<string> {
  const tag = randomUUID().slice(0, 6);
  const email = input.email === undefined ? `inquirer-${tag}@example.org` : input.email;
  const row = await db
    .insertInto('inquiries')
    .values({
      organization_id: org.organizationId,
      stage: input.stage ?? 'new',
      source: input.source ?? 'web_form',
      for_whom: 'self',
      contact_name: input.contactName ?? `Casey Inquirer ${tag}`,
      phone: input.phone ?? null,
      phone_normalized: input.phoneNormalized ?? null,
      email,
      email_normalized: email === null ? null : email.toLowerCase(),
      urgent: input.urgent ?? false,
      urgent_reason: input.urgent === true ? 'Self-check reported current thoughts of suicide' : null,
      closed_reason: input.closedReason ?? (input.stage === 'closed' ? 'no_response' : null),
      referred_to: input.referredTo ?? (input.stage === 'referred' ? 'Community clinic' : null),
      consent_to_contact: true,
      privacy_notice_version: '2026-11',
      self_check: input.selfCheck === undefined ? null : JSON.stringify(input.selfCheck),
      concerns: input.concerns ?? null,
      first_contact_at: input.firstContactAt ?? null,
      created_at: input.createdAt ?? new Date(),
      updated_at: input.createdAt ?? new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function createAssessment(
  db: Db,
  org: Org,
  input: { inquiryId: string; assessedBy: string; finalLevel?: LocLevelColumn; recommendedLevel?: LocLevelColumn; assessedAt?: Date },
): Promise<string> {
  const finalLevel = input.finalLevel ?? 'IOP';
  const recommended = input.recommendedLevel ?? finalLevel;
  const row = await db
    .insertInto('loc_assessments')
    .values({
      organization_id: org.organizationId,
      inquiry_id: input.inquiryId,
      pack_id: 'openiop_default',
      pack_version: 1,
      ratings: JSON.stringify([
        { dimensionId: 'risk_of_harm', title: 'Risk of harm', rating: 1, label: 'Low risk', level: 'OP', note: null },
      ]),
      recommended_level: recommended,
      recommendation_reasons: JSON.stringify([{ code: 'SYNTHETIC', dimensionId: null, text: 'Synthetic test assessment' }]),
      final_level: finalLevel,
      override_reason: recommended === finalLevel ? null : 'Clinical judgement (synthetic)',
      assessed_by: input.assessedBy,
      assessed_at: input.assessedAt ?? new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

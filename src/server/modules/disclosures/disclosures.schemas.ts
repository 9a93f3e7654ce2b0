import { z } from 'zod';
import { REQUESTABLE_BASES } from '../../../domain/disclosure/decide-disclosure.js';
import { SHARE_DEFAULT_DAYS, SHARE_MAX_DAYS } from '../../../domain/disclosure/record-share.js';
import { ErrorBody, Uuid, standardErrors } from '../../http/common-schemas.js';

export const disclosureErrors = { ...standardErrors, 422: ErrorBody } as const;

const LocalDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date (YYYY-MM-DD)');

export const PatientParams = z.strictObject({ patientId: Uuid });

/** What goes out: one note, one plan version, or the chart between two dates. */
export const WhatBody = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('note'), noteId: Uuid }),
  z.strictObject({ kind: z.literal('plan'), planId: Uuid }),
  z.strictObject({ kind: z.literal('chart'), from: LocalDate, to: LocalDate, includeCounselingNotes: z.boolean().default(false) }),
]);

export const DisclosureBody = z.strictObject({
  recipient: z.string().trim().min(1, 'is required: who receives the records').max(500, 'use at most 500 characters'),
  purpose: z.string().trim().min(1, 'is required: why the records are disclosed').max(1000, 'use at most 1000 characters'),
  basis: z.enum(REQUESTABLE_BASES),
  consentId: Uuid.optional(),
  /** A PDF downloaded ('pdf') or printed and handed over ('print'), or a JSON data export ('data_export'). */
  channel: z.enum(['pdf', 'print', 'data_export']).default('pdf'),
  what: WhatBody,
});

const Refs = z.object({
  kind: z.enum(['note', 'plan', 'chart']),
  from: z.string().nullable(),
  to: z.string().nullable(),
  planIds: z.array(z.string()),
  noteIds: z.array(z.string()),
});

export const DisclosureDto = z.object({
  id: z.string(),
  disclosedAt: z.string(),
  disclosedBy: z.object({ id: z.string(), name: z.string() }),
  recipient: z.string(),
  purpose: z.string(),
  basis: z.string(),
  consentId: z.string().nullable(),
  channel: z.enum(['pdf', 'print', 'data_export', 'api_share']),
  /** The API share a fetch came through (channel 'api_share'). */
  shareId: z.string().nullable(),
  records: Refs,
  what: z.string(),
  includedPart2: z.boolean(),
  noticeIncluded: z.boolean(),
});

export const DisclosureListDto = z.object({ disclosures: z.array(DisclosureDto) });

/** An API share: the same request as a disclosure, and how many days the grant lasts (decision 0030). */
export const ShareBody = DisclosureBody.omit({ channel: true }).extend({
  expiresInDays: z
    .number()
    .int('must be a whole number of days')
    .min(1, 'must be at least 1 day')
    .max(SHARE_MAX_DAYS, `must be at most ${SHARE_MAX_DAYS} days`)
    .default(SHARE_DEFAULT_DAYS),
});

export const ShareParams = z.strictObject({ patientId: Uuid, shareId: Uuid });

export const ShareDto = z.object({
  id: z.string(),
  state: z.enum(['active', 'expired', 'revoked']),
  recipient: z.string(),
  purpose: z.string(),
  basis: z.string(),
  consentId: z.string().nullable(),
  what: z.string(),
  createdAt: z.string(),
  createdBy: z.object({ id: z.string(), name: z.string() }),
  expiresAt: z.string(),
  revokedAt: z.string().nullable(),
  fetchCount: z.number(),
  lastFetchedAt: z.string().nullable(),
});

export const ShareListDto = z.object({ shares: z.array(ShareDto) });

/** Returned once, when the share is made: the token is never shown again. */
export const CreatedShareDto = z.object({
  share: ShareDto,
  token: z.string(),
  endpoint: z.string(),
});

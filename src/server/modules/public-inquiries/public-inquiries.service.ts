// A public inquiry (web form or API): checked, then stored with its 'submitted' activity, an audit
// event and the admissions team's notification, all in one transaction, at most once per
// Idempotency-Key. No session: the organization is the one the public site shows (decision 0016).
import { randomUUID } from 'node:crypto';
import { DomainError, type FieldIssue } from '../../../domain/errors.js';
import { normalizeContact, PRIVACY_NOTICE_VERSION } from '../../../domain/front-door/inquiry-rules.js';
import {
  evaluateSelfCheck,
  SELF_CHECK_VERSION,
  type SelfCheckAnswers,
  type SelfCheckResult,
} from '../../../domain/front-door/self-check.js';
import { selfCheckAlert } from '../../../domain/safety/self-check-alert.js';
import type { AppDeps, RequestCtx } from '../../context.js';
import { enqueue } from '../../jobs/outbox.js';
import { requestFingerprint, withIdempotency } from '../../lib/idempotency.js';
import * as site from '../public-site/public-site.repository.js';
import { raiseAlert } from '../safety/alerts.service.js';
import * as repo from './public-inquiries.repository.js';
import type { InquiryBodyInput } from './public-inquiries.schemas.js';

export type InquirySource = 'web_form' | 'api';
export type InquiryReceipt = { id: string; urgent: boolean };

export const URGENT_REASON = 'Self-check reports current thoughts of suicide: call back the same day';

function failed(issues: FieldIssue[]): DomainError {
  const [first] = issues;
  return new DomainError('VALIDATION_FAILED', first ? `${first.path}: ${first.message}` : 'Invalid inquiry', { details: issues });
}

/**
 * Stores the inquiry (201) or throws VALIDATION_FAILED naming every field that is wrong. A filled
 * honeypot gets the same answer with an id that exists nowhere, and nothing is stored.
 */
export async function submitInquiry(
  deps: AppDeps,
  ctx: RequestCtx,
  input: InquiryBodyInput,
  meta: { source: InquirySource; language: 'en' | 'es'; idempotencyKey: string | undefined },
): Promise<InquiryReceipt> {
  if (input.website !== undefined && input.website.trim() !== '') return { id: randomUUID(), urgent: false };

  const org = await site.findPublicOrganization(deps.db, deps.config.publicOrganizationId);
  if (!org) throw new DomainError('UNAVAILABLE', 'The public site is not set up yet');

  const contact = normalizeContact({ phone: input.phone, email: input.email, state: input.state });
  const issues = contact.ok ? [] : [...contact.issues];
  if (input.programId !== undefined && !(await repo.isPublishedProgram(deps.db, org.id, input.programId))) {
    issues.push({ path: 'programId', message: 'is not one of the programs we offer' });
  }
  if (!contact.ok || issues.length > 0) throw failed(issues);

  const selfCheck: { answers: SelfCheckAnswers; result: SelfCheckResult } | null = input.selfCheck
    ? { answers: input.selfCheck, result: evaluateSelfCheck(input.selfCheck) }
    : null;
  const urgent = selfCheck?.result.currentSuicidalThoughts === true;
  const language = input.language ?? meta.language;

  return deps.db.transaction().execute(async (trx) => {
    const scope = {
      organizationId: org.id,
      key: meta.idempotencyKey,
      fingerprint: requestFingerprint({ route: 'public.inquiry', source: meta.source, body: { ...input, website: undefined } }),
      now: ctx.now,
    };
    const { body } = await withIdempotency<InquiryReceipt>(trx, scope, async () => {
      const id = await repo.insertInquiry(trx, {
        organization_id: org.id,
        source: meta.source,
        language,
        urgent,
        urgent_reason: urgent ? URGENT_REASON : null,
        for_whom: input.forWhom,
        contact_name: input.contactName,
        patient_name: input.patientName ?? null,
        phone: input.phone ?? null,
        phone_normalized: contact.value.phoneNormalized,
        email: input.email ?? null,
        email_normalized: contact.value.emailNormalized,
        best_time: input.bestTime ?? null,
        state: contact.value.state,
        age_range: input.ageRange ?? null,
        concerns: input.concerns ?? null,
        program_id: input.programId ?? null,
        format_preference: input.formatPreference ?? null,
        payer_name: input.payerName ?? null,
        member_id: input.memberId ?? null,
        heard_about: input.heardAbout ?? null,
        consent_to_contact: true,
        privacy_notice_version: input.privacyNoticeVersion ?? PRIVACY_NOTICE_VERSION,
        self_check: selfCheck
          ? JSON.stringify({
              version: SELF_CHECK_VERSION,
              answers: selfCheck.answers,
              outcome: selfCheck.result.outcome,
              reasons: selfCheck.result.reasons,
              phq9Total: selfCheck.result.phq9?.total ?? null,
              gad7Total: selfCheck.result.gad7?.total ?? null,
            })
          : null,
        created_at: ctx.now,
        updated_at: ctx.now,
      });
      await repo.insertSubmittedActivity(trx, org.id, id, ctx.now);
      // Issue #5: the clinicians' safety alert commits with the inquiry or not at all (decision 0021).
      const alert = selfCheck ? selfCheckAlert(selfCheck.result) : null;
      if (alert)
        await raiseAlert(deps, trx, {
          organizationId: org.id,
          subject: { inquiryId: id },
          source: 'self_check',
          sourceRef: id,
          ...alert,
          now: ctx.now,
          requestId: ctx.requestId,
          clientIp: ctx.ip,
        });
      // Ids and codes only: never the name, contact details or answers.
      await deps.audit(trx, {
        organizationId: org.id,
        userId: null,
        action: 'inquiry.submitted',
        entityType: 'inquiry',
        entityId: id,
        outcome: 'success',
        clientIp: ctx.ip,
        requestId: ctx.requestId,
        details: { source: meta.source, urgent, programId: input.programId ?? null, selfCheck: selfCheck !== null },
      });
      await enqueue(trx, {
        organizationId: org.id,
        kind: urgent ? 'email.inquiry_urgent' : 'email.inquiry_new',
        payload: { inquiryId: id, urgent, to: 'admissions_team' },
      });
      return { statusCode: 201, body: { id, urgent } };
    });
    return body;
  });
}

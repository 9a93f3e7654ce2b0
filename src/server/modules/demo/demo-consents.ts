// Synthetic 42 CFR Part 2 data for the demo (decision 0029): for the first patient in care in a
// Part 2 program, a signed progress note, an active consent to "Example Primary Care (demo)", a
// draft, a revoked consent, one logged PDF disclosure and one API share (fetched once, then
// revoked). Every value is invented.
import type { Transaction } from 'kysely';
import { SHARE_DEFAULT_DAYS, shareExpiry } from '../../../domain/disclosure/record-share.js';
import type { AppDeps } from '../../context.js';
import type { Database } from '../../db/schema.js';
import { activate, insertConsent, revoke, type ConsentFields } from '../consents/consents.repository.js';
import { insertDisclosure } from '../disclosures/disclosures.repository.js';
import { insertShare, markFetched, revokeShare } from '../disclosures/record-shares.repository.js';
import { hashToken, newToken } from '../../lib/secrets.js';

export const DEMO_CONSENT_RECIPIENT = 'Example Primary Care (demo)';

const DAY = 24 * 3600_000;
const isoDate = (date: Date) => date.toISOString().slice(0, 10);

export async function seedDemoConsents(
  deps: Pick<AppDeps, 'audit'>,
  trx: Transaction<Database>,
  input: { organizationId: string; clinicianId: string; directorId: string; now: Date },
): Promise<void> {
  const { organizationId, clinicianId, now } = input;
  const episode = await trx
    .selectFrom('episodes as e')
    .innerJoin('programs as p', 'p.id', 'e.program_id')
    .innerJoin('patients as pt', 'pt.id', 'e.patient_id')
    .select(['e.id', 'e.patient_id', 'e.admitted_on', 'p.name'])
    .where('e.organization_id', '=', organizationId)
    .where('e.status', '=', 'open')
    .where('p.is_part2', '=', true)
    .orderBy('pt.legal_last_name')
    .orderBy('pt.legal_first_name')
    .orderBy('e.id')
    .limit(1)
    .executeTakeFirst();
  if (!episode) return;
  const patientId = episode.patient_id;
  const weekAgo = new Date(now.getTime() - 7 * DAY);
  const twoWeeksAgo = new Date(now.getTime() - 14 * DAY);

  // A signed progress note (tagged Part 2 by the database: the program is a Part 2 program).
  const note = await trx
    .insertInto('clinical_notes')
    .values({
      organization_id: organizationId,
      patient_id: patientId,
      episode_id: episode.id,
      note_type: 'progress_dap',
      service_date: isoDate(weekAgo),
      duration_minutes: 50,
      content: JSON.stringify({
        data: 'Attended all four groups this week; reports cravings down from daily to twice this week (demo).',
        assessment: 'Engaged, building coping skills; no safety concerns voiced (demo).',
        plan: 'Continue relapse prevention group; practise urge surfing daily (demo).',
      }),
      status: 'signed',
      author_id: clinicianId,
      created_at: weekAgo,
      updated_at: weekAgo,
      signed_by: clinicianId,
      signed_at: weekAgo,
    })
    .returning('id')
    .executeTakeFirstOrThrow();

  const complete: ConsentFields = {
    discloser: `${episode.name}, Harborview Recovery (demo)`,
    information: 'Treatment plan, progress notes and attendance since admission (demo)',
    recordKinds: ['treatment_plans', 'notes', 'attendance'],
    recipients: [DEMO_CONSENT_RECIPIENT],
    purpose: 'Coordination of care with the primary care provider',
    treatmentPaymentOperations: false,
    revocationRightStated: true,
    expiresOn: isoDate(new Date(now.getTime() + 365 * DAY)),
    expiryEvent: null,
    patientSignedName: 'Signed by the patient (demo)',
    signerRelationship: null,
    signedOn: isoDate(twoWeeksAgo),
  };
  const activeId = await insertConsent(trx, { organizationId, patientId, fields: complete, createdBy: clinicianId, now: twoWeeksAgo });
  await activate(trx, organizationId, activeId, clinicianId, twoWeeksAgo);

  await insertConsent(trx, {
    organizationId,
    patientId,
    fields: {
      ...complete,
      recipients: ['Lakeside Family Services (demo)'],
      purpose: '',
      patientSignedName: null,
      signedOn: null,
      expiresOn: null,
    },
    createdBy: clinicianId,
    now: weekAgo,
  });

  const revokedId = await insertConsent(trx, {
    organizationId,
    patientId,
    fields: { ...complete, recipients: ['Riverbend Employee Assistance Program (demo)'], purpose: 'Return-to-work planning (demo)' },
    createdBy: clinicianId,
    now: twoWeeksAgo,
  });
  await activate(trx, organizationId, revokedId, clinicianId, twoWeeksAgo);
  await revoke(trx, organizationId, revokedId, {
    by: input.directorId,
    revokedAt: weekAgo,
    note: 'Patient handed in a signed revocation letter at the front desk (demo).',
    now: weekAgo,
  });

  const disclosedAt = new Date(now.getTime() - 3 * DAY);
  const disclosureId = await insertDisclosure(trx, {
    organizationId,
    disclosedBy: clinicianId,
    channel: 'pdf',
    shareId: null,
    records: { kind: 'chart', from: episode.admitted_on, to: isoDate(disclosedAt), planIds: [], noteIds: [note.id] },
    entry: {
      patientId,
      disclosedAt,
      recipient: DEMO_CONSENT_RECIPIENT,
      purpose: 'Coordination of care with the primary care provider',
      basis: 'consent',
      consentId: activeId,
      includedPart2: true,
      noticeIncluded: true,
    },
  });
  await deps.audit(trx, {
    organizationId,
    userId: clinicianId,
    action: 'disclosure.made',
    outcome: 'success',
    clientIp: null,
    requestId: null,
    entityType: 'disclosure',
    entityId: disclosureId,
    patientId,
    details: { disclosureId, basis: 'consent', consentId: activeId, includedPart2: true },
  });

  // An API share to the same clinic's system (decision 0030), fetched once and then revoked. Its
  // token was never shown to anyone: only the hash of a throwaway token is stored.
  const sharedAt = new Date(now.getTime() - 2 * DAY);
  const what = { kind: 'chart' as const, from: episode.admitted_on, to: isoDate(sharedAt), includeCounselingNotes: false };
  const ask = {
    recipient: DEMO_CONSENT_RECIPIENT,
    purpose: 'Coordination of care with the primary care provider',
    basis: 'consent' as const,
    consentId: activeId,
    what,
  };
  const shareId = await insertShare(trx, {
    organizationId,
    patientId,
    tokenHash: hashToken(newToken()),
    createdBy: clinicianId,
    createdAt: sharedAt,
    expiresAt: shareExpiry(sharedAt, SHARE_DEFAULT_DAYS),
    ask,
  });
  const fetchedAt = new Date(sharedAt.getTime() + 3600_000);
  await markFetched(trx, shareId, fetchedAt);
  await insertDisclosure(trx, {
    organizationId,
    disclosedBy: clinicianId,
    channel: 'api_share',
    shareId,
    records: { kind: 'chart', from: what.from, to: what.to, planIds: [], noteIds: [note.id] },
    entry: {
      patientId,
      disclosedAt: fetchedAt,
      recipient: ask.recipient,
      purpose: ask.purpose,
      basis: 'consent',
      consentId: activeId,
      includedPart2: true,
      noticeIncluded: true,
    },
  });
  await revokeShare(trx, shareId, { at: new Date(sharedAt.getTime() + DAY), by: clinicianId });
}

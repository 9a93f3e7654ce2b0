// The one decision every disclosure goes through (PDF or print for an outside party, data export,
// API share): may these records leave, to this recipient, for this purpose, on this basis?
// Pure: the caller passes the records, the consent and the clock (docs/domain/part2.md).
import { consentCovers, CONSENT_RECORD_KIND_LABELS, type Consent, type ConsentRecordKind } from './consent.js';
import { PART2_NOTICE, type Part2Notice } from './part2-notice.js';

/** What can go out. A chart summary (identity and episodes) goes with every chart export. */
export type OutgoingKind = 'chart_summary' | 'treatment_plan' | 'note';

export type OutgoingRecord = {
  kind: OutgoingKind;
  id: string;
  /** The record's Part 2 tag (set by the database from the program). */
  part2: boolean;
  /** An SUD counseling note: needs a consent that names counseling notes. */
  counselingNote: boolean;
};

/**
 * The no-consent bases this program uses, as data: each with its section and whether SUD counseling
 * notes may go on it. Kept small on purpose; anything else needs the patient's consent.
 */
export const NO_CONSENT_BASES = {
  medical_emergency: {
    label: 'Bona fide medical emergency (to medical personnel)',
    section: '42 CFR 2.51',
    counselingNotes: false,
  },
  court_order: {
    label: 'Court order authorizing the disclosure',
    section: '42 CFR 2.64',
    counselingNotes: false,
  },
} as const satisfies Record<string, { label: string; section: string; counselingNotes: boolean }>;

export type NoConsentBasis = keyof typeof NO_CONSENT_BASES;
export const REQUESTABLE_BASES = ['consent', ...(Object.keys(NO_CONSENT_BASES) as NoConsentBasis[])] as const;
export type RequestedBasis = 'consent' | NoConsentBasis;
/** The basis written to the log: a requested one, or 'not_part2' when nothing that left was Part 2. */
export type LoggedBasis = RequestedBasis | 'not_part2';

export type DisclosureRule =
  | 'NOTHING_TO_DISCLOSE'
  | 'RECIPIENT_REQUIRED'
  | 'PURPOSE_REQUIRED'
  | 'PART2_CONSENT_REQUIRED'
  | 'CONSENT_OF_ANOTHER_PATIENT'
  | 'BASIS_EXCLUDES_COUNSELING_NOTES'
  | 'CONSENT_NOT_ACTIVE'
  | 'CONSENT_REVOKED'
  | 'CONSENT_EXPIRED'
  | 'CONSENT_NOT_SIGNED'
  | 'CONSENT_RECIPIENT_NOT_NAMED'
  | 'CONSENT_RECORD_KINDS'
  | 'COUNSELING_NOTES_NEED_OWN_CONSENT';

export type DisclosureRequest = {
  patientId: string;
  records: readonly OutgoingRecord[];
  recipient: string;
  purpose: string;
  basis: RequestedBasis;
  /** The consent the discloser relies on (basis 'consent'), with the patient it belongs to. */
  consent: (Consent & { patientId: string }) | null;
  now: Date;
  /** The local date of `now` in the program's time zone (consent dates are local dates). */
  today: string;
};

export type DisclosureLogEntry = {
  patientId: string;
  disclosedAt: Date;
  recipient: string;
  purpose: string;
  basis: LoggedBasis;
  consentId: string | null;
  includedPart2: boolean;
  noticeIncluded: boolean;
};

export type ConsentSummary = {
  consentId: string;
  lines: { label: string; value: string }[];
};

export type DisclosureDecision =
  | { allowed: false; rule: DisclosureRule; message: string }
  | {
      allowed: true;
      log: DisclosureLogEntry;
      /** The 2.32 notice, present exactly when a Part 2 record goes out. */
      notice: Part2Notice | null;
      /** A summary of the consent relied on, to send with the records. */
      consentSummary: ConsentSummary | null;
    };

/** The consent kind each outgoing record needs; a chart summary (identity, episodes) needs none of its own. */
export function consentKindOf(record: OutgoingRecord): ConsentRecordKind | null {
  if (record.counselingNote) return 'sud_counseling_notes';
  switch (record.kind) {
    case 'chart_summary':
      return null;
    case 'treatment_plan':
      return 'treatment_plans';
    case 'note':
      return 'notes';
  }
}

export function summarizeConsent(consent: Consent): ConsentSummary {
  const expiry = [consent.expiresOn ? `on ${consent.expiresOn}` : null, consent.expiryEvent ? `upon ${consent.expiryEvent}` : null]
    .filter((part) => part !== null)
    .join(' or ');
  const signer = consent.signerRelationship
    ? `${consent.patientSignedName ?? ''} (${consent.signerRelationship})`
    : (consent.patientSignedName ?? '');
  return {
    consentId: consent.id,
    lines: [
      { label: 'Who discloses', value: consent.discloser },
      { label: 'Information', value: consent.information },
      { label: 'Records covered', value: consent.recordKinds.map((kind) => CONSENT_RECORD_KIND_LABELS[kind]).join('; ') },
      { label: 'Recipients', value: consent.recipients.join('; ') },
      { label: 'Purpose', value: consent.purpose },
      {
        label: 'Treatment, payment and health care operations',
        value: consent.treatmentPaymentOperations ? 'Yes (single consent, 42 CFR 2.31(a)(4))' : 'No',
      },
      {
        label: 'Right to revoke',
        value: consent.revocationRightStated ? 'Stated: the patient may revoke this consent in writing at any time' : 'Not stated',
      },
      { label: 'Expires', value: expiry },
      { label: 'Signed by', value: signer },
      { label: 'Date signed', value: consent.signedOn ?? '' },
    ],
  };
}

const refuse = (rule: DisclosureRule, message: string): DisclosureDecision => ({ allowed: false, rule, message });

export function decideDisclosure(request: DisclosureRequest): DisclosureDecision {
  if (request.records.length === 0) return refuse('NOTHING_TO_DISCLOSE', 'Nothing was selected to disclose');
  if (request.recipient.trim() === '') return refuse('RECIPIENT_REQUIRED', 'Every disclosure names its recipient (disclosure log)');
  if (request.purpose.trim() === '') return refuse('PURPOSE_REQUIRED', 'Every disclosure states its purpose (disclosure log)');

  const part2 = request.records.filter((record) => record.part2 || record.counselingNote);
  const entry = (basis: LoggedBasis, consentId: string | null): DisclosureLogEntry => ({
    patientId: request.patientId,
    disclosedAt: request.now,
    recipient: request.recipient.trim(),
    purpose: request.purpose.trim(),
    basis,
    consentId,
    includedPart2: part2.length > 0,
    noticeIncluded: part2.length > 0,
  });

  // Nothing Part 2 leaves: Part 2 does not restrict it (HIPAA still applies); logged all the same.
  if (part2.length === 0) return { allowed: true, log: entry('not_part2', null), notice: null, consentSummary: null };

  const counselingNotes = part2.some((record) => record.counselingNote);
  if (request.basis !== 'consent') {
    const basis = NO_CONSENT_BASES[request.basis];
    if (counselingNotes && !basis.counselingNotes)
      return refuse(
        'BASIS_EXCLUDES_COUNSELING_NOTES',
        `SUD counseling notes do not leave on the basis "${basis.label}" (${basis.section}); they need a consent that names them (42 CFR 2.31(b))`,
      );
    return { allowed: true, log: entry(request.basis, null), notice: PART2_NOTICE, consentSummary: null };
  }

  const consent = request.consent;
  if (consent === null)
    return refuse(
      'PART2_CONSENT_REQUIRED',
      "42 CFR 2.31: these records are protected by 42 CFR Part 2 and leave only with the patient's written consent; choose an active consent that names this recipient",
    );
  if (consent.patientId !== request.patientId)
    return refuse('CONSENT_OF_ANOTHER_PATIENT', "The consent is not this patient's (42 CFR 2.31(a)(1))");
  const kinds = new Set<ConsentRecordKind>();
  for (const record of part2) {
    const kind = consentKindOf(record);
    if (kind !== null) kinds.add(kind);
  }
  const coverage = consentCovers(consent, { recipient: request.recipient, recordKinds: kinds, at: request.now, today: request.today });
  if (!coverage.ok) return refuse(coverage.rule, coverage.message);
  return { allowed: true, log: entry('consent', consent.id), notice: PART2_NOTICE, consentSummary: summarizeConsent(consent) };
}

// 42 CFR 2.31 written consent: the elements a consent must hold before it can be activated, and
// whether an active consent covers a given disclosure at a given moment (docs/domain/part2.md).

export const CONSENT_RECORD_KINDS = ['treatment_plans', 'notes', 'sud_counseling_notes', 'attendance', 'measures', 'diagnoses'] as const;
export type ConsentRecordKind = (typeof CONSENT_RECORD_KINDS)[number];

export const CONSENT_RECORD_KIND_LABELS: Record<ConsentRecordKind, string> = {
  treatment_plans: 'Treatment plans',
  notes: 'Clinical notes (not SUD counseling notes)',
  sud_counseling_notes: 'SUD counseling notes (named separately)',
  attendance: 'Attendance',
  measures: 'Measures and scores',
  diagnoses: 'Diagnoses',
};

export type ConsentStatus = 'draft' | 'active' | 'revoked';

/** The elements staff write on a consent (42 CFR 2.31), as the form edits them and the store keeps them. */
export type ConsentFields = {
  discloser: string;
  information: string;
  recordKinds: ConsentRecordKind[];
  recipients: string[];
  purpose: string;
  treatmentPaymentOperations: boolean;
  revocationRightStated: boolean;
  expiresOn: string | null;
  expiryEvent: string | null;
  patientSignedName: string | null;
  signerRelationship: string | null;
  signedOn: string | null;
};

/** A new consent's fields: nothing written yet but who discloses. */
export function blankConsentFields(discloser = ''): ConsentFields {
  return {
    discloser,
    information: '',
    recordKinds: [],
    recipients: [],
    purpose: '',
    treatmentPaymentOperations: false,
    revocationRightStated: false,
    expiresOn: null,
    expiryEvent: null,
    patientSignedName: null,
    signerRelationship: null,
    signedOn: null,
  };
}

/** Just the written elements of a stored consent (its id, status and history left out), copied. */
export function consentFieldsOf(consent: { [K in keyof ConsentFields]: Readonly<ConsentFields[K]> }): ConsentFields {
  return {
    discloser: consent.discloser,
    information: consent.information,
    recordKinds: [...consent.recordKinds],
    recipients: [...consent.recipients],
    purpose: consent.purpose,
    treatmentPaymentOperations: consent.treatmentPaymentOperations,
    revocationRightStated: consent.revocationRightStated,
    expiresOn: consent.expiresOn,
    expiryEvent: consent.expiryEvent,
    patientSignedName: consent.patientSignedName,
    signerRelationship: consent.signerRelationship,
    signedOn: consent.signedOn,
  };
}

export type Consent = {
  id: string;
  status: ConsentStatus;
  discloser: string;
  information: string;
  recordKinds: readonly ConsentRecordKind[];
  recipients: readonly string[];
  purpose: string;
  treatmentPaymentOperations: boolean;
  revocationRightStated: boolean;
  /** 'YYYY-MM-DD': the consent is good through this date. */
  expiresOn: string | null;
  /** An event that ends the consent (e.g. "end of treatment"); staff revoke or replace it when it happens. */
  expiryEvent: string | null;
  patientSignedName: string | null;
  signerRelationship: string | null;
  /** 'YYYY-MM-DD' */
  signedOn: string | null;
  revokedAt: Date | null;
};

export type ConsentElement =
  | 'patient_signature'
  | 'signed_on'
  | 'discloser'
  | 'information'
  | 'record_kinds'
  | 'recipients'
  | 'purpose'
  | 'revocation_right'
  | 'expiry';

/** Every element 2.31(a) requires, with the consent field that holds it. The patient is the consent's own patient. */
export const CONSENT_ELEMENTS: readonly { element: ConsentElement; path: string; label: string; section: string }[] = [
  { element: 'discloser', path: 'discloser', label: 'who is disclosing (the program or person)', section: '2.31(a)(2)' },
  { element: 'information', path: 'information', label: 'how much and what kind of information', section: '2.31(a)(3)' },
  { element: 'record_kinds', path: 'recordKinds', label: 'the kinds of records covered', section: '2.31(a)(3)' },
  { element: 'recipients', path: 'recipients', label: 'the recipients (names or a general designation)', section: '2.31(a)(4)' },
  { element: 'purpose', path: 'purpose', label: 'the purpose of the disclosure', section: '2.31(a)(5)' },
  { element: 'revocation_right', path: 'revocationRightStated', label: 'the statement of the right to revoke', section: '2.31(a)(6)' },
  { element: 'expiry', path: 'expiresOn', label: 'an expiration date or event', section: '2.31(a)(7)' },
  { element: 'patient_signature', path: 'patientSignedName', label: 'the signature of the patient', section: '2.31(a)(8)' },
  { element: 'signed_on', path: 'signedOn', label: 'the date signed', section: '2.31(a)(9)' },
];

export type ConsentIssue = { element: ConsentElement; path: string; message: string };

const filled = (value: string | null): boolean => value !== null && value.trim() !== '';

function present(consent: Consent, element: ConsentElement): boolean {
  switch (element) {
    case 'discloser':
      return filled(consent.discloser);
    case 'information':
      return filled(consent.information);
    case 'record_kinds':
      return consent.recordKinds.length > 0;
    case 'recipients':
      return consent.recipients.some((recipient) => filled(recipient));
    case 'purpose':
      return filled(consent.purpose);
    case 'revocation_right':
      return consent.revocationRightStated;
    case 'expiry':
      return consent.expiresOn !== null || filled(consent.expiryEvent);
    case 'patient_signature':
      return filled(consent.patientSignedName);
    case 'signed_on':
      return consent.signedOn !== null;
  }
}

/** The 2.31 elements a consent lacks; empty when it may be activated. */
export function missingConsentElements(consent: Consent): ConsentIssue[] {
  const issues: ConsentIssue[] = [];
  for (const spec of CONSENT_ELEMENTS) {
    if (!present(consent, spec.element))
      issues.push({ element: spec.element, path: spec.path, message: `is required: ${spec.label} (42 CFR ${spec.section})` });
  }
  if (consent.expiresOn !== null && consent.signedOn !== null && consent.expiresOn < consent.signedOn)
    issues.push({ element: 'expiry', path: 'expiresOn', message: 'must be on or after the date signed (42 CFR 2.31(a)(7))' });
  return issues;
}

/**
 * Recipient matching: the disclosure's recipient must equal one of the consent's recipients, ignoring
 * case, surrounding spaces and repeated spaces. No partial matching: "Example" must not match
 * "Example Primary Care", and a general designation covers only the recipient written as such.
 */
export function normalizeRecipient(recipient: string): string {
  return recipient.trim().replace(/\s+/g, ' ').toLowerCase();
}

export function recipientNamed(consent: Pick<Consent, 'recipients'>, recipient: string): boolean {
  const wanted = normalizeRecipient(recipient);
  return wanted !== '' && consent.recipients.some((named) => normalizeRecipient(named) === wanted);
}

export type CoverageRule =
  | 'CONSENT_NOT_ACTIVE'
  | 'CONSENT_REVOKED'
  | 'CONSENT_EXPIRED'
  | 'CONSENT_NOT_SIGNED'
  | 'CONSENT_RECIPIENT_NOT_NAMED'
  | 'CONSENT_RECORD_KINDS'
  | 'COUNSELING_NOTES_NEED_OWN_CONSENT';

export type Coverage = { ok: true } | { ok: false; rule: CoverageRule; message: string };

export type CoverageRequest = {
  recipient: string;
  /** The consent kinds the outgoing records need ('sud_counseling_notes' for counseling notes). */
  recordKinds: ReadonlySet<ConsentRecordKind>;
  /** The moment of the disclosure, and its local date in the program's time zone. */
  at: Date;
  today: string;
};

/** Whether the consent allows this disclosure at this moment. Revocation counts from its recorded moment on. */
export function consentCovers(consent: Consent, request: CoverageRequest): Coverage {
  // A revoked consent without a recorded moment cannot be shown to predate this disclosure: refuse.
  const revoked = consent.status === 'revoked' || consent.revokedAt !== null;
  if (revoked && (consent.revokedAt === null || consent.revokedAt.getTime() <= request.at.getTime()))
    return {
      ok: false,
      rule: 'CONSENT_REVOKED',
      message: 'The consent was revoked in writing; it covers no disclosure after its revocation (42 CFR 2.31(a)(6))',
    };
  if (consent.status !== 'active' && consent.status !== 'revoked')
    return {
      ok: false,
      rule: 'CONSENT_NOT_ACTIVE',
      message: 'The consent is a draft: only an active consent with every 2.31 element allows a disclosure (42 CFR 2.31)',
    };
  if (consent.signedOn === null || !filled(consent.patientSignedName) || consent.signedOn > request.today)
    return { ok: false, rule: 'CONSENT_NOT_SIGNED', message: 'The consent is not signed and dated by the patient (42 CFR 2.31(a)(8)-(9))' };
  if (consent.expiresOn !== null && consent.expiresOn < request.today)
    return { ok: false, rule: 'CONSENT_EXPIRED', message: `The consent expired on ${consent.expiresOn} (42 CFR 2.31(a)(7))` };
  if (!recipientNamed(consent, request.recipient))
    return { ok: false, rule: 'CONSENT_RECIPIENT_NOT_NAMED', message: 'The recipient is not named in the consent (42 CFR 2.31(a)(4))' };
  if (request.recordKinds.has('sud_counseling_notes') && !consent.recordKinds.includes('sud_counseling_notes'))
    return {
      ok: false,
      rule: 'COUNSELING_NOTES_NEED_OWN_CONSENT',
      message: 'SUD counseling notes leave only with a consent that names them (42 CFR 2.31(b))',
    };
  const uncovered = [...request.recordKinds].filter((kind) => !consent.recordKinds.includes(kind));
  if (uncovered.length > 0)
    return {
      ok: false,
      rule: 'CONSENT_RECORD_KINDS',
      message: `The consent does not cover ${uncovered.map((kind) => CONSENT_RECORD_KIND_LABELS[kind].toLowerCase()).join(', ')} (42 CFR 2.31(a)(3))`,
    };
  return { ok: true };
}

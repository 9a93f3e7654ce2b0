import { z } from 'zod';
import { CONSENT_RECORD_KINDS } from '../../../domain/disclosure/consent.js';
import { ErrorBody, Uuid, standardErrors } from '../../http/common-schemas.js';

export const consentErrors = { ...standardErrors, 409: ErrorBody, 412: ErrorBody, 422: ErrorBody } as const;

const LocalDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date (YYYY-MM-DD)');
const Version = z.number().int().min(1);

export const PatientParams = z.strictObject({ patientId: Uuid });
export const ConsentParams = z.strictObject({ patientId: Uuid, consentId: Uuid });

/** The 2.31 elements as the editor sends them. Every field may be empty on a draft; activation checks them. */
export const ConsentFieldsBody = z.strictObject({
  discloser: z.string().max(500, 'use at most 500 characters'),
  information: z.string().max(2000, 'use at most 2000 characters'),
  recordKinds: z.array(z.enum(CONSENT_RECORD_KINDS)).max(CONSENT_RECORD_KINDS.length),
  recipients: z.array(z.string().max(500, 'use at most 500 characters')).max(20, 'name at most 20 recipients'),
  purpose: z.string().max(1000, 'use at most 1000 characters'),
  treatmentPaymentOperations: z.boolean(),
  revocationRightStated: z.boolean(),
  expiresOn: LocalDate.nullable(),
  expiryEvent: z.string().max(500, 'use at most 500 characters').nullable(),
  patientSignedName: z.string().max(200, 'use at most 200 characters').nullable(),
  signerRelationship: z.string().max(200, 'use at most 200 characters').nullable(),
  signedOn: LocalDate.nullable(),
});

export const CreateConsentBody = ConsentFieldsBody.partial();
export const UpdateConsentBody = ConsentFieldsBody.partial().extend({ version: Version.optional() });
export const ActivateBody = z.strictObject({ version: Version.optional() });
export const RevokeBody = z.strictObject({
  version: Version.optional(),
  /** The date the program received the patient's written revocation. */
  receivedOn: LocalDate,
  note: z.string().trim().min(1, 'is required: how the written revocation was received').max(2000, 'use at most 2000 characters'),
});

const Person = z.object({ id: z.string(), name: z.string() });

export const ConsentDto = z.object({
  id: z.string(),
  patientId: z.string(),
  status: z.enum(['draft', 'active', 'revoked']),
  discloser: z.string(),
  information: z.string(),
  recordKinds: z.array(z.enum(CONSENT_RECORD_KINDS)),
  recipients: z.array(z.string()),
  purpose: z.string(),
  treatmentPaymentOperations: z.boolean(),
  revocationRightStated: z.boolean(),
  expiresOn: z.string().nullable(),
  expiryEvent: z.string().nullable(),
  patientSignedName: z.string().nullable(),
  signerRelationship: z.string().nullable(),
  signedOn: z.string().nullable(),
  version: z.number(),
  createdBy: Person,
  createdAt: z.string(),
  activatedBy: Person.nullable(),
  activatedAt: z.string().nullable(),
  revokedBy: Person.nullable(),
  revokedAt: z.string().nullable(),
  revocationNote: z.string().nullable(),
  /** The 2.31 elements a draft still lacks (empty once complete). */
  missing: z.array(z.object({ element: z.string(), path: z.string(), message: z.string() })),
});

export const ConsentListDto = z.object({ consents: z.array(ConsentDto) });

import { z } from 'zod';
import { ErrorBody, Uuid } from '../../http/common-schemas.js';

const Text = (max: number) => z.string().trim().max(max, `use at most ${max} characters`);
/** Optional text: blank counts as not given. */
const Optional = (max: number) =>
  Text(max)
    .optional()
    .transform((value) => (value === undefined || value === '' ? undefined : value));
const Likert = z.number().int().min(0).max(3).nullable();

/** The self-check answers, the same questions as the public form (src/domain/front-door/self-check-questions.ts). */
export const SelfCheckBody = z.strictObject({
  suicidalThoughts: z.enum(['now', 'recently', 'never']),
  harmOthers: z.enum(['yes', 'no']),
  recentAttempt: z.enum(['yes', 'no']),
  withdrawalRisk: z.enum(['yes', 'no']),
  safeHome: z.enum(['yes', 'no']),
  support: z.enum(['yes', 'no']),
  canAttend: z.enum(['yes', 'no', 'unsure']),
  dailyImpact: z.enum(['a_little', 'a_lot', 'cannot_manage']),
  commitments: z.enum(['yes', 'no']),
  earlierTreatment: z.enum(['none', 'outpatient_helping', 'outpatient_not_enough', 'hospital_recently']),
  formatPreference: z.enum(['in_person', 'online', 'no_preference']),
  phq9: z.array(Likert).length(9).optional(),
  gad7: z.array(Likert).length(7).optional(),
});

export const InquiryBody = z.strictObject({
  forWhom: z.enum(['self', 'loved_one'], { message: 'is required: self or loved_one' }),
  contactName: Text(200).min(1, 'is required'),
  patientName: Optional(200),
  phone: Optional(40),
  email: Optional(254),
  bestTime: Optional(200),
  state: Optional(10),
  ageRange: z.enum(['under_13', '13_17', '18_25', '26_64', '65_plus']).optional(),
  concerns: Optional(4000),
  programId: Uuid.optional(),
  formatPreference: z.enum(['in_person', 'online', 'no_preference']).optional(),
  payerName: Optional(200),
  memberId: Optional(100),
  heardAbout: Optional(200),
  consentToContact: z.literal(true, { message: 'is required: we may contact you only with your consent' }),
  privacyNoticeVersion: Text(20).min(1).optional(),
  language: z.enum(['en', 'es']).optional(),
  selfCheck: SelfCheckBody.optional(),
  /** Honeypot: people leave it empty; a filled one is answered as usual and nothing is stored. */
  website: z.string().max(500).optional(),
});

export type InquiryBodyInput = z.output<typeof InquiryBody>;

export const InquiryCreatedDto = z.object({ id: z.string(), urgent: z.boolean() });

export const inquiryErrors = { 400: ErrorBody, 403: ErrorBody, 413: ErrorBody, 422: ErrorBody, 429: ErrorBody } as const;

import { z } from 'zod';
import { Email, ErrorBody, RoleSchema } from '../../http/common-schemas.js';

export const SessionDto = z.object({
  user: z.object({
    id: z.string(),
    email: z.string(),
    displayName: z.string(),
    roles: z.array(RoleSchema),
    siteIds: z.array(z.string()),
    mfaEnrolled: z.boolean(),
  }),
  organization: z.object({ id: z.string(), name: z.string(), isDemo: z.boolean() }),
  csrfToken: z.string(),
  stage: z.enum(['active', 'mfa_required', 'mfa_enrolment_required']),
  idleTimeoutSeconds: z.number().int(),
  idleExpiresAt: z.string(),
  absoluteExpiresAt: z.string(),
});

export const LoginBody = z.strictObject({
  email: Email,
  // Long passphrases are welcome; the cap only stops abuse of the slow hash.
  password: z.string().min(1, 'is required').max(1024),
});

export const CodeBody = z.strictObject({ code: z.string().min(6).max(32) });

export const AuthConfig = z.object({
  demo: z.boolean(),
  demoPassword: z.string().nullable(),
  demoAccounts: z.array(z.object({ email: z.string(), role: RoleSchema })),
});

export const TotpSetup = z.object({ secret: z.string(), otpauthUrl: z.string(), qrDataUrl: z.string() });
export const TotpEnabled = z.object({ recoveryCodes: z.array(z.string()), session: SessionDto });

export const authErrors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 409: ErrorBody, 422: ErrorBody, 429: ErrorBody } as const;

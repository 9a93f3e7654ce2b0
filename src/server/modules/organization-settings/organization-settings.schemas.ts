import { z } from 'zod';
import { Email, ErrorBody, standardErrors } from '../../http/common-schemas.js';

export const OrganizationSettingsDto = z.object({
  name: z.string(),
  publicPhone: z.string(),
  publicEmail: z.string(),
  publicAddress: z.string(),
  accreditations: z.array(z.string()),
  inquiryResponseTargetMinutes: z.number(),
  safetyEscalationAcuteMinutes: z.number(),
  safetyEscalationPositiveMinutes: z.number(),
  planReviewDays: z.number(),
  noteSigningLimitHours: z.number(),
  hasLogo: z.boolean(),
  logoContentType: z.string().nullable(),
  settingsVersion: z.number(),
});

export const UpdateOrganizationSettingsBody = z.strictObject({
  settingsVersion: z.number().int().min(1),
  name: z.string().trim().min(1, 'is required').max(200, 'use at most 200 characters'),
  publicPhone: z.string().trim().max(40, 'use at most 40 characters'),
  publicEmail: z.union([z.literal(''), Email]),
  publicAddress: z.string().trim().max(300, 'use at most 300 characters'),
  accreditations: z.array(z.string().trim().min(1, 'is required').max(200, 'use at most 200 characters')).max(20, 'list at most 20'),
  inquiryResponseTargetMinutes: z.number().int().min(5, 'must be at least 5 minutes').max(10080, 'must be at most 7 days (10080 minutes)'),
  // Minutes an unacknowledged safety alert waits before it escalates to the directors (decision
  // 0021). Optional: a client that does not send them keeps the current values. Applies to alerts
  // raised after the change.
  safetyEscalationAcuteMinutes: z
    .number()
    .int()
    .min(1, 'must be at least 1 minute')
    .max(1440, 'must be at most 24 hours (1440 minutes)')
    .optional(),
  safetyEscalationPositiveMinutes: z
    .number()
    .int()
    .min(1, 'must be at least 1 minute')
    .max(10080, 'must be at most 7 days (10080 minutes)')
    .optional(),
  // Days from a treatment plan's signature to its review (decision 0026). Optional like the above.
  planReviewDays: z.number().int().min(7, 'must be at least 7 days').max(365, 'must be at most 365 days').optional(),
  // Hours after the service a note may stay unsigned before the timeliness report calls it late.
  noteSigningLimitHours: z.number().int().min(1, 'must be at least 1 hour').max(720, 'must be at most 30 days (720 hours)').optional(),
});

export const settingsErrors = { ...standardErrors, 409: ErrorBody, 412: ErrorBody, 413: ErrorBody } as const;

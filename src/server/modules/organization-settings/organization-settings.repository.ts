import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

type Q = Kysely<Database>;

export type SettingsRecord = {
  name: string;
  publicPhone: string;
  publicEmail: string;
  publicAddress: string;
  accreditations: string[];
  inquiryResponseTargetMinutes: number;
  safetyEscalationAcuteMinutes: number;
  safetyEscalationPositiveMinutes: number;
  planReviewDays: number;
  noteSigningLimitHours: number;
  hasLogo: boolean;
  logoContentType: string | null;
  settingsVersion: number;
};

/** Settings a client may leave out (it keeps the current value). */
type OptionalField = 'safetyEscalationAcuteMinutes' | 'safetyEscalationPositiveMinutes' | 'planReviewDays' | 'noteSigningLimitHours';

export type SettingsFields = Omit<SettingsRecord, 'hasLogo' | 'logoContentType' | 'settingsVersion' | OptionalField> & {
  [K in OptionalField]?: number | undefined;
};

export async function findSettings(db: Q, organizationId: string, options: { lock?: boolean } = {}): Promise<SettingsRecord | null> {
  let query = db
    .selectFrom('organizations')
    .select([
      'name',
      'public_phone as publicPhone',
      'public_email as publicEmail',
      'public_address as publicAddress',
      'accreditations',
      'inquiry_response_target_minutes as inquiryResponseTargetMinutes',
      'safety_escalation_acute_minutes as safetyEscalationAcuteMinutes',
      'safety_escalation_positive_minutes as safetyEscalationPositiveMinutes',
      'plan_review_days as planReviewDays',
      'note_signing_limit_hours as noteSigningLimitHours',
      sql<boolean>`logo IS NOT NULL`.as('hasLogo'),
      'logo_content_type as logoContentType',
      'settings_version as settingsVersion',
    ])
    .where('id', '=', organizationId);
  if (options.lock) query = query.forUpdate();
  return (await query.executeTakeFirst()) ?? null;
}

/** Updates only at the expected version; false when someone saved in between. */
export async function updateSettings(db: Q, organizationId: string, expectedVersion: number, fields: SettingsFields): Promise<boolean> {
  const result = await db
    .updateTable('organizations')
    .set((eb) => ({
      name: fields.name,
      public_phone: fields.publicPhone,
      public_email: fields.publicEmail,
      public_address: fields.publicAddress,
      accreditations: fields.accreditations,
      inquiry_response_target_minutes: fields.inquiryResponseTargetMinutes,
      ...(fields.safetyEscalationAcuteMinutes === undefined
        ? {}
        : { safety_escalation_acute_minutes: fields.safetyEscalationAcuteMinutes }),
      ...(fields.safetyEscalationPositiveMinutes === undefined
        ? {}
        : { safety_escalation_positive_minutes: fields.safetyEscalationPositiveMinutes }),
      ...(fields.planReviewDays === undefined ? {} : { plan_review_days: fields.planReviewDays }),
      ...(fields.noteSigningLimitHours === undefined ? {} : { note_signing_limit_hours: fields.noteSigningLimitHours }),
      settings_version: eb('settings_version', '+', 1),
    }))
    .where('id', '=', organizationId)
    .where('settings_version', '=', expectedVersion)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

export async function setLogo(
  db: Q,
  organizationId: string,
  logo: { bytes: Buffer; contentType: 'image/png' | 'image/jpeg' | 'image/webp' } | null,
): Promise<void> {
  await db
    .updateTable('organizations')
    .set((eb) => ({
      logo: logo?.bytes ?? null,
      logo_content_type: logo?.contentType ?? null,
      settings_version: eb('settings_version', '+', 1),
    }))
    .where('id', '=', organizationId)
    .execute();
}

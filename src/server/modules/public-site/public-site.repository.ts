import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

type Q = Kysely<Database>;

export type PublicOrganizationRow = {
  id: string;
  name: string;
  phone: string;
  email: string;
  address: string;
  accreditations: string[];
  hasLogo: boolean;
  settingsVersion: number;
  inquiryResponseTargetMinutes: number;
};

const orgColumns = (db: Q) =>
  db
    .selectFrom('organizations')
    .select([
      'id',
      'name',
      'public_phone as phone',
      'public_email as email',
      'public_address as address',
      'accreditations',
      sql<boolean>`logo IS NOT NULL`.as('hasLogo'),
      'settings_version as settingsVersion',
      'inquiry_response_target_minutes as inquiryResponseTargetMinutes',
    ]);

/** The configured organization; without one, the demo organization; else the oldest. */
export async function findPublicOrganization(db: Q, configuredId: string | undefined): Promise<PublicOrganizationRow | null> {
  if (configuredId !== undefined) return (await orgColumns(db).where('id', '=', configuredId).executeTakeFirst()) ?? null;
  const demo = await orgColumns(db).where('is_demo', '=', true).orderBy('created_at').orderBy('id').limit(1).executeTakeFirst();
  if (demo) return demo;
  return (await orgColumns(db).orderBy('created_at').orderBy('id').limit(1).executeTakeFirst()) ?? null;
}

export type PublicProgramRow = {
  id: string;
  name: string;
  levelOfCare: 'OP' | 'IOP' | 'PHP';
  population: 'adult' | 'adolescent';
  focus: 'mental_health' | 'substance_use' | 'dual_diagnosis';
  format: 'in_person' | 'virtual' | 'hybrid';
  conditions: string[];
  modalities: string[];
  summaryEn: string;
  summaryEs: string;
  siteName: string;
  timeZone: string;
};

/** Published, active programs only: an unpublished program never reaches the public site. */
export async function listPublishedPrograms(db: Q, organizationId: string, programId?: string): Promise<PublicProgramRow[]> {
  let query = db
    .selectFrom('programs')
    .innerJoin('sites', (join) =>
      join.onRef('sites.id', '=', 'programs.site_id').onRef('sites.organization_id', '=', 'programs.organization_id'),
    )
    .select([
      'programs.id',
      'programs.name',
      'programs.level_of_care as levelOfCare',
      'programs.population',
      'programs.focus',
      'programs.format',
      'programs.conditions',
      'programs.modalities',
      'programs.public_summary_en as summaryEn',
      'programs.public_summary_es as summaryEs',
      'sites.name as siteName',
      'sites.time_zone as timeZone',
    ])
    .where('programs.organization_id', '=', organizationId)
    .where('programs.published', '=', true)
    .where('programs.active', '=', true);
  if (programId !== undefined) query = query.where('programs.id', '=', programId);
  return query.orderBy('programs.name').execute();
}

export type TemplateRow = {
  programId: string;
  daysOfWeek: number[];
  startTime: string;
  durationMinutes: number;
  startsOn: string;
  endsOn: string | null;
};

export async function activeTemplatesOf(db: Q, organizationId: string, programIds: readonly string[]): Promise<TemplateRow[]> {
  if (programIds.length === 0) return [];
  return db
    .selectFrom('group_templates')
    .select([
      'program_id as programId',
      'days_of_week as daysOfWeek',
      'start_time as startTime',
      'duration_minutes as durationMinutes',
      'starts_on as startsOn',
      'ends_on as endsOn',
    ])
    .where('organization_id', '=', organizationId)
    .where('program_id', 'in', programIds)
    .where('active', '=', true)
    .execute();
}

export async function findLogo(db: Q, organizationId: string): Promise<{ logo: Buffer; contentType: string } | null> {
  const row = await db
    .selectFrom('organizations')
    .select(['logo', 'logo_content_type'])
    .where('id', '=', organizationId)
    .executeTakeFirst();
  if (!row?.logo || !row.logo_content_type) return null;
  return { logo: row.logo, contentType: row.logo_content_type };
}

import type { Kysely } from 'kysely';
import type { SafetyPlanContent } from '../../../domain/safety/safety-plan.js';
import type { Database } from '../../db/schema.js';

type Q = Kysely<Database>;

export type PlanRecord = SafetyPlanContent & {
  id: string;
  patientId: string;
  version: number;
  createdBy: { id: string; name: string };
  createdAt: Date;
};

export type PlanVersionRecord = { version: number; createdBy: { id: string; name: string }; createdAt: Date };

function query(db: Q, organizationId: string, patientId: string) {
  return db
    .selectFrom('safety_plans as s')
    .innerJoin('users as u', 'u.id', 's.created_by')
    .where('s.organization_id', '=', organizationId)
    .where('s.patient_id', '=', patientId);
}

export async function findPlan(
  db: Q,
  organizationId: string,
  patientId: string,
  version: number | 'latest',
): Promise<PlanRecord | undefined> {
  let q = query(db, organizationId, patientId)
    .select([
      's.id',
      's.patient_id',
      's.version',
      's.warning_signs',
      's.internal_coping',
      's.social_distraction',
      's.people_to_ask',
      's.professionals',
      's.safe_environment',
      's.created_by',
      's.created_at',
      'u.display_name',
    ])
    .orderBy('s.version', 'desc')
    .limit(1);
  if (version !== 'latest') q = q.where('s.version', '=', version);
  const row = await q.executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    patientId: row.patient_id,
    version: row.version,
    warningSigns: row.warning_signs,
    internalCoping: row.internal_coping,
    socialDistraction: row.social_distraction,
    peopleToAsk: row.people_to_ask,
    professionals: row.professionals,
    safeEnvironment: row.safe_environment,
    createdBy: { id: row.created_by, name: row.display_name },
    createdAt: row.created_at,
  };
}

export async function listVersions(db: Q, organizationId: string, patientId: string): Promise<PlanVersionRecord[]> {
  const rows = await query(db, organizationId, patientId)
    .select(['s.version', 's.created_by', 's.created_at', 'u.display_name'])
    .orderBy('s.version', 'desc')
    .execute();
  return rows.map((r) => ({ version: r.version, createdBy: { id: r.created_by, name: r.display_name }, createdAt: r.created_at }));
}

export async function latestVersion(db: Q, organizationId: string, patientId: string): Promise<number> {
  const row = await db
    .selectFrom('safety_plans')
    .select((eb) => eb.fn.max<number | null>('version').as('v'))
    .where('organization_id', '=', organizationId)
    .where('patient_id', '=', patientId)
    .executeTakeFirstOrThrow();
  return row.v ?? 0;
}

export async function insertPlan(
  db: Q,
  row: { organizationId: string; patientId: string; version: number; plan: SafetyPlanContent; createdBy: string; createdAt: Date },
): Promise<void> {
  await db
    .insertInto('safety_plans')
    .values({
      organization_id: row.organizationId,
      patient_id: row.patientId,
      version: row.version,
      warning_signs: row.plan.warningSigns,
      internal_coping: row.plan.internalCoping,
      social_distraction: row.plan.socialDistraction,
      people_to_ask: row.plan.peopleToAsk,
      professionals: row.plan.professionals,
      safe_environment: row.plan.safeEnvironment,
      created_by: row.createdBy,
      created_at: row.createdAt,
    })
    .execute();
}

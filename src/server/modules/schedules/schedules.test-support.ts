import { randomUUID } from 'node:crypto';
import { createProgram, createRoom } from '../../../../test/factories.js';
import { call, createTestOrg, sessionFor, type TestApp, type TestOrg, type TestSession } from '../../../../test/support.js';
import type { Db } from '../../db/database.js';

// Shared set-up for the schedules and calendar integration tests. Everything is synthetic.

type Org = { organizationId: string; siteIds: string[] };

export async function giveStaffProfile(
  db: Db,
  org: Org,
  userId: string,
  input: { modalities?: string[]; licensedStates?: string[] } = {},
): Promise<void> {
  await db
    .insertInto('staff_profiles')
    .values({
      organization_id: org.organizationId,
      user_id: userId,
      modalities: input.modalities ?? [],
      licensed_states: input.licensedStates ?? [],
    })
    .onConflict((oc) =>
      oc.column('user_id').doUpdateSet({ modalities: input.modalities ?? [], licensed_states: input.licensedStates ?? [] }),
    )
    .execute();
}

export async function createClosure(db: Db, org: Org, input: { date: string; reason?: string; siteId?: string | null }): Promise<void> {
  await db
    .insertInto('closures')
    .values({
      organization_id: org.organizationId,
      site_id: input.siteId === undefined ? (org.siteIds[0] ?? null) : input.siteId,
      closed_on: input.date,
      reason: input.reason ?? 'Staff training day',
    })
    .execute();
}

export async function createSiteWithZone(db: Db, org: Org, timeZone: string): Promise<string> {
  const row = await db
    .insertInto('sites')
    .values({ organization_id: org.organizationId, name: `Site ${randomUUID().slice(0, 6)}`, time_zone: timeZone })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function createUser(db: Db, org: Org, role: string, displayName: string): Promise<string> {
  const row = await db
    .insertInto('users')
    .values({
      organization_id: org.organizationId,
      email: `${randomUUID().slice(0, 8)}@test.openiop.org`,
      display_name: displayName,
      status: 'active',
      password_hash: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('user_roles').values({ organization_id: org.organizationId, user_id: row.id, role }).execute();
  return row.id;
}

export type Clinic = {
  org: TestOrg;
  siteId: string;
  programId: string;
  roomId: string;
  /** The org's clinician, qualified for CBT and DBT skills, licensed in IL. */
  clinicianId: string;
  director: TestSession;
  frontDesk: TestSession;
  clinician: TestSession;
};

/** A new organization: a program and a 12-place room at its Chicago site, a qualified clinician, sessions. */
export async function createClinic(t: TestApp): Promise<Clinic> {
  const org = await createTestOrg(t.deps);
  const siteId = org.siteIds[0] ?? '';
  const programId = await createProgram(t.db, org, { siteId });
  const roomId = await createRoom(t.db, org, { siteId, capacity: 12, name: `Group room ${randomUUID().slice(0, 6)}` });
  const clinicianId = org.users.clinician.id;
  await giveStaffProfile(t.db, org, clinicianId, { modalities: ['cbt', 'dbt_skills'], licensedStates: ['IL'] });
  return {
    org,
    siteId,
    programId,
    roomId,
    clinicianId,
    director: await sessionFor(t, org.users.director, org.organizationId),
    frontDesk: await sessionFor(t, org.users.front_desk, org.organizationId),
    clinician: await sessionFor(t, org.users.clinician, org.organizationId),
  };
}

export function templateBody(clinic: Clinic, changes: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    programId: clinic.programId,
    title: 'CBT skills group',
    modality: 'cbt',
    daysOfWeek: [1, 3],
    startTime: '09:00',
    durationMinutes: 180,
    facilitatorIds: [clinic.clinicianId],
    roomId: clinic.roomId,
    telehealth: false,
    capacity: 10,
    startsOn: '2026-02-16',
    endsOn: null,
    ...changes,
  };
}

/** Creates a template through the API and returns its id (fails the test on a refusal). */
export async function postTemplate(
  t: TestApp,
  clinic: Clinic,
  changes: Record<string, unknown> = {},
): Promise<{ id: string; version: number; body: unknown }> {
  const response = await call(t, clinic.director, 'POST', '/api/v1/schedules/templates', templateBody(clinic, changes));
  if (response.statusCode !== 201) throw new Error(`template not created: ${response.statusCode} ${response.body}`);
  const body = response.json<{ template: { id: string; version: number } }>();
  return { id: body.template.id, version: body.template.version, body };
}

export async function sessionsOf(db: Db, templateId: string) {
  return db.selectFrom('sessions_of_care').selectAll().where('template_id', '=', templateId).orderBy('occurrence_date').execute();
}

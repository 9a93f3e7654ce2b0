import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../domain/access/roles.js';
import { admit, createPatient, createProgram, createRoom, createSession, createTemplate, enrol } from '../../../test/factories.js';
import {
  TEST_PASSWORD,
  call,
  createTestOrg,
  sessionFor,
  testApp,
  type Method,
  type RegisteredRoute,
  type TestOrg,
} from '../../../test/support.js';
import { groupWithPatients } from '../../../test/attendance-fixtures.js';
import { locRatings } from '../../../test/level-of-care-fixtures.js';
import { createAssessment, createInquiry } from '../../../test/inquiry-fixtures.js';
import { createAlert } from '../../../test/safety-fixtures.js';
import { routeAccess } from './access.js';

// Organization A must not reach organization B's records through any route that takes an id.
// The route list comes from the app, so a new route with a path param fails here until its
// param is added to B_RECORDS below.

const routes: RegisteredRoute[] = [];
const t = await testApp({ routes });
let a: TestOrg;
let b: TestOrg;
/** Configuration records of organization B (programs area). */
const bConfig = { roomId: '', programId: '', closureId: '' };
/** Organization B's patient-area records (patients, episodes), made once. */
const bIds = { patientId: '', programId: '', episodeId: '' };

/** Organization B's records that TestOrg does not hold, made in beforeAll (schedules: a template, a group session, an appointment). */
const bRecords = new Map<string, string>();

beforeAll(async () => {
  a = await createTestOrg(t.deps);
  b = await createTestOrg(t.deps);
  bConfig.roomId = await createRoom(t.db, b);
  bConfig.programId = await createProgram(t.db, b);
  const closure = await t.db
    .insertInto('closures')
    .values({ organization_id: b.organizationId, site_id: null, closed_on: '2026-12-25', reason: 'Holiday' })
    .returning('id')
    .executeTakeFirstOrThrow();
  bConfig.closureId = closure.id;
  bIds.patientId = await createPatient(t.db, b);
  bIds.programId = await createProgram(t.db, b);
  bIds.episodeId = await admit(t.db, b, { patientId: bIds.patientId, programId: bIds.programId });
  await enrol(t.db, b, {
    episodeId: bIds.episodeId,
    templateId: await createTemplate(t.db, b, { programId: bIds.programId, roomId: null }),
  });
  const programId = await createProgram(t.db, b);
  const roomId = await createRoom(t.db, b);
  const templateId = await createTemplate(t.db, b, { programId, roomId, facilitatorIds: [b.users.clinician.id] });
  bRecords.set('templateId', templateId);
  bRecords.set(
    'sessionId',
    await createSession(t.db, b, {
      programId,
      templateId,
      occurrenceDate: '2026-11-02',
      startsAt: '2026-11-02T15:00:00Z',
      localDate: '2026-11-02',
      roomId,
      clinicianIds: [b.users.clinician.id],
    }),
  );
  const patientId = await createPatient(t.db, b);
  bRecords.set(
    'appointmentId',
    await createSession(t.db, b, {
      kind: 'individual_therapy',
      patientId,
      startsAt: '2026-11-03T15:00:00Z',
      minutes: 50,
      localDate: '2026-11-03',
      clinicianIds: [b.users.clinician.id],
      capacity: 1,
    }),
  );
  const group = await groupWithPatients(t.db, b, { patients: 1 });
  // A session with an enrolled patient and attendance serves the schedules and attendance routes alike.
  bRecords.set('sessionId', group.sessionId);
  // Admissions: an inquiry with an open follow-up task and a qualifying assessment.
  const inquiryId = await createInquiry(t.db, b);
  bRecords.set('inquiryId', inquiryId);
  bRecords.set('assessmentId', await createAssessment(t.db, b, { inquiryId, assessedBy: b.users.clinician.id }));
  const task = await t.db
    .insertInto('inquiry_tasks')
    .values({
      organization_id: b.organizationId,
      inquiry_id: inquiryId,
      title: 'Call back',
      due_at: new Date(),
      owner_id: b.users.admissions.id,
      created_by: b.users.admissions.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  bRecords.set('taskId', task.id);
  bRecords.set('alertId', await createAlert(t.db, b, { patientId: bIds.patientId }));
  const planLink = await t.db
    .insertInto('safety_plan_links')
    .values({
      organization_id: b.organizationId,
      patient_id: bIds.patientId,
      token_hash: Buffer.alloc(32, 7),
      expires_at: new Date(Date.now() + 86_400_000),
      created_by: b.users.clinician.id,
      created_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  bRecords.set('linkId', planLink.id);
  const treatmentPlan = await t.db
    .insertInto('treatment_plans')
    .values({
      organization_id: b.organizationId,
      patient_id: bIds.patientId,
      episode_id: bIds.episodeId,
      plan_version: 1,
      content: JSON.stringify({ problems: [], patientStrengthsAndPreferences: '' }),
      created_by: b.users.clinician.id,
      created_at: new Date(),
      updated_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  bRecords.set('planId', treatmentPlan.id);
  const signLink = await t.db
    .insertInto('treatment_plan_sign_links')
    .values({
      organization_id: b.organizationId,
      plan_id: treatmentPlan.id,
      token_hash: Buffer.alloc(32, 8),
      expires_at: new Date(Date.now() + 86_400_000),
      created_by: b.users.clinician.id,
      created_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  bRecords.set('signLinkId', signLink.id);
  const note = await t.db
    .insertInto('clinical_notes')
    .values({
      organization_id: b.organizationId,
      patient_id: bIds.patientId,
      episode_id: bIds.episodeId,
      note_type: 'progress_dap',
      service_date: '2026-11-02',
      author_id: b.users.clinician.id,
      created_at: new Date(),
      updated_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  bRecords.set('noteId', note.id);
  const consent = await t.db
    .insertInto('part2_consents')
    .values({
      organization_id: b.organizationId,
      patient_id: bIds.patientId,
      created_by: b.users.clinician.id,
      created_at: new Date(),
      updated_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  bRecords.set('consentId', consent.id);
  const share = await t.db
    .insertInto('record_shares')
    .values({
      organization_id: b.organizationId,
      patient_id: bIds.patientId,
      token_hash: Buffer.alloc(32, 9),
      created_by: b.users.clinician.id,
      created_at: new Date(),
      expires_at: new Date(Date.now() + 86_400_000),
      recipient: 'Example recipient (demo)',
      purpose: 'Care coordination',
      basis: 'medical_emergency',
      selection: JSON.stringify({ kind: 'chart', from: '2026-01-01', to: '2026-12-31', includeCounselingNotes: false }),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  bRecords.set('shareId', share.id);
});

function bRecord(name: string): string {
  const id = bRecords.get(name);
  if (id === undefined) throw new Error(`organization B has no ${name}`);
  return id;
}
afterAll(() => t.close());

type Lookup = ((org: TestOrg) => string) | { notTenantScoped: string };

/** Path param name → organization B's record of that kind (or why the param names no tenant record). */
const B_RECORDS: Record<string, Lookup> = {
  userId: (org) => org.users.clinician.id,
  siteId: (org) => org.siteIds[0] ?? '',
  roomId: () => bConfig.roomId,
  programId: () => bConfig.programId,
  closureId: () => bConfig.closureId,
  patientId: () => bIds.patientId,
  episodeId: () => bIds.episodeId,
  templateId: () => bRecord('templateId'),
  sessionId: () => bRecord('sessionId'),
  appointmentId: () => bRecord('appointmentId'),
  inquiryId: () => bRecord('inquiryId'),
  assessmentId: () => bRecord('assessmentId'),
  taskId: () => bRecord('taskId'),
  alertId: () => bRecord('alertId'),
  // A safety plan link of organization B's patient (the patient in the same path is B's too).
  linkId: () => bRecord('linkId'),
  // A treatment plan version of organization B's episode, and a signing link of it.
  planId: () => bRecord('planId'),
  signLinkId: () => bRecord('signLinkId'),
  // A draft note in organization B's patient's chart.
  noteId: () => bRecord('noteId'),
  // A draft 42 CFR Part 2 consent of organization B's patient.
  consentId: () => bRecord('consentId'),
  // An API share of organization B's patient's records.
  shareId: () => bRecord('shareId'),
  // A safety plan version belongs to the patient in the same path: organization B's patient is the record.
  version: () => '1',
  token: {
    notTenantScoped: 'one-time links and calendar feed URLs are capabilities: whoever holds the token may use it, signed in or not',
  },
  '*': { notTenantScoped: 'static files of the public API docs' },
  code: { notTenantScoped: 'instrument codes name the shared instrument library, not records of an organization' },
  publicProgramId: {
    notTenantScoped:
      'public site pages show only the published programs of the organization the site is configured for; any other id is the 404 page',
  },
};

/** Bodies that pass validation, so the request reaches the record lookup. */
const VALID_BODIES: Record<string, unknown> = {
  'PUT /api/v1/programs/:programId/measure-schedule': { rules: [] },
  'POST /api/v1/patients/:patientId/measures': {
    instrument: 'phq-9',
    answers: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0, 6: 0, 7: 0, 8: 0, 9: 0 },
    administeredAt: '2026-01-05T15:00:00Z',
  },
  'POST /api/v1/patients/:patientId/measure-links': { instrument: 'phq-9' },
  'PATCH /api/v1/admin/users/:userId': { displayName: 'Renamed by another organization', roles: ['admin'], siteIds: [] },
  'PATCH /api/v1/sites/:siteId': { name: 'Renamed by another organization', timeZone: 'Europe/Paris' },
  'POST /api/v1/sites/:siteId/rooms': { name: 'Planted room', capacity: 5 },
  'PATCH /api/v1/rooms/:roomId': { name: 'Renamed room', capacity: 1 },
  'PATCH /api/v1/programs/:programId': { version: 1, name: 'Renamed program', published: true },
  'PUT /api/v1/staff/:userId/profile': {
    licenceType: 'LCSW',
    licensedStates: ['NY'],
    modalities: ['cbt'],
    weeklyAvailability: [],
    siteIds: [],
  },
  'PATCH /api/v1/patients/:patientId': { version: 1, preferredName: 'Renamed by another organization' },
  // A program of A's own would do; a random id shows the path record is looked up first.
  'POST /api/v1/patients/:patientId/episodes': { programId: '00000000-0000-4000-8000-000000000000', admittedOn: '2026-01-05' },
  'POST /api/v1/episodes/:episodeId/transfer': {
    kind: 'step_up',
    toInpatient: true,
    effectiveOn: '2026-11-02',
    reason: 'Crisis',
    referralNote: 'Unit A',
  },
  'POST /api/v1/episodes/:episodeId/discharge': {
    dischargedOn: '2026-11-02',
    disposition: 'administrative',
    aftercareNote: 'Closed by another organization',
  },
  'PUT /api/v1/episodes/:episodeId/plan': { version: 1, enrolments: [] },
  'PATCH /api/v1/schedules/templates/:templateId': { version: 1, title: 'Renamed by another organization' },
  'POST /api/v1/schedules/templates/:templateId/end': { version: 1, endsOn: '2030-01-01' },
  'PATCH /api/v1/sessions/:sessionId': { action: 'cancel', version: 1, reason: 'Cancelled by another organization' },
  'POST /api/v1/appointments/:appointmentId/cancel': { version: 1, reason: 'Cancelled by another organization' },
  'PUT /api/v1/sessions/:sessionId/attendance': { attendance: [{ patientId: '00000000-0000-4000-8000-000000000000', status: 'present' }] },
  'PUT /api/v1/sessions/:sessionId/attendance/:patientId': { status: 'present' },
  'POST /api/v1/inquiries/:inquiryId/loc-assessments': { ratings: locRatings(), finalLevel: 'OP' },
  'POST /api/v1/patients/:patientId/loc-assessments': { ratings: locRatings(), finalLevel: 'OP' },
  'POST /api/v1/inquiries/:inquiryId/activities': { kind: 'note', body: 'Planted by another organization' },
  'POST /api/v1/inquiries/:inquiryId/stage': { version: 1, to: 'closed', reason: 'no_response' },
  'POST /api/v1/inquiries/:inquiryId/assessment-booking': {
    version: 1,
    at: '2099-01-05T15:00:00Z',
    clinicianId: '00000000-0000-4000-8000-000000000000',
  },
  'POST /api/v1/inquiries/:inquiryId/owner': { version: 1, ownerId: null },
  'POST /api/v1/inquiries/:inquiryId/merge': { version: 1, duplicateId: '00000000-0000-4000-8000-000000000000' },
  'POST /api/v1/inquiries/:inquiryId/tasks': { title: 'Planted task', dueAt: '2099-01-05T15:00:00Z' },
  'POST /api/v1/safety/alerts/:alertId/acknowledge': { actions: ['safety_assessment_done'] },
  'POST /api/v1/patients/:patientId/safety-alerts': { severity: 'acute', note: 'Planted by another organization' },
  'POST /api/v1/patients/:patientId/safety-plan': {
    warningSigns: ['Planted'],
    internalCoping: [],
    socialDistraction: [],
    peopleToAsk: [],
    professionals: [],
    safeEnvironment: [],
  },
  'POST /api/v1/episodes/:episodeId/treatment-plans/revisions': { reason: 'Planted by another organization', isReview: false },
  'PUT /api/v1/treatment-plans/:planId': {
    version: 1,
    content: { problems: [], patientStrengthsAndPreferences: 'Planted by another organization' },
    plannedDaysPerWeek: 3,
    plannedMinutesPerWeek: 540,
  },
  'POST /api/v1/treatment-plans/:planId/sign': { version: 1 },
  'POST /api/v1/treatment-plans/:planId/patient-signature': { signedName: 'Planted', attested: true },
  'POST /api/v1/patients/:patientId/notes': { noteType: 'progress_dap', serviceDate: '2026-11-02' },
  'PATCH /api/v1/notes/:noteId': { version: 1, content: { data: 'Planted by another organization' } },
  'POST /api/v1/notes/:noteId/sign': {},
  'POST /api/v1/notes/:noteId/addenda': { kind: 'correction', body: 'Planted by another organization' },
  'PUT /api/v1/sessions/:sessionId/group-note': {
    version: 0,
    summary: { topic: 'Planted', modality: 'CBT', interventions: 'Planted', summary: 'Planted' },
    entries: [],
  },
  'POST /api/v1/sessions/:sessionId/group-note/sign': { version: 1 },
  'POST /api/v1/notes/:noteId/cosigner': { cosignerId: '00000000-0000-4000-8000-000000000000', reason: 'Planted by another organization' },
  'POST /api/v1/sessions/:sessionId/group-note/cosigner': {
    cosignerId: '00000000-0000-4000-8000-000000000000',
    reason: 'Planted by another organization',
  },
  'POST /api/v1/patients/:patientId/consents': { discloser: 'Planted by another organization' },
  'PATCH /api/v1/patients/:patientId/consents/:consentId': { version: 1, purpose: 'Changed by another organization' },
  'POST /api/v1/patients/:patientId/consents/:consentId/activate': { version: 1 },
  'POST /api/v1/patients/:patientId/consents/:consentId/revoke': { receivedOn: '2026-11-02', note: 'Revoked by another organization' },
  'POST /api/v1/patients/:patientId/disclosures': {
    recipient: 'Another organization',
    purpose: 'Reading records it may not',
    basis: 'medical_emergency',
    what: { kind: 'chart', from: '2026-01-01', to: '2026-12-31' },
  },
  'POST /api/v1/patients/:patientId/record-shares': {
    recipient: 'Another organization',
    purpose: 'Reading records it may not',
    basis: 'medical_emergency',
    what: { kind: 'chart', from: '2026-01-01', to: '2026-12-31' },
  },
  'POST /api/v1/inquiries/:inquiryId/admit': {
    version: 1,
    programId: '00000000-0000-4000-8000-000000000000',
    admittedOn: '2026-11-30',
    patient: { legalFirstName: 'Planted', legalLastName: 'Patient', dateOfBirth: '1990-01-01', stateOfResidence: 'OR' },
  },
};

function params(url: string): string[] {
  const names = [...url.matchAll(/:([A-Za-z0-9_]+)/g)].map((match) => match[1] ?? '');
  return url.endsWith('*') ? [...names, '*'] : names;
}

function label(route: RegisteredRoute): string {
  return `${route.method} ${route.url}`;
}

const routesWithParams = routes.filter((route) => params(route.url).length > 0);
const tenantRoutes = routesWithParams.filter((route) => params(route.url).every((name) => typeof B_RECORDS[name] === 'function'));

describe('routes with path params', () => {
  it('are all known to this test: every param maps to a record of organization B or says why it is not tenant-scoped', () => {
    const unknown = routesWithParams.flatMap((route) =>
      params(route.url)
        .filter((name) => !(name in B_RECORDS))
        .map((name) => `${label(route)} (:${name})`),
    );
    expect(unknown).toEqual([]);
  });

  it('include the user admin routes (the collector works)', () => {
    expect(tenantRoutes.map(label)).toEqual(
      expect.arrayContaining([
        'GET /api/v1/admin/users/:userId',
        'PATCH /api/v1/admin/users/:userId',
        'POST /api/v1/admin/users/:userId/deactivate',
      ]),
    );
  });
});

describe.each(tenantRoutes.map((route) => [label(route), route] as const))('%s with an id of another organization', (_name, route) => {
  it('answers 404 and changes nothing there', async () => {
    const access = routeAccess(route.url, route.access);
    if (access === undefined || access === 'public') throw new Error(`${label(route)} names tenant records but is public`);
    const role: Role = access.roles === 'any' || access.roles.includes('admin') ? 'admin' : (access.roles[0] ?? 'admin');
    const session = await sessionFor(t, a.users[role], a.organizationId);
    const before = await snapshotOf(b);

    const url = route.url.replace(/:([A-Za-z0-9_]+)/g, (_match, name: string) => {
      const lookup = B_RECORDS[name];
      if (typeof lookup !== 'function') throw new Error(`no record of organization B for :${name}`);
      return lookup(b);
    });
    const response = await call(t, session, route.method as Method, url, VALID_BODIES[label(route)]);

    expect(response.statusCode).toBe(404);
    if (route.method !== 'HEAD') expect(response.json().error.code).toBe('NOT_FOUND');
    expect(await snapshotOf(b)).toEqual(before);
  });
});

/** What another organization could damage: its users, roles, sites, sessions, invites, configuration, audit chain, patients, episodes, group templates and sessions of care. */
async function snapshotOf(org: TestOrg) {
  const users = await t.db.selectFrom('users').selectAll().where('organization_id', '=', org.organizationId).orderBy('id').execute();
  const roles = await t.db
    .selectFrom('user_roles')
    .selectAll()
    .where('organization_id', '=', org.organizationId)
    .orderBy('user_id')
    .orderBy('role')
    .execute();
  const sites = await t.db
    .selectFrom('user_sites')
    .selectAll()
    .where('organization_id', '=', org.organizationId)
    .orderBy('user_id')
    .orderBy('site_id')
    .execute();
  const sessions = await t.db
    .selectFrom('sessions')
    .select(['id', 'ended_at'])
    .where('organization_id', '=', org.organizationId)
    .orderBy('id')
    .execute();
  const tokens = await t.db
    .selectFrom('one_time_tokens')
    .selectAll()
    .where('organization_id', '=', org.organizationId)
    .orderBy('token_hash')
    .execute();
  const audit = await t.db
    .selectFrom('audit_events')
    .select(['id'])
    .where('organization_id', '=', org.organizationId)
    .orderBy('id')
    .execute();
  const config = {
    sites: await t.db.selectFrom('sites').selectAll().where('organization_id', '=', org.organizationId).orderBy('id').execute(),
    rooms: await t.db.selectFrom('rooms').selectAll().where('organization_id', '=', org.organizationId).orderBy('id').execute(),
    programs: await t.db.selectFrom('programs').selectAll().where('organization_id', '=', org.organizationId).orderBy('id').execute(),
    staffProfiles: await t.db
      .selectFrom('staff_profiles')
      .selectAll()
      .where('organization_id', '=', org.organizationId)
      .orderBy('user_id')
      .execute(),
    closures: await t.db.selectFrom('closures').selectAll().where('organization_id', '=', org.organizationId).orderBy('id').execute(),
  };
  const patients = await t.db.selectFrom('patients').selectAll().where('organization_id', '=', org.organizationId).orderBy('id').execute();
  const episodes = await t.db.selectFrom('episodes').selectAll().where('organization_id', '=', org.organizationId).orderBy('id').execute();
  const episodeEvents = await t.db
    .selectFrom('episode_events')
    .selectAll()
    .where('organization_id', '=', org.organizationId)
    .orderBy('id')
    .execute();
  const enrolments = await t.db
    .selectFrom('episode_enrolments')
    .selectAll()
    .where('organization_id', '=', org.organizationId)
    .orderBy('episode_id')
    .orderBy('template_id')
    .execute();
  const templates = await t.db
    .selectFrom('group_templates')
    .selectAll()
    .where('organization_id', '=', org.organizationId)
    .orderBy('id')
    .execute();
  const sessionsOfCare = await t.db
    .selectFrom('sessions_of_care')
    .selectAll()
    .where('organization_id', '=', org.organizationId)
    .orderBy('id')
    .execute();
  const attendance = await t.db
    .selectFrom('attendance')
    .selectAll()
    .where('organization_id', '=', org.organizationId)
    .orderBy('id')
    .execute();
  const admissions = {
    inquiries: await t.db.selectFrom('inquiries').selectAll().where('organization_id', '=', org.organizationId).orderBy('id').execute(),
    activities: await t.db
      .selectFrom('inquiry_activities')
      .selectAll()
      .where('organization_id', '=', org.organizationId)
      .orderBy('id')
      .execute(),
    tasks: await t.db.selectFrom('inquiry_tasks').selectAll().where('organization_id', '=', org.organizationId).orderBy('id').execute(),
    assessments: await t.db
      .selectFrom('loc_assessments')
      .selectAll()
      .where('organization_id', '=', org.organizationId)
      .orderBy('id')
      .execute(),
  };
  const safety = {
    alerts: await t.db.selectFrom('safety_alerts').selectAll().where('organization_id', '=', org.organizationId).orderBy('id').execute(),
    plans: await t.db.selectFrom('safety_plans').selectAll().where('organization_id', '=', org.organizationId).orderBy('id').execute(),
  };
  const treatmentPlans = {
    plans: await t.db.selectFrom('treatment_plans').selectAll().where('organization_id', '=', org.organizationId).orderBy('id').execute(),
    signLinks: await t.db
      .selectFrom('treatment_plan_sign_links')
      .selectAll()
      .where('organization_id', '=', org.organizationId)
      .orderBy('id')
      .execute(),
  };
  const notes = {
    notes: await t.db.selectFrom('clinical_notes').selectAll().where('organization_id', '=', org.organizationId).orderBy('id').execute(),
    addenda: await t.db.selectFrom('note_addenda').selectAll().where('organization_id', '=', org.organizationId).orderBy('id').execute(),
  };
  const part2 = {
    consents: await t.db.selectFrom('part2_consents').selectAll().where('organization_id', '=', org.organizationId).orderBy('id').execute(),
    disclosures: await t.db.selectFrom('disclosures').selectAll().where('organization_id', '=', org.organizationId).orderBy('id').execute(),
  };
  return {
    admissions,
    safety,
    treatmentPlans,
    notes,
    part2,
    users,
    roles,
    sites,
    sessions,
    tokens,
    audit,
    config,
    patients,
    episodes,
    episodeEvents,
    enrolments,
    templates,
    sessionsOfCare,
    attendance,
  };
}

describe('lists', () => {
  async function giveBSomeHistory(): Promise<string> {
    const bAdmin = await sessionFor(t, b.users.admin, b.organizationId);
    const created = await call(t, bAdmin, 'POST', '/api/v1/admin/users', {
      email: `b-new-${Date.now()}@test.openiop.org`,
      displayName: 'B newcomer',
      roles: ['clinician'],
      siteIds: b.siteIds,
    });
    expect(created.statusCode).toBe(201);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: b.users.billing.email, password: TEST_PASSWORD },
      remoteAddress: '10.20.0.1',
    });
    expect(login.statusCode).toBe(200);
    const bAuditor = await sessionFor(t, b.users.auditor, b.organizationId);
    expect((await call(t, bAuditor, 'GET', '/api/v1/audit/events')).statusCode).toBe(200);
    return created.json().user.id as string;
  }

  it("never show A's admin B's users", async () => {
    const bNewcomer = await giveBSomeHistory();
    const response = await call(t, await sessionFor(t, a.users.admin, a.organizationId), 'GET', '/api/v1/admin/users');
    expect(response.statusCode).toBe(200);
    const ids: string[] = response.json().users.map((user: { id: string }) => user.id);
    expect(ids).toEqual(expect.arrayContaining(Object.values(a.users).map((user) => user.id)));
    for (const bUser of [...Object.values(b.users).map((user) => user.id), bNewcomer]) expect(ids).not.toContain(bUser);
  });

  it("never show A's auditor B's audit events, whatever the filter", async () => {
    await giveBSomeHistory();
    const bUserIds = new Set(Object.values(b.users).map((user) => user.id));
    const auditor = await sessionFor(t, a.users.auditor, a.organizationId);
    for (const query of [
      '',
      '?action=user.',
      '?action=auth.',
      `?userId=${b.users.admin.id}`,
      `?userId=${b.users.billing.id}`,
      '?sort=occurredAt&limit=500',
    ]) {
      const response = await call(t, auditor, 'GET', `/api/v1/audit/events${query}`);
      expect(response.statusCode).toBe(200);
      const events: { organizationId: string | null; userId: string | null }[] = response.json().events;
      for (const event of events) {
        expect(event.organizationId).toBe(a.organizationId);
        expect(bUserIds.has(event.userId ?? '')).toBe(false);
      }
      if (query.includes('userId=')) expect(response.json().total).toBe(0);
    }
    const bEvents = await t.db.selectFrom('audit_events').select('id').where('organization_id', '=', b.organizationId).execute();
    expect(bEvents.length).toBeGreaterThan(2); // B really has history that could leak
  });

  it("never put B's events in A's CSV export", async () => {
    await giveBSomeHistory();
    const response = await call(t, await sessionFor(t, a.users.auditor, a.organizationId), 'GET', '/api/v1/audit/events.csv');
    expect(response.statusCode).toBe(200);
    expect(response.body).not.toContain(b.organizationId);
    for (const user of Object.values(b.users)) expect(response.body).not.toContain(user.id);
  });

  it("never show B's sites to A", async () => {
    const response = await call(t, await sessionFor(t, a.users.front_desk, a.organizationId), 'GET', '/api/v1/sites');
    expect(
      response
        .json()
        .sites.map((site: { id: string }) => site.id)
        .sort(),
    ).toEqual([...a.siteIds].sort());
  });
});

describe('ids in request bodies', () => {
  it("refuses B's sites when A creates a user, and writes nothing", async () => {
    const email = `a-cross-site-${Date.now()}@test.openiop.org`;
    const session = await sessionFor(t, a.users.admin, a.organizationId);
    const response = await call(t, session, 'POST', '/api/v1/admin/users', {
      email,
      displayName: 'Cross site',
      roles: ['clinician'],
      siteIds: [b.siteIds[0]],
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details[0].path).toBe('siteIds');
    expect(await t.db.selectFrom('users').select('id').where('email', '=', email).execute()).toEqual([]);
  });

  it("refuses B's sites when A changes a user's sites", async () => {
    const session = await sessionFor(t, a.users.admin, a.organizationId);
    const response = await call(t, session, 'PATCH', `/api/v1/admin/users/${a.users.clinician.id}`, {
      siteIds: [a.siteIds[0], b.siteIds[1]],
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details[0].path).toBe('siteIds');
    const sites = await t.db.selectFrom('user_sites').select('site_id').where('user_id', '=', a.users.clinician.id).execute();
    expect(sites.map((row) => row.site_id).sort()).toEqual([...a.siteIds].sort());
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProgram } from '../../../../test/factories.js';
import { createAssessment, createInquiry } from '../../../../test/inquiry-fixtures.js';
import { call, createTestOrg, sessionFor, testApp, type TestApp, type TestOrg, type TestSession } from '../../../../test/support.js';

let t: TestApp;
const NOW = new Date('2026-11-27T15:00:00Z');
const minutesAgo = (n: number) => new Date(NOW.getTime() - n * 60_000);

beforeAll(async () => {
  t = await testApp();
  t.clock.current = NOW;
});
afterAll(() => t.close());

async function orgWith(role: 'admissions' | 'director' | 'front_desk' = 'admissions'): Promise<{ org: TestOrg; session: TestSession }> {
  const org = await createTestOrg(t.deps);
  return { org, session: await sessionFor(t, org.users[role], org.organizationId) };
}

const PATIENT = {
  legalFirstName: 'Avery',
  legalLastName: 'Frontdoor',
  preferredName: 'Ave',
  pronouns: 'they/them',
  dateOfBirth: '1991-04-12',
  stateOfResidence: 'or',
  phone: '(503) 555-0142',
  email: 'avery.frontdoor@example.org',
};

async function counts(organizationId: string) {
  const patients = await t.db.selectFrom('patients').select('id').where('organization_id', '=', organizationId).execute();
  const episodes = await t.db.selectFrom('episodes').select('id').where('organization_id', '=', organizationId).execute();
  return { patients: patients.length, episodes: episodes.length };
}

async function inquiryRow(id: string) {
  return t.db.selectFrom('inquiries').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

describe('admit', () => {
  async function ready(level: 'IOP' | 'PHP' = 'IOP') {
    const { org, session } = await orgWith();
    const programId = await createProgram(t.db, org, { level_of_care: level });
    const inquiryId = await createInquiry(t.db, org, {
      stage: 'assessment_scheduled',
      firstContactAt: minutesAgo(100),
      createdAt: minutesAgo(200),
    });
    return { org, session, programId, inquiryId };
  }
  const body = (programId: string, extra: Record<string, unknown> = {}) => ({
    version: 1,
    programId,
    admittedOn: '2026-11-30',
    expectedWeeks: 8,
    patient: PATIENT,
    ...extra,
  });

  it('creates the patient and episode, links the inquiry and attaches the assessments, in one go', async () => {
    const { org, session, programId, inquiryId } = await ready();
    const assessmentId = await createAssessment(t.db, org, { inquiryId, assessedBy: org.users.clinician.id, finalLevel: 'IOP' });
    const response = await call(t, session, 'POST', `/api/v1/inquiries/${inquiryId}/admit`, body(programId));
    expect(response.statusCode).toBe(201);
    const { patientId, episodeId, assessmentsAttached } = response.json();
    expect(assessmentsAttached).toBe(1);
    const patient = await t.db.selectFrom('patients').selectAll().where('id', '=', patientId).executeTakeFirstOrThrow();
    expect(patient).toMatchObject({ legal_last_name: 'Frontdoor', state_of_residence: 'OR', phone: '+15035550142' });
    const episode = await t.db.selectFrom('episodes').selectAll().where('id', '=', episodeId).executeTakeFirstOrThrow();
    expect(episode).toMatchObject({
      patient_id: patientId,
      program_id: programId,
      level_of_care: 'IOP',
      admitted_on: '2026-11-30',
      status: 'open',
    });
    expect(await inquiryRow(inquiryId)).toMatchObject({
      stage: 'admitted',
      patient_id: patientId,
      episode_id: episodeId,
      admitted_at: NOW,
    });
    const assessment = await t.db.selectFrom('loc_assessments').selectAll().where('id', '=', assessmentId).executeTakeFirstOrThrow();
    expect(assessment).toMatchObject({ inquiry_id: inquiryId, patient_id: patientId, episode_id: episodeId });
    const actions = (
      await t.db.selectFrom('audit_events').select('action').where('organization_id', '=', org.organizationId).execute()
    ).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['patient.created', 'episode.admitted', 'inquiry.admitted']));
    // Once admitted, never again.
    const again = await call(t, session, 'POST', `/api/v1/inquiries/${inquiryId}/admit`, body(programId, { version: 2 }));
    expect(again.statusCode).toBe(409);
  });

  it("records the patient's preferred language given in the admit form, and names the field of a bad one", async () => {
    const { org, session, programId, inquiryId } = await ready();
    await createAssessment(t.db, org, { inquiryId, assessedBy: org.users.clinician.id, finalLevel: 'IOP' });
    const bad = await call(
      t,
      session,
      'POST',
      `/api/v1/inquiries/${inquiryId}/admit`,
      body(programId, { patient: { ...PATIENT, preferredLanguage: 'fr' } }),
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details).toEqual([expect.objectContaining({ path: 'patient.preferredLanguage' })]);
    expect(await counts(org.organizationId)).toEqual({ patients: 0, episodes: 0 });
    const response = await call(
      t,
      session,
      'POST',
      `/api/v1/inquiries/${inquiryId}/admit`,
      body(programId, { patient: { ...PATIENT, preferredLanguage: 'es' } }),
    );
    expect(response.statusCode).toBe(201);
    const patient = await t.db
      .selectFrom('patients')
      .select('preferred_language')
      .where('id', '=', response.json().patientId)
      .executeTakeFirstOrThrow();
    expect(patient.preferred_language).toBe('es');
  });

  it('refuses without an assessment (422 naming the rule) and creates nothing', async () => {
    const { org, session, programId, inquiryId } = await ready();
    const response = await call(t, session, 'POST', `/api/v1/inquiries/${inquiryId}/admit`, body(programId));
    expect(response.statusCode).toBe(422);
    expect(response.json().error.details[0].rule).toBe('needs_assessment');
    expect(await counts(org.organizationId)).toEqual({ patients: 0, episodes: 0 });
  });

  it('refuses a program at another level than the assessment placed, and an inpatient referral', async () => {
    const { org, session, programId, inquiryId } = await ready('PHP');
    await createAssessment(t.db, org, { inquiryId, assessedBy: org.users.clinician.id, finalLevel: 'IOP' });
    const mismatch = await call(t, session, 'POST', `/api/v1/inquiries/${inquiryId}/admit`, body(programId));
    expect(mismatch.statusCode).toBe(422);
    expect(mismatch.json().error.details[0]).toMatchObject({ rule: 'level_mismatch', path: 'programId' });
    await createAssessment(t.db, org, {
      inquiryId,
      assessedBy: org.users.clinician.id,
      finalLevel: 'inpatient_referral',
      recommendedLevel: 'inpatient_referral',
    });
    const inpatient = await call(t, session, 'POST', `/api/v1/inquiries/${inquiryId}/admit`, body(programId));
    expect(inpatient.json().error.details[0].rule).toBe('needs_assessment');
    expect(await counts(org.organizationId)).toEqual({ patients: 0, episodes: 0 });
  });

  it.each([
    [{ ...PATIENT, dateOfBirth: '2030-01-01' }, 'patient.dateOfBirth'],
    [{ ...PATIENT, stateOfResidence: 'ZZ' }, 'patient.stateOfResidence'],
    [{ ...PATIENT, phone: '12' }, 'patient.phone'],
    [{ ...PATIENT, legalFirstName: '' }, 'patient.legalFirstName'],
  ])('a bad patient field (%j) is a 400 naming %s, and nothing is created or changed', async (patient, path) => {
    const { org, session, programId, inquiryId } = await ready();
    const assessmentId = await createAssessment(t.db, org, { inquiryId, assessedBy: org.users.clinician.id });
    const before = await inquiryRow(inquiryId);
    const response = await call(t, session, 'POST', `/api/v1/inquiries/${inquiryId}/admit`, body(programId, { patient }));
    expect(response.statusCode).toBe(400);
    expect(JSON.stringify(response.json().error.details)).toContain(path);
    expect(await counts(org.organizationId)).toEqual({ patients: 0, episodes: 0 });
    expect(await inquiryRow(inquiryId)).toEqual(before);
    const assessment = await t.db
      .selectFrom('loc_assessments')
      .select(['patient_id', 'episode_id'])
      .where('id', '=', assessmentId)
      .executeTakeFirstOrThrow();
    expect(assessment).toEqual({ patient_id: null, episode_id: null });
  });

  it('rolls the patient back when the episode fails (admission date before birth)', async () => {
    const { org, session, programId, inquiryId } = await ready();
    await createAssessment(t.db, org, { inquiryId, assessedBy: org.users.clinician.id });
    const response = await call(t, session, 'POST', `/api/v1/inquiries/${inquiryId}/admit`, body(programId, { admittedOn: '1980-01-01' }));
    expect(response.statusCode).toBe(400);
    expect(await counts(org.organizationId)).toEqual({ patients: 0, episodes: 0 });
    expect((await inquiryRow(inquiryId)).stage).toBe('assessment_scheduled');
  });

  it.each(['closed', 'referred'] as const)('refuses a %s inquiry (409) and a stale version (412)', async (stage) => {
    const { org, session, programId } = await ready();
    const closed = await createInquiry(t.db, org, { stage });
    await createAssessment(t.db, org, { inquiryId: closed, assessedBy: org.users.clinician.id });
    const response = await call(t, session, 'POST', `/api/v1/inquiries/${closed}/admit`, body(programId));
    expect(response.statusCode).toBe(409);
    expect(response.json().error.details[0].rule).toBe('inquiry_closed');
    expect(await counts(org.organizationId)).toEqual({ patients: 0, episodes: 0 });
    expect((await call(t, session, 'POST', `/api/v1/inquiries/${closed}/admit`, body(programId, { version: 7 }))).statusCode).toBe(412);
  });
});

describe('merge', () => {
  it('moves log, tasks and assessments, fills empty fields and closes the duplicate', async () => {
    const { org, session } = await orgWith('front_desk');
    const kept = await createInquiry(t.db, org, { email: 'pat@example.org', phone: null, createdAt: minutesAgo(300) });
    const duplicate = await createInquiry(t.db, org, {
      email: 'PAT@example.org',
      phone: '503-555-0177',
      phoneNormalized: '+15035550177',
      concerns: 'Panic attacks',
      urgent: true,
      firstContactAt: minutesAgo(100),
      stage: 'contacted',
    });
    await call(t, session, 'POST', `/api/v1/inquiries/${duplicate}/activities`, { kind: 'note', body: 'Called from work' });
    await call(t, session, 'POST', `/api/v1/inquiries/${duplicate}/tasks`, { title: 'Send forms', dueAt: '2026-11-28T15:00:00Z' });
    const assessmentId = await createAssessment(t.db, org, { inquiryId: duplicate, assessedBy: org.users.clinician.id });

    const response = await call(t, session, 'POST', `/api/v1/inquiries/${kept}/merge`, { version: 1, duplicateId: duplicate });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({
      phone: '503-555-0177',
      email: expect.stringMatching(/^pat@/),
      urgent: true,
      firstContactAt: minutesAgo(100).toISOString(),
    });
    expect(body.activities.map((a: { kind: string }) => a.kind)).toEqual(expect.arrayContaining(['merged', 'note']));
    expect(body.tasks).toHaveLength(1);
    expect(body.assessments.map((a: { id: string }) => a.id)).toEqual([assessmentId]);
    expect(body.duplicates).toEqual([]);
    expect(await inquiryRow(duplicate)).toMatchObject({ stage: 'closed', closed_reason: 'duplicate', merged_into_id: kept });
    expect((await inquiryRow(kept)).concerns).toBe('Panic attacks');

    // The merged inquiry stays closed and takes no more work.
    const reopen = await call(t, session, 'POST', `/api/v1/inquiries/${duplicate}/stage`, { version: 2, to: 'contacted' });
    expect(reopen.statusCode).toBe(422);
    expect((await call(t, session, 'POST', `/api/v1/inquiries/${duplicate}/activities`, { kind: 'note', body: 'x' })).statusCode).toBe(409);
  });

  it('refuses merging into itself, merging an admitted inquiry and an unknown one, changing nothing', async () => {
    const { org, session } = await orgWith();
    const kept = await createInquiry(t.db, org);
    expect(
      (await call(t, session, 'POST', `/api/v1/inquiries/${kept}/merge`, { version: 1, duplicateId: kept })).json().error.details[0].rule,
    ).toBe('merge_into_itself');
    const programId = await createProgram(t.db, org);
    const admitted = await createInquiry(t.db, org);
    await createAssessment(t.db, org, { inquiryId: admitted, assessedBy: org.users.clinician.id });
    const admit = await call(t, session, 'POST', `/api/v1/inquiries/${admitted}/admit`, {
      version: 1,
      programId,
      admittedOn: '2026-11-30',
      patient: PATIENT,
    });
    expect(admit.statusCode).toBe(201);
    const refused = await call(t, session, 'POST', `/api/v1/inquiries/${kept}/merge`, { version: 1, duplicateId: admitted });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.details[0].rule).toBe('merge_admitted');
    expect((await inquiryRow(admitted)).stage).toBe('admitted');
    const unknown = await call(t, session, 'POST', `/api/v1/inquiries/${kept}/merge`, {
      version: 1,
      duplicateId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknown.statusCode).toBe(422);
    expect((await inquiryRow(kept)).version).toBe(1);
  });
});

describe('conversion report', () => {
  it('counts by source and stage, times to contact and admission, and reasons lost; exports CSV (audited)', async () => {
    const { org, session } = await orgWith('director');
    const day = new Date('2026-11-20T12:00:00Z');
    const at = (minutes: number) => new Date(day.getTime() + minutes * 60_000);
    await createInquiry(t.db, org, { createdAt: day, firstContactAt: at(10), stage: 'contacted' });
    await createInquiry(t.db, org, { createdAt: day, firstContactAt: at(30), stage: 'closed', closedReason: 'other: Moved away' });
    await createInquiry(t.db, org, { createdAt: day, firstContactAt: at(90), stage: 'closed', closedReason: 'insurance', source: 'staff' });
    await createInquiry(t.db, org, { createdAt: day, stage: 'referred', referredTo: '=County PHP' });
    await createInquiry(t.db, org, { createdAt: new Date('2026-10-01T12:00:00Z') }); // outside the range
    const response = await call(t, session, 'GET', '/api/v1/admissions/report?from=2026-11-01&to=2026-11-27');
    expect(response.statusCode).toBe(200);
    const report = response.json();
    expect(report).toMatchObject({
      total: 4,
      firstContact: { contacted: 3, medianMinutes: 30, p90Minutes: 90 },
      admission: { admitted: 0, medianMinutes: null, conversionPercent: 0 },
      referredTo: [{ key: '=County PHP', count: 1 }],
    });
    expect(report.bySource).toEqual([
      { key: 'web_form', count: 3 },
      { key: 'api', count: 0 },
      { key: 'staff', count: 1 },
    ]);
    expect(report.closedReasons).toEqual([
      { key: 'insurance', count: 1 },
      { key: 'other', count: 1 },
    ]);
    expect(report.byStage.find((s: { key: string }) => s.key === 'closed').count).toBe(2);

    const csv = await call(t, session, 'GET', '/api/v1/admissions/report.csv?from=2026-11-01&to=2026-11-27');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toContain('admissions-2026-11-01-to-2026-11-27.csv');
    expect(csv.body).toContain('section,key,value');
    expect(csv.body).toContain('first_contact,median_minutes,30');
    expect(csv.body).toContain("referred_to,'=County PHP,1");
    const exported = await t.db
      .selectFrom('audit_events')
      .select(['action', 'details'])
      .where('organization_id', '=', org.organizationId)
      .execute();
    expect(exported.map((e) => e.action)).toContain('admissions.report_exported');
  });

  it.each([
    ['?from=yesterday', 'from'],
    ['?from=2026-11-10&to=2026-11-01', 'to'],
    ['?from=2020-01-01&to=2026-11-01', 'from'],
  ])('refuses %s naming %s', async (query, field) => {
    const { session } = await orgWith();
    const response = await call(t, session, 'GET', `/api/v1/admissions/report${query}`);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details[0].path).toBe(field);
  });
});

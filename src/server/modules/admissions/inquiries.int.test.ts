import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInquiry } from '../../../../test/inquiry-fixtures.js';
import { call, createTestOrg, sessionFor, testApp, type TestApp, type TestOrg, type TestSession } from '../../../../test/support.js';

let t: TestApp;
const NOW = new Date('2026-11-27T15:00:00Z');
const minutesAgo = (n: number) => new Date(NOW.getTime() - n * 60_000);

beforeAll(async () => {
  t = await testApp();
  t.clock.current = NOW;
});
afterAll(() => t.close());

type Role = 'admissions' | 'front_desk' | 'director' | 'clinician' | 'billing' | 'psychiatrist' | 'admin' | 'auditor';

async function orgWith(role: Role = 'admissions'): Promise<{ org: TestOrg; session: TestSession }> {
  const org = await createTestOrg(t.deps);
  return { org, session: await sessionFor(t, org.users[role], org.organizationId) };
}

async function detail(session: TestSession, inquiryId: string) {
  const response = await call(t, session, 'GET', `/api/v1/inquiries/${inquiryId}`);
  expect(response.statusCode).toBe(200);
  return response.json();
}

async function audit(organizationId: string) {
  return t.db
    .selectFrom('audit_events')
    .select(['action', 'entity_id', 'details'])
    .where('organization_id', '=', organizationId)
    .orderBy('chain_seq')
    .execute();
}

describe('the board list', () => {
  it('puts urgent first, then overdue, then the oldest, with the response clock', async () => {
    const { org, session } = await orgWith('front_desk');
    const oldest = await createInquiry(t.db, org, { createdAt: minutesAgo(30), contactName: 'Oldest On Time' });
    const overdue = await createInquiry(t.db, org, { createdAt: minutesAgo(61), contactName: 'Overdue Person' });
    const atTarget = await createInquiry(t.db, org, { createdAt: minutesAgo(60), contactName: 'At Target' });
    const urgent = await createInquiry(t.db, org, { createdAt: minutesAgo(1), urgent: true, contactName: 'Urgent Person' });
    const contacted = await createInquiry(t.db, org, { createdAt: minutesAgo(500), stage: 'contacted', firstContactAt: minutesAgo(450) });

    const response = await call(t, session, 'GET', '/api/v1/inquiries');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.responseTargetMinutes).toBe(60);
    expect(body.inquiries.map((i: { id: string }) => i.id)).toEqual([urgent, overdue, contacted, atTarget, oldest]);
    const byId = new Map(body.inquiries.map((i: { id: string }) => [i.id, i]));
    expect(byId.get(overdue)).toMatchObject({ clock: { minutesWaiting: 61, overdue: true } });
    expect(byId.get(atTarget)).toMatchObject({ clock: { minutesWaiting: 60, overdue: false } });
    expect(byId.get(contacted)).toMatchObject({ clock: { minutesWaiting: null, minutesToFirstContact: 50, overdue: false } });

    // Every inquiry shown is an audited read, ids only.
    const listed = (await audit(org.organizationId)).filter((e) => e.action === 'inquiry.listed');
    expect(listed.map((e) => e.entity_id).sort()).toEqual([urgent, overdue, contacted, atTarget, oldest].sort());
    expect(JSON.stringify(listed)).not.toContain('Overdue Person');
  });

  it('follows the organization target and filters by stage, urgency, overdue, owner and text', async () => {
    const { org, session } = await orgWith();
    await t.db.updateTable('organizations').set({ inquiry_response_target_minutes: 15 }).where('id', '=', org.organizationId).execute();
    const late = await createInquiry(t.db, org, {
      createdAt: minutesAgo(16),
      contactName: 'Quinn Latecall',
      phone: '503-555-0100',
      phoneNormalized: '+15035550100',
    });
    const urgent = await createInquiry(t.db, org, { createdAt: minutesAgo(2), urgent: true });
    const closed = await createInquiry(t.db, org, { stage: 'closed', createdAt: minutesAgo(999) });
    const ids = async (query: string) =>
      (await call(t, session, 'GET', `/api/v1/inquiries${query}`)).json().inquiries.map((i: { id: string }) => i.id);
    expect(await ids('?overdue=true')).toEqual([late]);
    expect(await ids('?urgent=1')).toEqual([urgent]);
    expect(await ids('?stage=closed')).toEqual([closed]);
    expect(await ids('?stage=open')).toEqual([urgent, late]);
    expect(await ids('?q=latecall')).toEqual([late]);
    expect(await ids('?q=555-0100')).toEqual([late]);
    expect(await ids(`?ownerId=${org.users.admissions.id}`)).toEqual([]);
    const bad = await call(t, session, 'GET', '/api/v1/inquiries?stage=lost');
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json().error.details)).toContain('stage');
  });

  it('counts open tasks and possible duplicates', async () => {
    const { org, session } = await orgWith();
    const a = await createInquiry(t.db, org, { email: 'Same.Person@example.org' });
    await createInquiry(t.db, org, { email: 'same.person@example.org' });
    await call(t, session, 'POST', `/api/v1/inquiries/${a}/tasks`, { title: 'Call back', dueAt: '2026-11-27T18:00:00Z' });
    const row = (await call(t, session, 'GET', '/api/v1/inquiries')).json().inquiries.find((i: { id: string }) => i.id === a);
    expect(row).toMatchObject({ openTasks: 1, nextTaskDueAt: '2026-11-27T18:00:00.000Z', duplicateCount: 1 });
  });
});

describe('detail', () => {
  it('shows the log, tasks, duplicates, assessments and self-check, and audits the read', async () => {
    const { org, session } = await orgWith('clinician');
    const id = await createInquiry(t.db, org, {
      phone: '(503) 555-0142',
      phoneNormalized: '+15035550142',
      selfCheck: { reasons: ['Low mood most days'] },
    });
    const twin = await createInquiry(t.db, org, { phone: '503.555.0142', phoneNormalized: '+15035550142' });
    const body = await detail(session, id);
    expect(body.selfCheck).toEqual({ reasons: ['Low mood most days'] });
    expect(body.duplicates.map((d: { id: string }) => d.id)).toEqual([twin]);
    expect(body.admission).toMatchObject({ allowed: false, rule: 'needs_assessment' });
    const viewed = (await audit(org.organizationId)).filter((e) => e.action === 'inquiry.viewed');
    expect(viewed).toEqual([{ action: 'inquiry.viewed', entity_id: id, details: null }]);
  });

  it('answers 404 for an unknown id', async () => {
    const { session } = await orgWith();
    expect((await call(t, session, 'GET', '/api/v1/inquiries/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });
});

describe('a staff-taken call', () => {
  it('creates a contacted inquiry with normalized contact fields and the staff-call notice', async () => {
    const { org, session } = await orgWith('front_desk');
    const response = await call(t, session, 'POST', '/api/v1/inquiries', {
      forWhom: 'loved_one',
      contactName: 'Morgan Caller',
      patientName: 'Riley',
      phone: '(971) 555-0123',
      email: ' Morgan.Caller@Example.org ',
      state: 'or',
    });
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body).toMatchObject({
      source: 'staff',
      stage: 'contacted',
      firstContactAt: NOW.toISOString(),
      ownerId: org.users.front_desk.id,
    });
    const row = await t.db.selectFrom('inquiries').selectAll().where('id', '=', body.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      phone_normalized: '+19715550123',
      email_normalized: 'morgan.caller@example.org',
      state: 'OR',
      consent_to_contact: true,
      privacy_notice_version: 'staff-call',
    });
    expect(body.activities.map((a: { kind: string }) => a.kind).sort()).toEqual(['call', 'submitted']);
  });

  it('stays new when no contact was made (a voicemail taken down)', async () => {
    const { session } = await orgWith();
    const response = await call(t, session, 'POST', '/api/v1/inquiries', {
      forWhom: 'self',
      contactName: 'Voicemail Person',
      phone: '503 555 0111',
      contactMade: false,
    });
    expect(response.json()).toMatchObject({ stage: 'new', firstContactAt: null });
  });

  it.each([
    [{ forWhom: 'self', contactName: 'No Contact' }, 'phone'],
    [{ forWhom: 'self', contactName: 'Bad Phone', phone: 'call me maybe' }, 'phone'],
    [{ forWhom: 'self', contactName: 'Bad Mail', email: 'not-an-email' }, 'email'],
    [{ forWhom: 'self', contactName: 'Bad State', phone: '5035550142', state: 'XX' }, 'state'],
    [{ forWhom: 'self', contactName: '', phone: '5035550142' }, 'contactName'],
    [{ forWhom: 'self', contactName: 'Urgent', phone: '5035550142', urgent: true }, 'urgentReason'],
  ])('refuses %j naming %s, saving nothing', async (body, field) => {
    const { org, session } = await orgWith();
    const response = await call(t, session, 'POST', '/api/v1/inquiries', body);
    expect(response.statusCode).toBe(400);
    expect(JSON.stringify(response.json().error.details)).toContain(field);
    expect(await t.db.selectFrom('inquiries').select('id').where('organization_id', '=', org.organizationId).execute()).toEqual([]);
  });
});

describe('activities', () => {
  it('the first call stops the clock and moves new to contacted; a note does not', async () => {
    const { org, session } = await orgWith();
    const id = await createInquiry(t.db, org, { createdAt: minutesAgo(90) });
    const note = await call(t, session, 'POST', `/api/v1/inquiries/${id}/activities`, { kind: 'note', body: 'Prefers evenings' });
    expect(note.statusCode).toBe(201);
    expect(note.json()).toMatchObject({ stage: 'new', firstContactAt: null, clock: { overdue: true, minutesWaiting: 90 } });

    t.clock.advance(5 * 60_000);
    const callLogged = await call(t, session, 'POST', `/api/v1/inquiries/${id}/activities`, {
      kind: 'call',
      callOutcome: 'left_voicemail',
    });
    expect(callLogged.statusCode).toBe(201);
    const body = callLogged.json();
    expect(body).toMatchObject({ stage: 'contacted', clock: { minutesToFirstContact: 95, overdue: false, minutesWaiting: null } });
    expect(body.activities.map((a: { kind: string }) => a.kind)).toEqual(expect.arrayContaining(['call', 'stage_change', 'note']));
    t.clock.current = NOW;
  });

  it.each([
    [{ kind: 'call' }, 'callOutcome'],
    [{ kind: 'email', callOutcome: 'reached' }, 'callOutcome'],
    [{ kind: 'note' }, 'body'],
    [{ kind: 'fax', body: 'x' }, 'kind'],
  ])('refuses %j naming %s', async (body, field) => {
    const { org, session } = await orgWith();
    const id = await createInquiry(t.db, org);
    const response = await call(t, session, 'POST', `/api/v1/inquiries/${id}/activities`, body);
    expect(response.statusCode).toBe(400);
    expect(JSON.stringify(response.json().error.details)).toContain(field);
    expect(await t.db.selectFrom('inquiry_activities').select('id').where('inquiry_id', '=', id).execute()).toEqual([]);
  });
});

describe('stage changes', () => {
  it('moves with the version, logs the change, and refuses a stale version with 412', async () => {
    const { org, session } = await orgWith();
    const id = await createInquiry(t.db, org);
    const moved = await call(t, session, 'POST', `/api/v1/inquiries/${id}/stage`, { version: 1, to: 'screening' });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ stage: 'screening', version: 2, firstContactAt: NOW.toISOString() });
    const stale = await call(t, session, 'POST', `/api/v1/inquiries/${id}/stage`, { version: 1, to: 'closed', reason: 'no_response' });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().error.code).toBe('STALE_VERSION');
    expect((await detail(session, id)).stage).toBe('screening');
  });

  it.each([
    [{ to: 'admitted' }, 'admit_action_only'],
    [{ to: 'closed' }, 'close_needs_reason'],
    [{ to: 'closed', reason: 'other' }, 'other_reason_needs_text'],
    [{ to: 'referred' }, 'referral_needs_destination'],
    [{ to: 'assessment_scheduled' }, 'assessment_needs_time'],
    [{ to: 'new' }, 'transition_not_allowed'],
  ])('refuses %j with 422 naming rule %s, changing nothing', async (change, rule) => {
    const { org, session } = await orgWith();
    const id = await createInquiry(t.db, org, { stage: 'contacted', firstContactAt: minutesAgo(1) });
    const response = await call(t, session, 'POST', `/api/v1/inquiries/${id}/stage`, { version: 1, ...change });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.details[0].rule).toBe(rule);
    expect((await detail(session, id)).version).toBe(1);
  });

  it('closes with a reason and text, refers with a destination, and reopens', async () => {
    const { org, session } = await orgWith('director');
    const id = await createInquiry(t.db, org);
    const closed = await call(t, session, 'POST', `/api/v1/inquiries/${id}/stage`, {
      version: 1,
      to: 'closed',
      reason: 'other',
      reasonText: 'Moved away',
    });
    expect(closed.json()).toMatchObject({ stage: 'closed', closedReason: 'other: Moved away' });
    const reopened = await call(t, session, 'POST', `/api/v1/inquiries/${id}/stage`, { version: 2, to: 'contacted' });
    expect(reopened.json()).toMatchObject({ stage: 'contacted', closedReason: null });
    const referred = await call(t, session, 'POST', `/api/v1/inquiries/${id}/stage`, {
      version: 3,
      to: 'referred',
      referredTo: 'County PHP',
    });
    expect(referred.json()).toMatchObject({ stage: 'referred', referredTo: 'County PHP' });
  });
});

describe('assessment booking', () => {
  it('books a time with a clinician and logs it', async () => {
    const { org, session } = await orgWith();
    const id = await createInquiry(t.db, org, { stage: 'screening', firstContactAt: minutesAgo(5) });
    const response = await call(t, session, 'POST', `/api/v1/inquiries/${id}/assessment-booking`, {
      version: 1,
      at: '2026-11-30T17:00:00Z',
      clinicianId: org.users.clinician.id,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      stage: 'assessment_scheduled',
      assessmentAt: '2026-11-30T17:00:00.000Z',
      assessmentClinicianId: org.users.clinician.id,
      assessmentClinicianName: 'Test clinician',
    });
    expect(response.json().activities[0]).toMatchObject({
      kind: 'assessment_booked',
      stageFrom: 'screening',
      stageTo: 'assessment_scheduled',
    });
  });

  it('refuses a non-clinician, a deactivated clinician and a time in the past', async () => {
    const { org, session } = await orgWith();
    const id = await createInquiry(t.db, org);
    const book = (clinicianId: string, at = '2026-11-30T17:00:00Z') =>
      call(t, session, 'POST', `/api/v1/inquiries/${id}/assessment-booking`, { version: 1, at, clinicianId });
    expect((await book(org.users.billing.id)).json().error.details[0]).toMatchObject({
      path: 'clinicianId',
      rule: 'assessor_is_clinician',
    });
    expect((await book(org.users.psychiatrist.id, '2026-11-27T14:00:00Z')).json().error.details[0]).toMatchObject({
      rule: 'assessment_in_past',
    });
    await t.db.updateTable('users').set({ status: 'deactivated' }).where('id', '=', org.users.clinician.id).execute();
    expect((await book(org.users.clinician.id)).statusCode).toBe(422);
    expect((await detail(session, id)).stage).toBe('new');
  });
});

describe('tasks and owner', () => {
  it('adds tasks, lists mine overdue first, and marks one done once', async () => {
    const { org, session } = await orgWith();
    const id = await createInquiry(t.db, org);
    const later = await call(t, session, 'POST', `/api/v1/inquiries/${id}/tasks`, {
      title: 'Verify insurance',
      dueAt: '2026-11-28T15:00:00Z',
    });
    const overdue = await call(t, session, 'POST', `/api/v1/inquiries/${id}/tasks`, { title: 'Call back', dueAt: '2026-11-27T10:00:00Z' });
    const other = await call(t, session, 'POST', `/api/v1/inquiries/${id}/tasks`, {
      title: 'Send forms',
      dueAt: '2026-11-27T11:00:00Z',
      ownerId: org.users.front_desk.id,
    });
    expect([later.statusCode, overdue.statusCode, other.statusCode]).toEqual([201, 201, 201]);
    const mine = (await call(t, session, 'GET', '/api/v1/inquiry-tasks?mine=1')).json().tasks;
    expect(mine.map((task: { title: string; overdue: boolean }) => [task.title, task.overdue])).toEqual([
      ['Call back', true],
      ['Verify insurance', false],
    ]);
    const done = await call(t, session, 'POST', `/api/v1/inquiries/${id}/tasks/${overdue.json().id}/done`);
    expect(done.statusCode).toBe(200);
    expect(done.json().doneAt).toBe(NOW.toISOString());
    expect((await call(t, session, 'POST', `/api/v1/inquiries/${id}/tasks/${overdue.json().id}/done`)).statusCode).toBe(409);
    const badOwner = await call(t, session, 'POST', `/api/v1/inquiries/${id}/tasks`, {
      title: 'x',
      dueAt: '2026-11-28T15:00:00Z',
      ownerId: org.users.auditor.id,
    });
    expect(badOwner.statusCode).toBe(422);
    const badDue = await call(t, session, 'POST', `/api/v1/inquiries/${id}/tasks`, { title: 'x', dueAt: 'tomorrow' });
    expect(badDue.statusCode).toBe(400);
    expect(JSON.stringify(badDue.json().error.details)).toContain('dueAt');
  });

  it('assigns an owner who works the pipeline, with the version', async () => {
    const { org, session } = await orgWith();
    const id = await createInquiry(t.db, org);
    const assigned = await call(t, session, 'POST', `/api/v1/inquiries/${id}/owner`, { version: 1, ownerId: org.users.front_desk.id });
    expect(assigned.json()).toMatchObject({ ownerId: org.users.front_desk.id, ownerName: 'Test front_desk', version: 2 });
    expect((await call(t, session, 'POST', `/api/v1/inquiries/${id}/owner`, { version: 1, ownerId: null })).statusCode).toBe(412);
    const clinician = await call(t, session, 'POST', `/api/v1/inquiries/${id}/owner`, { version: 2, ownerId: org.users.clinician.id });
    expect(clinician.statusCode).toBe(422);
    expect(clinician.json().error.details[0].path).toBe('ownerId');
  });
});

describe('access', () => {
  it('lets a clinician read but not work the pipeline, front desk not admit, and billing not even read', async () => {
    const { org, session: clinician } = await orgWith('clinician');
    const id = await createInquiry(t.db, org);
    expect((await call(t, clinician, 'GET', `/api/v1/inquiries/${id}`)).statusCode).toBe(200);
    expect((await call(t, clinician, 'POST', `/api/v1/inquiries/${id}/activities`, { kind: 'note', body: 'x' })).statusCode).toBe(403);
    for (const role of ['billing', 'admin', 'auditor', 'psychiatrist'] as const) {
      const session = await sessionFor(t, org.users[role], org.organizationId);
      expect((await call(t, session, 'GET', '/api/v1/inquiries')).statusCode).toBe(403);
      expect((await call(t, session, 'GET', `/api/v1/inquiries/${id}`)).statusCode).toBe(403);
      expect((await call(t, session, 'GET', '/api/v1/admissions/report')).statusCode).toBe(403);
    }
    const frontDesk = await sessionFor(t, org.users.front_desk, org.organizationId);
    expect((await call(t, frontDesk, 'POST', `/api/v1/inquiries/${id}/admit`, {})).statusCode).toBe(403);
    expect((await call(t, frontDesk, 'GET', '/api/v1/admissions/report.csv')).statusCode).toBe(403);
  });
});

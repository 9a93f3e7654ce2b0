import type { Transaction } from 'kysely';
import type { Role } from '../../../domain/access/roles.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPatient } from '../../../../test/factories.js';
import { createInquiry } from '../../../../test/inquiry-fixtures.js';
import { auditActions, call, createTestOrg, sessionFor, testApp, type TestOrg, type TestSession } from '../../../../test/support.js';
import type { Database } from '../../db/schema.js';
import { raiseAlert, type RaiseAlertInput } from './alerts.service.js';
import { ESCALATION_KIND, escalateDueAlerts } from './escalation.service.js';

// Safety alerts: raised in the caller's transaction, the clinicians' queue, acknowledgement, and
// escalation to the directors through the outbox that survives a restart (decision 0021).

// A fixed past moment: alerts of other test files (made at the real time) are never due at these times.
const T0 = new Date('2001-03-04T15:00:00.000Z');
const minutes = (n: number, seconds = 0) => new Date(T0.getTime() + n * 60_000 + seconds * 1000);

const t = await testApp({ env: { OPENIOP_INQUIRY_RATE_LIMIT: '1000' } });
t.clock.current = T0;
let org: TestOrg;

beforeAll(async () => {
  org = await createTestOrg(t.deps);
});

/** A session started at the test clock's current time (moving the clock ends idle sessions). */
const signIn = (role: Role = 'clinician', own: TestOrg = org): Promise<TestSession> => sessionFor(t, own.users[role], own.organizationId);
afterAll(() => t.close());

function input(patientId: string, overrides: Partial<RaiseAlertInput> = {}): RaiseAlertInput {
  return {
    organizationId: org.organizationId,
    subject: { patientId },
    source: 'measure',
    sourceRef: 'response-1',
    severity: 'acute',
    reasonCode: 'asq_acute',
    now: t.clock.now(),
    requestId: 'test',
    clientIp: null,
    ...overrides,
  };
}

async function alertsOf(patientId: string) {
  return t.db.selectFrom('safety_alerts').selectAll().where('patient_id', '=', patientId).execute();
}

async function raise(patientId: string, severity: 'acute' | 'positive' = 'acute', session?: TestSession) {
  const response = await call(t, session ?? (await signIn()), 'POST', `/api/v1/patients/${patientId}/safety-alerts`, {
    severity,
    note: 'Said they have a plan',
  });
  expect(response.statusCode).toBe(201);
  return response.json<{ id: string; severity: string; escalateAt: string }>();
}

describe('raiseAlert', () => {
  it('commits with the caller transaction, with escalate_at from the organization settings', async () => {
    const patientId = await createPatient(t.db, org);
    await t.db
      .transaction()
      .execute((trx) => raiseAlert(t.deps, trx, input(patientId, { severity: 'positive', reasonCode: 'phq9_item9' })));
    const [alert] = await alertsOf(patientId);
    expect(alert).toMatchObject({ severity: 'positive', source: 'measure', source_ref: 'response-1', reason_code: 'phq9_item9' });
    expect(alert?.escalate_at).toEqual(minutes(240));
    expect(await auditActions(t.db, org.organizationId)).toContain('safety_alert.raised');
  });

  it('disappears when the caller transaction rolls back (the answer and its alert exist together or not at all)', async () => {
    const patientId = await createPatient(t.db, org);
    await expect(
      t.db.transaction().execute(async (trx) => {
        await raiseAlert(t.deps, trx, input(patientId));
        throw new Error('storing the answer failed');
      }),
    ).rejects.toThrow('storing the answer failed');
    expect(await alertsOf(patientId)).toEqual([]);
  });

  it('refuses to run outside a transaction', async () => {
    const patientId = await createPatient(t.db, org);
    await expect(raiseAlert(t.deps, t.db as unknown as Transaction<Database>, input(patientId))).rejects.toThrow(/inside the transaction/);
    expect(await alertsOf(patientId)).toEqual([]);
  });

  it('uses the organization escalation minutes', async () => {
    const other = await createTestOrg(t.deps);
    await t.db.updateTable('organizations').set({ safety_escalation_acute_minutes: 10 }).where('id', '=', other.organizationId).execute();
    const patientId = await createPatient(t.db, other);
    const raised = await t.db
      .transaction()
      .execute((trx) => raiseAlert(t.deps, trx, { ...input(patientId), organizationId: other.organizationId }));
    expect(raised.escalateAt).toEqual(minutes(10));
  });
});

describe('the public self-check', () => {
  const selfCheck = {
    suicidalThoughts: 'now',
    harmOthers: 'no',
    recentAttempt: 'no',
    withdrawalRisk: 'no',
    safeHome: 'yes',
    support: 'yes',
    canAttend: 'yes',
    dailyImpact: 'a_lot',
    commitments: 'no',
    earlierTreatment: 'none',
    formatPreference: 'in_person',
  };
  const body = { forWhom: 'self', contactName: 'Robin Example', phone: '(503) 555-0142', state: 'OR', consentToContact: true };

  it('reporting current thoughts of suicide makes an urgent inquiry and an acute alert in the same transaction', async () => {
    const publicOrg = await createTestOrg(t.deps);
    t.deps.config.publicOrganizationId = publicOrg.organizationId;
    const response = await call(t, null, 'POST', '/api/v1/public/inquiries', { ...body, selfCheck });
    expect(response.statusCode).toBe(201);
    const { id, urgent } = response.json<{ id: string; urgent: boolean }>();
    expect(urgent).toBe(true);

    const alerts = await t.db.selectFrom('safety_alerts').selectAll().where('organization_id', '=', publicOrg.organizationId).execute();
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      inquiry_id: id,
      patient_id: null,
      source: 'self_check',
      severity: 'acute',
      reason_code: 'self_check_current_thoughts',
    });
    // Written by the same transaction: PostgreSQL gives both rows the same transaction id.
    const xmins = await t.db
      .selectFrom('inquiries')
      .select((eb) => eb.ref('xmin' as never).as('x'))
      .where('id', '=', id)
      .unionAll(
        t.db
          .selectFrom('safety_alerts')
          .select((eb) => eb.ref('xmin' as never).as('x'))
          .where('inquiry_id', '=', id),
      )
      .execute();
    expect(new Set(xmins.map((r) => String(r.x))).size).toBe(1);
    // The existing urgent behaviour stays: the urgent inquiry and the admissions team's email.
    const outbox = await t.db.selectFrom('outbox').select(['kind']).where('organization_id', '=', publicOrg.organizationId).execute();
    expect(outbox.map((o) => o.kind)).toEqual(['email.inquiry_urgent']);

    const director = await sessionFor(t, publicOrg.users.director, publicOrg.organizationId);
    const queue = await call(t, director, 'GET', '/api/v1/safety/alerts?status=open');
    expect(queue.json().alerts).toEqual([
      expect.objectContaining({ subject: { kind: 'inquiry', id, name: 'Robin Example' }, severity: 'acute', escalated: false }),
    ]);
  });

  it('a retried submission (same Idempotency-Key) stores one inquiry and one alert', async () => {
    const publicOrg = await createTestOrg(t.deps);
    t.deps.config.publicOrganizationId = publicOrg.organizationId;
    const key = { 'idempotency-key': crypto.randomUUID() };
    const first = await call(t, null, 'POST', '/api/v1/public/inquiries', { ...body, selfCheck }, key);
    const retry = await call(t, null, 'POST', '/api/v1/public/inquiries', { ...body, selfCheck }, key);
    expect(retry.json()).toEqual(first.json());
    const alerts = await t.db.selectFrom('safety_alerts').select('id').where('organization_id', '=', publicOrg.organizationId).execute();
    expect(alerts).toHaveLength(1);
  });

  it('with thoughts in past weeks but not now raises no alert', async () => {
    const publicOrg = await createTestOrg(t.deps);
    t.deps.config.publicOrganizationId = publicOrg.organizationId;
    const response = await call(t, null, 'POST', '/api/v1/public/inquiries', {
      ...body,
      selfCheck: { ...selfCheck, suicidalThoughts: 'recently' },
    });
    expect(response.statusCode).toBe(201);
    const alerts = await t.db.selectFrom('safety_alerts').select('id').where('organization_id', '=', publicOrg.organizationId).execute();
    expect(alerts).toEqual([]);
  });
});

describe('the queue', () => {
  it('lists open alerts acute first, then longest waiting, with name, reason, waiting minutes and escalated flag', async () => {
    const own = await createTestOrg(t.deps);
    const session = await sessionFor(t, own.users.psychiatrist, own.organizationId);
    const patientA = await createPatient(t.db, own, { firstName: 'Avery', lastName: 'Queue' });
    const patientB = await createPatient(t.db, own, { firstName: 'Blake', lastName: 'Queue' });
    const inquiryId = await createInquiry(t.db, own, { contactName: 'Casey Caller' });
    t.clock.current = minutes(0);
    const positiveOld = await raise(patientA, 'positive', session);
    t.clock.current = minutes(5);
    const acuteNew = await raise(patientB, 'acute', session);
    await t.db.transaction().execute((trx) =>
      raiseAlert(t.deps, trx, {
        ...input(patientA),
        organizationId: own.organizationId,
        subject: { inquiryId },
        source: 'self_check',
        now: minutes(1),
      }),
    );
    t.clock.current = minutes(12);

    const response = await call(t, session, 'GET', '/api/v1/safety/alerts?status=open');
    expect(response.statusCode).toBe(200);
    const alerts = response.json<{
      alerts: { id: string; subject: { name: string }; severity: string; waitingMinutes: number; reason: string }[];
    }>().alerts;
    expect(alerts.map((a) => [a.subject.name, a.severity, a.waitingMinutes])).toEqual([
      ['Casey Caller', 'acute', 11],
      ['Blake Queue', 'acute', 7],
      ['Avery Queue', 'positive', 12],
    ]);
    expect(alerts[1]?.id).toBe(acuteNew.id);
    expect(alerts[2]).toMatchObject({ id: positiveOld.id, reason: 'Raised by staff' });

    const forPatient = await call(t, session, 'GET', `/api/v1/safety/alerts?status=open&patientId=${patientB}`);
    expect(forPatient.json().alerts.map((a: { id: string }) => a.id)).toEqual([acuteNew.id]);
    const count = await call(t, session, 'GET', '/api/v1/safety/alerts/count');
    expect(count.json()).toEqual({ open: 3 });
    t.clock.current = T0;
  });
});

describe('acknowledging', () => {
  it('records the actions, moves the alert to the acknowledged list, and refuses a second acknowledgement (409)', async () => {
    const patientId = await createPatient(t.db, org);
    const alert = await raise(patientId);
    const url = `/api/v1/safety/alerts/${alert.id}/acknowledge`;

    const ok = await call(t, await signIn(), 'POST', url, {
      actions: ['safety_assessment_done', 'safety_plan_reviewed'],
      note: 'Seen in person',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({
      actions: ['safety_assessment_done', 'safety_plan_reviewed'],
      ackNote: 'Seen in person',
      acknowledgedBy: { id: org.users.clinician.id },
    });

    const again = await call(t, await signIn(), 'POST', url, { actions: ['other'], note: 'Twice' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('CONFLICT');

    const open = await call(t, await signIn(), 'GET', `/api/v1/safety/alerts?status=open&patientId=${patientId}`);
    expect(open.json().alerts).toEqual([]);
    const acknowledged = await call(t, await signIn(), 'GET', '/api/v1/safety/alerts?status=acknowledged');
    expect(acknowledged.json().alerts.map((a: { id: string }) => a.id)).toContain(alert.id);
    expect(await auditActions(t.db, org.organizationId)).toContain('safety_alert.acknowledged');
  });

  it.each([
    [{ actions: [] }, 'actions'],
    [{}, 'actions'],
    [{ actions: ['called_a_friend'] }, 'actions'],
    [{ actions: ['other'] }, 'note'],
  ])('refuses %j with 400 naming %s, and leaves the alert open', async (body, field) => {
    const patientId = await createPatient(t.db, org);
    const alert = await raise(patientId);
    const response = await call(t, await signIn(), 'POST', `/api/v1/safety/alerts/${alert.id}/acknowledge`, body);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toContain(field);
    const [row] = await alertsOf(patientId);
    expect(row?.acknowledged_at).toBeNull();
  });

  it('answers 404 for an unknown alert', async () => {
    const response = await call(t, await signIn(), 'POST', `/api/v1/safety/alerts/${crypto.randomUUID()}/acknowledge`, {
      actions: ['other'],
      note: 'x',
    });
    expect(response.statusCode).toBe(404);
  });
});

describe('escalation to the directors', () => {
  async function outboxFor(alertId: string) {
    const rows = await t.db
      .selectFrom('outbox')
      .select(['kind', 'payload', 'organization_id'])
      .where('kind', '=', ESCALATION_KIND)
      .execute();
    return rows.filter((r) => (r.payload as { alertId?: string }).alertId === alertId);
  }

  it('happens not before escalate_at, exactly once after, through one outbox message with the alert id only', async () => {
    const patientId = await createPatient(t.db, org);
    t.clock.current = minutes(100);
    const alert = await raise(patientId, 'acute');
    const created = minutes(100);

    await escalateDueAlerts(t.deps, new Date(created.getTime() + 29 * 60_000 + 59_000));
    expect((await alertsOf(patientId))[0]?.escalated_at).toBeNull();
    expect(await outboxFor(alert.id)).toEqual([]);

    const due = new Date(created.getTime() + 30 * 60_000);
    await escalateDueAlerts(t.deps, due);
    await escalateDueAlerts(t.deps, new Date(due.getTime() + 60_000));
    expect((await alertsOf(patientId))[0]?.escalated_at).toEqual(due);
    const messages = await outboxFor(alert.id);
    expect(messages).toEqual([
      { kind: ESCALATION_KIND, organization_id: org.organizationId, payload: { alertId: alert.id, to: 'directors' } },
    ]);
    expect(await auditActions(t.db, org.organizationId)).toContain('safety_alert.escalated');

    const shown = await call(t, await signIn(), 'GET', `/api/v1/safety/alerts/${alert.id}`);
    expect(shown.json()).toMatchObject({ escalated: true, escalatedAt: due.toISOString() });
    t.clock.current = T0;
  });

  it('skips an alert acknowledged in time', async () => {
    const patientId = await createPatient(t.db, org);
    t.clock.current = minutes(200);
    const alert = await raise(patientId, 'acute');
    await call(t, await signIn(), 'POST', `/api/v1/safety/alerts/${alert.id}/acknowledge`, { actions: ['safety_assessment_done'] });
    await escalateDueAlerts(t.deps, minutes(300));
    expect((await alertsOf(patientId))[0]?.escalated_at).toBeNull();
    expect(await outboxFor(alert.id)).toEqual([]);
    t.clock.current = T0;
  });

  it('still happens when the job runs in a new app instance (the state is in the database, a restart loses nothing)', async () => {
    const patientId = await createPatient(t.db, org);
    t.clock.current = minutes(400);
    const alert = await raise(patientId, 'positive');

    const restarted = await testApp();
    try {
      await escalateDueAlerts(restarted.deps, minutes(400 + 239));
      expect(await outboxFor(alert.id)).toEqual([]);
      await escalateDueAlerts(restarted.deps, minutes(400 + 240));
      expect(await outboxFor(alert.id)).toHaveLength(1);
    } finally {
      await restarted.close();
    }
    expect((await alertsOf(patientId))[0]?.escalated_at).toEqual(minutes(640));
    t.clock.current = T0;
  });
});

describe('roles', () => {
  it.each(['admissions', 'front_desk', 'billing', 'admin', 'auditor'] as const)(
    'refuses %s (403) on the queue and acknowledgement',
    async (role) => {
      const patientId = await createPatient(t.db, org);
      const alert = await raise(patientId);
      const session = await sessionFor(t, org.users[role], org.organizationId);
      expect((await call(t, session, 'GET', '/api/v1/safety/alerts')).statusCode).toBe(403);
      expect((await call(t, session, 'GET', `/api/v1/safety/alerts/${alert.id}`)).statusCode).toBe(403);
      const ack = await call(t, session, 'POST', `/api/v1/safety/alerts/${alert.id}/acknowledge`, { actions: ['other'], note: 'x' });
      expect(ack.statusCode).toBe(403);
      const raised = await call(t, session, 'POST', `/api/v1/patients/${patientId}/safety-alerts`, { severity: 'acute', note: 'x' });
      expect(raised.statusCode).toBe(403);
      expect((await alertsOf(patientId)).map((a) => a.acknowledged_at)).toEqual([null]);
    },
  );

  it('lets a director work the queue', async () => {
    const director = await sessionFor(t, org.users.director, org.organizationId);
    expect((await call(t, director, 'GET', '/api/v1/safety/alerts?status=acknowledged')).statusCode).toBe(200);
  });
});

import { randomUUID } from 'node:crypto';
import type { Role } from '../../../domain/access/roles.js';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admit, createPatient, createProgram } from '../../../../test/factories.js';
import { auditActions, call, createTestOrg, sessionFor, testApp, type TestOrg, type TestSession } from '../../../../test/support.js';

// Measurement-based care: program schedules, due measures, paper entry, single-use links and kiosk
// sessions, and the safety alert stored with a positive answer (decision 0022).

const T0 = new Date('2026-11-09T16:00:00.000Z');
const t = await testApp();
t.clock.current = T0;
let org: TestOrg;
let other: TestOrg;

beforeAll(async () => {
  org = await createTestOrg(t.deps);
  other = await createTestOrg(t.deps);
});
afterAll(() => t.close());

const signIn = (role: Role = 'clinician', own: TestOrg = org): Promise<TestSession> => sessionFor(t, own.users[role], own.organizationId);
const phq = (item9 = 0, rest = 1) => ({ 1: rest, 2: rest, 3: rest, 4: rest, 5: rest, 6: rest, 7: rest, 8: rest, 9: item9 });
const formOf = (answers: Record<string, number>, formKey: string = randomUUID()) =>
  new URLSearchParams({ formKey, ...Object.fromEntries(Object.entries(answers).map(([id, v]) => [`item_${id}`, String(v)])) }).toString();

async function admitted(admittedOn = '2026-11-02') {
  const programId = await createProgram(t.db, org);
  const patientId = await createPatient(t.db, org);
  const episodeId = await admit(t.db, org, { patientId, programId, admittedOn });
  return { programId, patientId, episodeId };
}

async function newLink(patientId: string, instrument = 'phq-9', path = `/api/v1/patients/${patientId}/measure-links`) {
  const response = await call(t, await signIn(), 'POST', path, path.includes('kiosk') ? { patientId, instrument } : { instrument });
  expect(response.statusCode).toBe(201);
  return response.json<{ url: string; linkId: string; expiresAt: string; kind: string }>();
}

const postForm = (url: string, body: string) =>
  t.app.inject({ method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: body });

const responsesOf = (patientId: string) => t.db.selectFrom('measure_responses').selectAll().where('patient_id', '=', patientId).execute();
const alertsOf = (patientId: string) => t.db.selectFrom('safety_alerts').selectAll().where('patient_id', '=', patientId).execute();

describe('program measure schedule', () => {
  it('starts every new program with PHQ-9 and GAD-7 at baseline, weekly and at discharge', async () => {
    const programId = await createProgram(t.db, org);
    const response = await call(t, await signIn('clinician'), 'GET', `/api/v1/programs/${programId}/measure-schedule`);
    expect(response.statusCode).toBe(200);
    expect(response.json<{ rules: unknown[] }>().rules).toEqual([
      { instrument: 'gad-7', baseline: true, everyDays: 7, everySessions: null, atLevelChange: false, atDischarge: true },
      { instrument: 'phq-9', baseline: true, everyDays: 7, everySessions: null, atLevelChange: false, atDischarge: true },
    ]);
  });

  it('is replaced by a director, audited, with instrument codes normalized', async () => {
    const programId = await createProgram(t.db, org);
    const rules = [{ instrument: 'PCL5', baseline: true, everyDays: null, everySessions: 6, atLevelChange: true, atDischarge: true }];
    const response = await call(t, await signIn('director'), 'PUT', `/api/v1/programs/${programId}/measure-schedule`, { rules });
    expect(response.statusCode).toBe(200);
    expect(response.json<{ rules: { instrument: string }[] }>().rules.map((r) => r.instrument)).toEqual(['pcl-5']);
    expect(await auditActions(t.db, org.organizationId)).toContain('measure_schedule.updated');
  });

  it('refuses clinicians, unknown instruments, both cadences and another organization’s program', async () => {
    const programId = await createProgram(t.db, org);
    const rule = { instrument: 'phq-9', baseline: true, everyDays: 7, everySessions: null, atLevelChange: false, atDischarge: true };
    const url = `/api/v1/programs/${programId}/measure-schedule`;
    expect((await call(t, await signIn('clinician'), 'PUT', url, { rules: [rule] })).statusCode).toBe(403);
    expect((await call(t, await signIn('front_desk'), 'GET', url)).statusCode).toBe(403);
    expect((await call(t, await signIn('director'), 'PUT', url, { rules: [{ ...rule, instrument: 'XYZ' }] })).statusCode).toBe(400);
    expect((await call(t, await signIn('director'), 'PUT', url, { rules: [{ ...rule, everySessions: 3 }] })).statusCode).toBe(400);
    expect((await call(t, await signIn('director'), 'PUT', url, { rules: [rule, rule] })).statusCode).toBe(400);
    expect((await call(t, await signIn('director', other), 'GET', url)).statusCode).toBe(404);
  });
});

describe('patient measures', () => {
  it('lists the baseline as due on the admission day, and nothing once it is entered', async () => {
    const { patientId } = await admitted('2026-11-09');
    const session = await signIn();
    const before = await call(t, session, 'GET', `/api/v1/patients/${patientId}/measures`);
    expect(before.statusCode).toBe(200);
    expect(before.json<{ due: { instrument: string; reason: string; status: string }[] }>().due).toEqual([
      expect.objectContaining({ instrument: 'gad-7', reason: 'baseline', status: 'due' }),
      expect.objectContaining({ instrument: 'phq-9', reason: 'baseline', status: 'due' }),
    ]);
    const entry = await call(t, session, 'POST', `/api/v1/patients/${patientId}/measures`, {
      instrument: 'PHQ-9',
      answers: phq(0, 2),
      administeredAt: T0.toISOString(),
    });
    expect(entry.statusCode).toBe(201);
    const after = await call(t, session, 'GET', `/api/v1/patients/${patientId}/measures`);
    const body = after.json<{
      due: { instrument: string }[];
      instruments: { code: string; responses: { total: number; band: string; source: string }[] }[];
    }>();
    expect(body.due.map((d) => d.instrument)).toEqual(['gad-7']);
    expect(body.instruments).toEqual([
      expect.objectContaining({
        code: 'phq-9',
        responses: [expect.objectContaining({ total: 16, band: 'moderately severe', source: 'staff_entry' })],
      }),
    ]);
  });

  it('records who entered a paper form, audits it, and audits every read', async () => {
    const { patientId } = await admitted();
    const response = await call(t, await signIn('psychiatrist'), 'POST', `/api/v1/patients/${patientId}/measures`, {
      instrument: 'gad-7',
      answers: { 1: 1, 2: 1, 3: 1, 4: 1, 5: 1, 6: 1, 7: 1 },
      administeredAt: T0.toISOString(),
    });
    expect(response.statusCode).toBe(201);
    const [row] = await responsesOf(patientId);
    expect(row).toMatchObject({ source: 'staff_entry', entered_by: org.users.psychiatrist.id, total: 7, complete: true, link_id: null });
    await call(t, await signIn(), 'GET', `/api/v1/patients/${patientId}/measures`);
    const audit = await t.db
      .selectFrom('audit_events')
      .select(['action', 'entity_id', 'details'])
      .where('patient_id', '=', patientId)
      .where('action', 'like', 'measure_%')
      .orderBy('chain_seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['measure_response.created', 'measure_response.listed']);
    expect(audit[0]?.entity_id).toBe(row?.id);
    expect(JSON.stringify(audit)).not.toContain('"answers"');
  });

  it('refuses an incomplete paper form unless confirmed, then stores it without a total', async () => {
    const { patientId } = await admitted();
    const session = await signIn();
    const body = { instrument: 'phq-9', answers: { 1: 1, 2: 1 }, administeredAt: T0.toISOString() };
    const refused = await call(t, session, 'POST', `/api/v1/patients/${patientId}/measures`, body);
    expect(refused.statusCode).toBe(400);
    expect(refused.json<{ error: { message: string } }>().error.message).toContain('items 3, 4, 5, 6, 7, 8, 9');
    expect(await responsesOf(patientId)).toHaveLength(0);
    const stored = await call(t, session, 'POST', `/api/v1/patients/${patientId}/measures`, { ...body, incomplete: true });
    expect(stored.statusCode).toBe(201);
    expect(await responsesOf(patientId)).toEqual([
      expect.objectContaining({ complete: false, total: null, band: null, missing_items: ['3', '4', '5', '6', '7', '8', '9'] }),
    ]);
  });

  it('refuses out-of-range values, unknown instruments, other roles and another organization', async () => {
    const { patientId } = await admitted();
    const url = `/api/v1/patients/${patientId}/measures`;
    const out = await call(t, await signIn(), 'POST', url, {
      instrument: 'phq-9',
      answers: { ...phq(), 3: 7 },
      administeredAt: T0.toISOString(),
    });
    expect(out.statusCode).toBe(400);
    expect(out.json<{ error: { message: string } }>().error.message).toContain('answers.3');
    const unknown = await call(t, await signIn(), 'POST', url, { instrument: 'nope', answers: {}, administeredAt: T0.toISOString() });
    expect(unknown.statusCode).toBe(400);
    for (const role of ['front_desk', 'billing', 'admissions', 'auditor', 'admin'] as const) {
      expect((await call(t, await signIn(role), 'GET', url)).statusCode).toBe(403);
    }
    expect((await call(t, await signIn('clinician', other), 'GET', url)).statusCode).toBe(404);
    expect(
      (await call(t, await signIn('clinician', other), 'POST', `${url.replace('measures', 'measure-links')}`, { instrument: 'phq-9' }))
        .statusCode,
    ).toBe(404);
    expect(await responsesOf(patientId)).toHaveLength(0);
  });

  it('raises an alert with a positive item 9 on a paper form, in the same transaction', async () => {
    const { patientId } = await admitted();
    const response = await call(t, await signIn(), 'POST', `/api/v1/patients/${patientId}/measures`, {
      instrument: 'phq-9',
      answers: phq(2, 0),
      administeredAt: T0.toISOString(),
    });
    const { alertId, response: stored } = response.json<{ alertId: string; response: { id: string } }>();
    const alerts = await alertsOf(patientId);
    expect(alerts).toEqual([
      expect.objectContaining({ id: alertId, source: 'measure', source_ref: stored.id, reason_code: 'phq9_item9', raised_by: null }),
    ]);
  });
});

describe('paper entry safety', () => {
  it('raises the alert for a positive item 9 even on a form stored as incomplete', async () => {
    const { patientId } = await admitted();
    const response = await call(t, await signIn(), 'POST', `/api/v1/patients/${patientId}/measures`, {
      instrument: 'phq-9',
      answers: { 9: 1 },
      administeredAt: T0.toISOString(),
      incomplete: true,
    });
    expect(response.statusCode).toBe(201);
    const [row] = await responsesOf(patientId);
    expect(row).toMatchObject({ complete: false, total: null, flags: [expect.stringContaining('suicide')] });
    expect(await alertsOf(patientId)).toEqual([expect.objectContaining({ source_ref: row?.id, severity: 'positive' })]);
  });
});

describe('measure links', () => {
  it('stores the hash of the token only, and shows only the questionnaire', async () => {
    const { patientId } = await admitted();
    const link = await newLink(patientId);
    const token = link.url.replace('/m/', '');
    const row = await t.db.selectFrom('measure_links').selectAll().where('id', '=', link.linkId).executeTakeFirstOrThrow();
    expect(row.token_hash.toString('hex')).not.toContain(Buffer.from(token).toString('hex'));
    expect(new Date(row.expires_at).getTime() - T0.getTime()).toBe(72 * 3600_000);
    const patient = await t.db.selectFrom('patients').selectAll().where('id', '=', patientId).executeTakeFirstOrThrow();
    const page = await t.app.inject({ method: 'GET', url: link.url });
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.body).toContain('name="item_9"');
    expect(page.body).toContain('href="tel:988"');
    expect(page.body).not.toContain(patient.legal_last_name);
    expect(page.body).not.toContain('<script');
    expect(page.body).not.toContain('/programs');
    const spanish = await t.app.inject({ method: 'GET', url: `${link.url}?lang=es` });
    expect(spanish.body).toContain('<html lang="es">');
    expect(spanish.body).toContain('Enviar mis respuestas');
  });

  it('stores one response with a positive item 9 and exactly one alert; the result page shows the crisis panel first', async () => {
    const { patientId, episodeId } = await admitted();
    const link = await newLink(patientId);
    const formKey = randomUUID();
    const result = await postForm(link.url, formOf(phq(1, 1), formKey));
    expect(result.statusCode).toBe(200);
    const main = result.body.slice(result.body.indexOf('<main'));
    const links = [...main.matchAll(/href="([^"]+)"/g)].map((m) => m[1]);
    expect(links.slice(0, 2)).toEqual(['tel:988', 'tel:911']);
    expect(main.indexOf('crisis-panel')).toBeLessThan(main.indexOf('<h2'));
    expect(main).not.toMatch(/\b9\b.*moderate|total/i);
    const responses = await responsesOf(patientId);
    expect(responses).toEqual([
      expect.objectContaining({ source: 'link', link_id: link.linkId, entered_by: null, episode_id: episodeId, total: 9 }),
    ]);
    const alerts = await alertsOf(patientId);
    expect(alerts).toEqual([expect.objectContaining({ source: 'measure', source_ref: responses[0]?.id, severity: 'positive' })]);

    // The same form again (double click, retry): the same page, still one response and one alert.
    const again = await postForm(link.url, formOf(phq(1, 1), formKey));
    expect(again.statusCode).toBe(200);
    expect(again.body).toContain('crisis-panel');
    expect(await responsesOf(patientId)).toHaveLength(1);
    expect(await alertsOf(patientId)).toHaveLength(1);
  });

  it('answers a used link with 410 and an unknown one with 404, storing nothing', async () => {
    const { patientId } = await admitted();
    const link = await newLink(patientId);
    expect((await postForm(link.url, formOf(phq()))).statusCode).toBe(200);
    const reused = await postForm(link.url, formOf(phq(0, 3)));
    expect(reused.statusCode).toBe(410);
    expect(reused.body).toContain('already used');
    expect((await t.app.inject({ method: 'GET', url: link.url })).statusCode).toBe(410);
    expect((await t.app.inject({ method: 'GET', url: '/m/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' })).statusCode).toBe(404);
    expect((await postForm('/m/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', formOf(phq()))).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/m/short' })).statusCode).toBe(404);
    expect(await responsesOf(patientId)).toHaveLength(1);
  });

  it('answers an expired link with 410 and stores nothing', async () => {
    const { patientId } = await admitted();
    const link = await newLink(patientId);
    t.clock.advance(72 * 3600_000);
    try {
      expect((await t.app.inject({ method: 'GET', url: link.url })).statusCode).toBe(410);
      const late = await postForm(link.url, formOf(phq(2)));
      expect(late.statusCode).toBe(410);
      expect(late.body).toContain('expired');
    } finally {
      t.clock.current = T0;
    }
    expect(await responsesOf(patientId)).toHaveLength(0);
    expect(await alertsOf(patientId)).toHaveLength(0);
  });

  it('re-shows an incomplete form with the missing items named, stores nothing, and keeps the link usable', async () => {
    const { patientId } = await admitted();
    const link = await newLink(patientId);
    const partial = await postForm(link.url, formOf({ 1: 1, 2: 1, 3: 1 }));
    expect(partial.statusCode).toBe(400);
    expect(partial.body).toContain('Not answered: 4, 5, 6, 7, 8, 9.');
    expect(partial.body).toContain('value="1" checked');
    expect(await responsesOf(patientId)).toHaveLength(0);
    expect((await postForm(link.url, formOf(phq()))).statusCode).toBe(200);
    expect(await responsesOf(patientId)).toHaveLength(1);
  });

  it('decides the patient by the token: no form field names another patient', async () => {
    const { patientId } = await admitted();
    const { patientId: otherPatient } = await admitted();
    const link = await newLink(patientId);
    const body = `${formOf(phq())}&patientId=${otherPatient}&patient_id=${otherPatient}`;
    expect((await postForm(link.url, body)).statusCode).toBe(200);
    expect(await responsesOf(patientId)).toHaveLength(1);
    expect(await responsesOf(otherPatient)).toHaveLength(0);
  });

  it('rolls back the response when the alert cannot be stored: no response, no alert, link unused', async () => {
    const { patientId } = await admitted();
    const link = await newLink(patientId);
    // The alert insert fails for this patient only (a trigger), as a crash between the two would.
    const fn = `fail_alert_${patientId.replace(/-/g, '')}`;
    await sql
      .raw(
        `CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'alert store failed'; END; $$;
      CREATE TRIGGER ${fn} BEFORE INSERT ON safety_alerts FOR EACH ROW WHEN (NEW.patient_id = '${patientId}') EXECUTE FUNCTION ${fn}();`,
      )
      .execute(t.db);
    try {
      const failed = await postForm(link.url, formOf(phq(1)));
      expect(failed.statusCode).toBe(500);
    } finally {
      await sql.raw(`DROP TRIGGER ${fn} ON safety_alerts; DROP FUNCTION ${fn}();`).execute(t.db);
    }
    expect(await responsesOf(patientId)).toHaveLength(0);
    expect(await alertsOf(patientId)).toHaveLength(0);
    const row = await t.db.selectFrom('measure_links').select('used_at').where('id', '=', link.linkId).executeTakeFirstOrThrow();
    expect(row.used_at).toBeNull();
  });

  it('kiosk sessions expire after 30 minutes and end on a neutral thank-you page', async () => {
    const { patientId } = await admitted();
    const kiosk = await newLink(patientId, 'asq', '/api/v1/kiosk/sessions');
    expect(kiosk.kind).toBe('kiosk');
    // ASQ has no free official Spanish text here: the items stay English and say so to screen readers.
    const spanish = await t.app.inject({ method: 'GET', url: `${kiosk.url}?lang=es` });
    expect(spanish.body).toContain('<legend>1. <span lang="en">');
    expect(new Date(kiosk.expiresAt).getTime() - T0.getTime()).toBe(30 * 60_000);
    const done = await postForm(kiosk.url, formOf({ 1: 0, 2: 0, 3: 0, 4: 0 }));
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain('please hand the tablet back');
    expect(await responsesOf(patientId)).toEqual([expect.objectContaining({ source: 'kiosk', complete: true })]);

    const acute = await newLink(patientId, 'asq', '/api/v1/kiosk/sessions');
    const positive = await postForm(acute.url, formOf({ 1: 1, 2: 0, 3: 0, 4: 0, 5: 1 }));
    const main = positive.body.slice(positive.body.indexOf('<main'));
    expect(main.indexOf('tel:988')).toBeLessThan(main.indexOf('please hand the tablet back'));
    expect(await alertsOf(patientId)).toEqual([expect.objectContaining({ severity: 'acute', reason_code: 'asq_acute' })]);
  });

  it('refuses links for roles outside the clinical team and unknown instruments', async () => {
    const { patientId } = await admitted();
    const url = `/api/v1/patients/${patientId}/measure-links`;
    expect((await call(t, await signIn('front_desk'), 'POST', url, { instrument: 'phq-9' })).statusCode).toBe(403);
    expect(
      (await call(t, await signIn('front_desk'), 'POST', '/api/v1/kiosk/sessions', { patientId, instrument: 'phq-9' })).statusCode,
    ).toBe(403);
    expect((await call(t, await signIn(), 'POST', url, { instrument: 'dast-10' })).statusCode).toBe(400);
    expect(
      (await call(t, await signIn('clinician', other), 'POST', '/api/v1/kiosk/sessions', { patientId, instrument: 'phq-9' })).statusCode,
    ).toBe(404);
    expect(await t.db.selectFrom('measure_links').select('id').where('patient_id', '=', patientId).execute()).toHaveLength(0);
  });
});

import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { admit, createPatient, enrol } from '../../../../test/factories.js';
import { auditActions, call, sessionFor, testApp } from '../../../../test/support.js';
import { createClinic, postTemplate } from '../schedules/schedules.test-support.js';

const t = await testApp();
afterAll(() => t.close());

const NOW = new Date('2026-02-16T12:00:00Z');
beforeEach(() => {
  t.clock.current = NOW;
});

const FEED = '/api/v1/calendar/feed';

async function clinicianWithSchedule(startsOn = '2026-02-16') {
  const clinic = await createClinic(t);
  const template = await postTemplate(t, clinic, { title: 'DBT skills', modality: 'dbt_skills', startsOn });
  const patientId = await createPatient(t.db, clinic.org, { firstName: 'Ellis', lastName: 'Feedprivate', state: 'IL' });
  const episodeId = await admit(t.db, clinic.org, { patientId, programId: clinic.programId, admittedOn: '2026-02-01' });
  await enrol(t.db, clinic.org, { episodeId, templateId: template.id, startsOn: '2026-02-01' });
  const appointment = await call(t, clinic.frontDesk, 'POST', '/api/v1/appointments', {
    kind: 'individual_therapy',
    patientId,
    clinicianId: clinic.clinicianId,
    siteId: clinic.siteId,
    roomId: null,
    telehealth: true,
    date: '2026-02-17',
    startTime: '15:00',
    durationMinutes: 50,
  });
  expect(appointment.statusCode).toBe(201);
  return { ...clinic, templateId: template.id, patientId, episodeId, appointmentId: appointment.json().id as string };
}

function fetchFeed(url: string) {
  return t.app.inject({ method: 'GET', url });
}

describe('the clinician iCalendar feed', () => {
  it('creates a secret URL once; the feed lists their sessions with no patient names or ids', async () => {
    const s = await clinicianWithSchedule();
    expect((await call(t, s.clinician, 'GET', FEED)).json()).toEqual({ active: false, createdAt: null });
    const created = await call(t, s.clinician, 'POST', FEED);
    expect(created.statusCode).toBe(201);
    const { url } = created.json();
    expect(url).toMatch(/^\/api\/v1\/calendar\/feed\/[A-Za-z0-9_-]{43}\.ics$/);
    expect((await call(t, s.clinician, 'GET', FEED)).json()).toMatchObject({ active: true });

    const stored = await t.db.selectFrom('calendar_feeds').select('token_hash').where('user_id', '=', s.clinicianId).execute();
    const token = url.split('/').at(-1).replace('.ics', '');
    expect(stored).toHaveLength(1);
    expect(stored[0]?.token_hash).not.toContain(token);

    const feed = await fetchFeed(url);
    expect(feed.statusCode).toBe(200);
    expect(feed.headers['content-type']).toContain('text/calendar');
    expect(feed.body.startsWith('BEGIN:VCALENDAR')).toBe(true);
    expect(feed.body).toContain('SUMMARY:Group: DBT skills');
    expect(feed.body).toContain('SUMMARY:Individual session');
    expect(feed.body).toContain('DTSTART:20260216T150000Z');
    expect(feed.body).toContain('LOCATION:Telehealth');
    // Eight weeks of Mondays and Wednesdays plus the appointment.
    expect(feed.body.match(/BEGIN:VEVENT/g)).toHaveLength(17);
    for (const secret of ['Ellis', 'Feedprivate', s.patientId, s.episodeId]) expect(feed.body).not.toContain(secret);
    expect(await auditActions(t.db, s.org.organizationId)).toContain('calendar_feed.created');
  });

  it('marks cancelled sessions as cancelled and covers two weeks back to eight weeks ahead', async () => {
    const s = await clinicianWithSchedule('2026-01-05');
    await call(t, s.director, 'POST', '/api/v1/schedules/generate', { from: '2026-01-26', to: '2026-05-31' });
    const cancelled = await call(t, s.frontDesk, 'POST', `/api/v1/appointments/${s.appointmentId}/cancel`, {
      reason: 'Patient unwell',
      version: 1,
    });
    expect(cancelled.statusCode).toBe(200);
    const { url } = (await call(t, s.clinician, 'POST', FEED)).json();
    const body = (await fetchFeed(url)).body;
    expect(body).toContain('SUMMARY:Cancelled: Individual session');
    expect(body).toContain('STATUS:CANCELLED');
    expect(body).not.toContain('Patient unwell');
    expect(body).toContain('DTSTART:20260202T150000Z');
    expect(body).not.toContain('DTSTART:20260128');
    expect(body).toContain('DTSTART:20260413T140000Z');
    expect(body).not.toContain('DTSTART:20260420');
  });

  it('stops working once revoked (404), and a new URL replaces the old one', async () => {
    const s = await clinicianWithSchedule();
    const first = (await call(t, s.clinician, 'POST', FEED)).json().url;
    const second = (await call(t, s.clinician, 'POST', FEED)).json().url;
    expect((await fetchFeed(first)).statusCode).toBe(404);
    expect((await fetchFeed(second)).statusCode).toBe(200);
    const revoked = await call(t, s.clinician, 'DELETE', FEED);
    expect(revoked.statusCode).toBe(204);
    const gone = await fetchFeed(second);
    expect(gone.statusCode).toBe(404);
    expect(gone.json().error.code).toBe('NOT_FOUND');
    expect((await call(t, s.clinician, 'GET', FEED)).json()).toEqual({ active: false, createdAt: null });
    expect(await auditActions(t.db, s.org.organizationId)).toContain('calendar_feed.revoked');
  });

  it("stops working when the clinician's account is deactivated", async () => {
    const s = await clinicianWithSchedule();
    const { url } = (await call(t, s.clinician, 'POST', FEED)).json();
    await t.db.updateTable('users').set({ status: 'deactivated' }).where('id', '=', s.clinicianId).execute();
    expect((await fetchFeed(url)).statusCode).toBe(404);
  });

  it('answers 404 to unknown and malformed tokens', async () => {
    expect((await fetchFeed(`${FEED}/${'a'.repeat(43)}.ics`)).statusCode).toBe(404);
    expect((await fetchFeed(`${FEED}/short.ics`)).statusCode).toBe(404);
  });

  it('gives each user only their own feed', async () => {
    const s = await clinicianWithSchedule();
    const psychiatrist = await sessionFor(t, s.org.users.psychiatrist, s.org.organizationId);
    const { url } = (await call(t, psychiatrist, 'POST', FEED)).json();
    const body = (await fetchFeed(url)).body;
    expect(body).not.toContain('BEGIN:VEVENT');
    expect((await call(t, s.clinician, 'GET', FEED)).json().active).toBe(false);
  });

  it('is not offered to an auditor', async () => {
    const s = await clinicianWithSchedule();
    const auditor = await sessionFor(t, s.org.users.auditor, s.org.organizationId);
    expect((await call(t, auditor, 'POST', FEED)).statusCode).toBe(403);
  });
});

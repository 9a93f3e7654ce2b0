import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { admit, createPatient, enrol } from '../../../../test/factories.js';
import { call, sessionFor, testApp } from '../../../../test/support.js';
import { createClinic, postTemplate, type Clinic } from '../schedules/schedules.test-support.js';

const t = await testApp();
afterAll(() => t.close());

const NOW = new Date('2026-02-16T12:00:00Z');
beforeEach(() => {
  t.clock.current = NOW;
});

type Scene = Clinic & { templateId: string; patientId: string; appointmentId: string };

/** A Mon/Wed CBT group with one enrolled patient, who also has an individual appointment on Tuesday. */
async function scene(): Promise<Scene> {
  const clinic = await createClinic(t);
  const template = await postTemplate(t, clinic);
  const patientId = await createPatient(t.db, clinic.org, { firstName: 'Quinn', lastName: 'Calendarcase', state: 'IL' });
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
  return { ...clinic, templateId: template.id, patientId, appointmentId: appointment.json().id };
}

function calendar(clinic: Clinic, query: string) {
  return call(t, clinic.frontDesk, 'GET', `/api/v1/calendar?${query}`);
}

describe('GET /api/v1/calendar', () => {
  it('shows a site week: sessions in local time, facilitators, room, status and expected patients, without patient names', async () => {
    const s = await scene();
    const response = await calendar(s, `view=site&id=${s.siteId}&week=2026-W08`);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({
      view: 'site',
      week: '2026-W08',
      from: '2026-02-16',
      to: '2026-02-22',
      timeZone: 'America/Chicago',
      patient: null,
    });
    expect(
      body.sessions.map((session: { localDate: string; localStartTime: string; kind: string }) => [
        session.localDate,
        session.localStartTime,
        session.kind,
      ]),
    ).toEqual([
      ['2026-02-16', '09:00', 'group'],
      ['2026-02-17', '15:00', 'individual_therapy'],
      ['2026-02-18', '09:00', 'group'],
    ]);
    expect(body.sessions[0]).toMatchObject({
      title: 'CBT skills group',
      facilitators: [{ id: s.clinicianId, displayName: 'Test clinician' }],
      room: { id: s.roomId },
      status: 'scheduled',
      expected: 1,
      localEndTime: '12:00',
    });
    expect(body.sessions[1]).toMatchObject({ title: 'Individual therapy', room: null, telehealth: true, expected: 1 });
    expect(response.body).not.toContain('Calendarcase');
    expect(response.body).not.toContain(s.patientId);
  });

  it('shows the same week by program, clinician and room', async () => {
    const s = await scene();
    const byProgram = (await calendar(s, `view=program&id=${s.programId}&week=2026-W08`)).json();
    expect(byProgram.sessions.map((session: { kind: string }) => session.kind)).toEqual(['group', 'individual_therapy', 'group']);
    const byClinician = (await calendar(s, `view=clinician&id=${s.clinicianId}&week=2026-W08`)).json();
    expect(byClinician).toMatchObject({ label: 'Test clinician', timeZone: null });
    expect(byClinician.sessions).toHaveLength(3);
    const byRoom = (await calendar(s, `view=room&id=${s.roomId}&week=2026-W08`)).json();
    expect(byRoom.sessions.map((session: { kind: string }) => session.kind)).toEqual(['group', 'group']);
  });

  it('shows a patient their groups and appointments with their name, audited with the patient id', async () => {
    const s = await scene();
    const response = await calendar(s, `view=patient&id=${s.patientId}&from=2026-02-16&to=2026-02-18`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      view: 'patient',
      label: 'Quinn Calendarcase',
      patient: { id: s.patientId, displayName: 'Quinn Calendarcase' },
    });
    expect(response.json().sessions).toHaveLength(3);
    const audit = await t.db
      .selectFrom('audit_events')
      .select(['action', 'patient_id'])
      .where('organization_id', '=', s.org.organizationId)
      .where('action', '=', 'calendar.patient_viewed')
      .execute();
    expect(audit).toEqual([{ action: 'calendar.patient_viewed', patient_id: s.patientId }]);
  });

  it('leaves patients out of groups before their enrolment starts', async () => {
    const s = await scene();
    await t.db.updateTable('episode_enrolments').set({ starts_on: '2026-02-18' }).where('template_id', '=', s.templateId).execute();
    const sessions = (await calendar(s, `view=patient&id=${s.patientId}&week=2026-W08`)).json().sessions;
    expect(sessions.map((session: { localDate: string }) => session.localDate)).toEqual(['2026-02-17', '2026-02-18']);
    const site = (await calendar(s, `view=site&id=${s.siteId}&week=2026-W08`)).json().sessions;
    expect(site.map((session: { expected: number }) => session.expected)).toEqual([0, 1, 1]);
  });

  it('refuses the patient view to an admin (who may not read patients) and the calendar to an auditor', async () => {
    const s = await scene();
    const admin = await sessionFor(t, s.org.users.admin, s.org.organizationId);
    expect((await call(t, admin, 'GET', `/api/v1/calendar?view=patient&id=${s.patientId}&week=2026-W08`)).statusCode).toBe(403);
    expect((await call(t, admin, 'GET', `/api/v1/calendar?view=site&id=${s.siteId}&week=2026-W08`)).statusCode).toBe(200);
    const auditor = await sessionFor(t, s.org.users.auditor, s.org.organizationId);
    expect((await call(t, auditor, 'GET', `/api/v1/calendar?view=site&id=${s.siteId}&week=2026-W08`)).statusCode).toBe(403);
  });

  it('answers 404 for an id of another organization, in every view', async () => {
    const s = await scene();
    const other = await scene();
    const ids: Record<string, string> = {
      site: other.siteId,
      program: other.programId,
      clinician: other.clinicianId,
      room: other.roomId,
      patient: other.patientId,
    };
    for (const [view, id] of Object.entries(ids)) {
      const response = await calendar(s, `view=${view}&id=${id}&week=2026-W08`);
      expect(response.statusCode, view).toBe(404);
    }
  });

  it('refuses a malformed week, a missing range, a range over six weeks and an unknown view', async () => {
    const s = await scene();
    for (const [query, path] of [
      [`view=site&id=${s.siteId}&week=2026-W54`, 'week'],
      [`view=site&id=${s.siteId}&week=2026-10`, 'week'],
      [`view=site&id=${s.siteId}`, 'week'],
      [`view=site&id=${s.siteId}&from=2026-02-01&to=2026-04-01`, 'to'],
      [`view=site&id=${s.siteId}&from=2026-02-10&to=2026-02-01`, 'to'],
    ] as const) {
      const response = await calendar(s, query);
      expect(response.statusCode, query).toBe(400);
      expect(response.json().error.details[0].path, query).toBe(path);
    }
    expect((await calendar(s, `view=building&id=${s.siteId}&week=2026-W08`)).statusCode).toBe(400);
  });

  it('reads ISO week 53 and the week that straddles a new year', async () => {
    const s = await scene();
    const week53 = (await calendar(s, `view=site&id=${s.siteId}&week=2026-W53`)).json();
    expect(week53).toMatchObject({ from: '2026-12-28', to: '2027-01-03' });
    expect((await calendar(s, `view=site&id=${s.siteId}&week=2027-W53`)).statusCode).toBe(400);
  });
});

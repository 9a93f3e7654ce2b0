import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createPatient } from '../../../../test/factories.js';
import { auditActions, call, createTestOrg, sessionFor, testApp, type TestOrg } from '../../../../test/support.js';

// Versioned safety plans: each save is the next version, versions never change, reads are audited,
// and the latest version prints as a PDF.

const t = await testApp();
let org: TestOrg;

beforeAll(async () => {
  org = await createTestOrg(t.deps);
});
afterAll(() => t.close());

const PLAN = {
  warningSigns: ['Not sleeping', 'Staying in my room'],
  internalCoping: ['Walk the dog'],
  socialDistraction: ['Coffee shop on Main St'],
  peopleToAsk: ['Sister Jo 503-555-0100'],
  professionals: ['Dr. Rivera 503-555-0199', 'Call or text 988'],
  safeEnvironment: ['Medication locked at my sister’s'],
};

const planUrl = (patientId: string) => `/api/v1/patients/${patientId}/safety-plan`;

describe('safety plan versions', () => {
  it('starts empty, saves version 1 then 2, keeps version 1 unchanged, and lists both', async () => {
    const patientId = await createPatient(t.db, org);
    const clinician = await sessionFor(t, org.users.clinician, org.organizationId);
    const empty = await call(t, clinician, 'GET', planUrl(patientId));
    expect(empty.json()).toEqual({ current: null, versions: [] });

    const first = await call(t, clinician, 'POST', planUrl(patientId), { ...PLAN, basedOnVersion: 0 });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ version: 1, ...PLAN, createdBy: { id: org.users.clinician.id } });

    const psychiatrist = await sessionFor(t, org.users.psychiatrist, org.organizationId);
    const second = await call(t, psychiatrist, 'POST', planUrl(patientId), {
      ...PLAN,
      internalCoping: ['Walk the dog', '  Breathing exercise  ', ''],
      basedOnVersion: 1,
    });
    expect(second.statusCode).toBe(201);
    expect(second.json()).toMatchObject({ version: 2, internalCoping: ['Walk the dog', 'Breathing exercise'] });

    const current = await call(t, clinician, 'GET', planUrl(patientId));
    expect(current.json().current).toMatchObject({ version: 2 });
    expect(current.json().versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    const v1 = await call(t, clinician, 'GET', `${planUrl(patientId)}/versions/1`);
    expect(v1.json()).toMatchObject({ version: 1, internalCoping: ['Walk the dog'] });
    expect((await call(t, clinician, 'GET', `${planUrl(patientId)}/versions/3`)).statusCode).toBe(404);

    const actions = await auditActions(t.db, org.organizationId);
    expect(actions.filter((a) => a === 'safety_plan.created')).toHaveLength(2);
    expect(actions).toContain('safety_plan.viewed');
  });

  it('refuses a save based on an older version (412) and stores nothing', async () => {
    const patientId = await createPatient(t.db, org);
    const clinician = await sessionFor(t, org.users.clinician, org.organizationId);
    await call(t, clinician, 'POST', planUrl(patientId), PLAN);
    const stale = await call(t, clinician, 'POST', planUrl(patientId), { ...PLAN, basedOnVersion: 0 });
    expect(stale.statusCode).toBe(412);
    expect((await call(t, clinician, 'GET', planUrl(patientId))).json().versions).toHaveLength(1);
  });

  it('never changes a stored version, even directly in the database', async () => {
    const patientId = await createPatient(t.db, org);
    const clinician = await sessionFor(t, org.users.clinician, org.organizationId);
    await call(t, clinician, 'POST', planUrl(patientId), PLAN);
    await expect(sql`UPDATE safety_plans SET warning_signs = '{}' WHERE patient_id = ${patientId}`.execute(t.db)).rejects.toThrow(
      /never changed/,
    );
  });

  it.each([
    [{ ...PLAN, warningSigns: ['x'.repeat(301)] }, 'warningSigns.0'],
    [
      { warningSigns: [], internalCoping: [], socialDistraction: [], peopleToAsk: [], professionals: [' '], safeEnvironment: [] },
      'warningSigns',
    ],
    [{ ...PLAN, safeEnvironment: undefined }, 'safeEnvironment'],
    [{ ...PLAN, extra: ['x'] }, 'extra'],
  ])('refuses an invalid plan with 400 naming the field (%#)', async (body, field) => {
    const patientId = await createPatient(t.db, org);
    const clinician = await sessionFor(t, org.users.clinician, org.organizationId);
    const response = await call(t, clinician, 'POST', planUrl(patientId), body);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toContain(field);
    expect((await call(t, clinician, 'GET', planUrl(patientId))).json().versions).toEqual([]);
  });

  it('prints the latest version as a PDF, and answers 404 without a plan', async () => {
    const patientId = await createPatient(t.db, org);
    const director = await sessionFor(t, org.users.director, org.organizationId);
    expect((await call(t, director, 'GET', `${planUrl(patientId)}.pdf`)).statusCode).toBe(404);
    await call(t, director, 'POST', planUrl(patientId), PLAN);
    const pdf = await call(t, director, 'GET', `${planUrl(patientId)}.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(await auditActions(t.db, org.organizationId)).toContain('safety_plan.printed');
  });

  it.each(['admissions', 'front_desk', 'billing', 'admin', 'auditor'] as const)('refuses %s (403)', async (role) => {
    const patientId = await createPatient(t.db, org);
    const session = await sessionFor(t, org.users[role], org.organizationId);
    expect((await call(t, session, 'GET', planUrl(patientId))).statusCode).toBe(403);
    expect((await call(t, session, 'GET', `${planUrl(patientId)}.pdf`)).statusCode).toBe(403);
    expect((await call(t, session, 'POST', planUrl(patientId), PLAN)).statusCode).toBe(403);
  });

  it('answers 404 for an unknown patient', async () => {
    const clinician = await sessionFor(t, org.users.clinician, org.organizationId);
    expect((await call(t, clinician, 'GET', planUrl(crypto.randomUUID()))).statusCode).toBe(404);
  });
});

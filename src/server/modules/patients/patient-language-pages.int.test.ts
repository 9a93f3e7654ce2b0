import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PatientLanguage } from '../../../domain/patients/patient-language.js';
import { admit, createPatient, createProgram } from '../../../../test/factories.js';
import { call, createTestOrg, sessionFor, testApp, type TestOrg, type TestSession } from '../../../../test/support.js';

// The patient's link pages (questionnaire /m, safety plan /plan, plan signing /sign-plan) open in
// the language recorded for the patient; the page's own switcher (?lang=) wins; nothing recorded
// means English (decision 0033).

const T0 = new Date('2026-11-09T16:00:00.000Z');
const t = await testApp();
t.clock.current = T0;
let org: TestOrg;
let clinician: TestSession;

beforeAll(async () => {
  org = await createTestOrg(t.deps);
  clinician = await sessionFor(t, org.users.clinician, org.organizationId);
});
afterAll(() => t.close());

const patientWith = (preferredLanguage: PatientLanguage | null) => createPatient(t.db, org, { preferredLanguage });
const view = (url: string) => t.app.inject({ method: 'GET', url });
const postForm = (url: string, form: Record<string, string>) =>
  t.app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(form).toString(),
  });

function expectLanguage(body: string, lang: PatientLanguage, text: string): void {
  expect(body).toContain(`<html lang="${lang}">`);
  expect(body).toContain(text);
}

async function safetyPlanLink(patientId: string): Promise<{ url: string; linkId: string }> {
  const plan = { warningSigns: ['Not sleeping'], internalCoping: ['Walk'], socialDistraction: [], peopleToAsk: [], professionals: [] };
  expect((await call(t, clinician, 'POST', `/api/v1/patients/${patientId}/safety-plan`, { ...plan, safeEnvironment: [] })).statusCode).toBe(
    201,
  );
  const created = await call(t, clinician, 'POST', `/api/v1/patients/${patientId}/safety-plan/links`);
  expect(created.statusCode).toBe(201);
  return created.json();
}

async function signLink(patientId: string): Promise<{ url: string; planId: string }> {
  const programId = await createProgram(t.db, org, { name: 'Adult IOP (synthetic)' });
  const episodeId = await admit(t.db, org, { patientId, programId });
  const created = (await call(t, clinician, 'POST', `/api/v1/episodes/${episodeId}/treatment-plans`)).json();
  const goal = {
    statement: 'Stay sober',
    objectives: [{ id: crypto.randomUUID(), statement: 'Attend 3 groups a week', targetDate: '2099-01-31', status: 'open' }],
    interventions: [
      { description: 'Relapse prevention group', modality: 'CBT', frequency: 'weekly', responsibleUserId: org.users.clinician.id },
    ],
  };
  const saved = await call(t, clinician, 'PUT', `/api/v1/treatment-plans/${created.id}`, {
    version: 1,
    content: { patientStrengthsAndPreferences: '', problems: [{ statement: 'Alcohol use', diagnosisCodes: ['F10.20'], goals: [goal] }] },
    plannedDaysPerWeek: 3,
    plannedMinutesPerWeek: 540,
  });
  expect(
    (await call(t, clinician, 'POST', `/api/v1/treatment-plans/${created.id}/sign`, { version: saved.json().version })).statusCode,
  ).toBe(200);
  const link = await call(t, clinician, 'POST', `/api/v1/treatment-plans/${created.id}/sign-links`);
  expect(link.statusCode).toBe(201);
  return { url: link.json().url, planId: created.id };
}

async function measureLink(patientId: string, language?: PatientLanguage): Promise<string> {
  const body = language === undefined ? { instrument: 'phq-9' } : { instrument: 'phq-9', language };
  const created = await call(t, clinician, 'POST', `/api/v1/patients/${patientId}/measure-links`, body);
  expect(created.statusCode).toBe(201);
  return created.json().url;
}

describe('the safety plan link page', () => {
  it('opens in Spanish for a patient with Spanish recorded, and ?lang=en switches it to English', async () => {
    const { url } = await safetyPlanLink(await patientWith('es'));
    expectLanguage((await view(url)).body, 'es', 'Señales de alerta');
    expectLanguage((await view(`${url}?lang=en`)).body, 'en', 'Warning signs');
  });

  it('opens in English when no language is recorded, and when English is', async () => {
    for (const language of [null, 'en'] as const) {
      const { url } = await safetyPlanLink(await patientWith(language));
      expectLanguage((await view(url)).body, 'en', 'Warning signs');
    }
  });

  it('follows a language recorded after the link was made, since it is read when the page opens', async () => {
    const patientId = await patientWith(null);
    const { url } = await safetyPlanLink(patientId);
    const staff = await sessionFor(t, org.users.admissions, org.organizationId);
    expect((await call(t, staff, 'PATCH', `/api/v1/patients/${patientId}`, { version: 1, preferredLanguage: 'es' })).statusCode).toBe(200);
    expectLanguage((await view(url)).body, 'es', 'Señales de alerta');
  });

  it('says a revoked link no longer works in the patient’s language', async () => {
    const patientId = await patientWith('es');
    const { url, linkId } = await safetyPlanLink(patientId);
    await call(t, clinician, 'POST', `/api/v1/patients/${patientId}/safety-plan/links/${linkId}/revoke`);
    const gone = await view(url);
    expect(gone.statusCode).toBe(410);
    expect(gone.body).toContain('<html lang="es">');
  });
});

describe('the treatment plan signing page', () => {
  it('opens in Spanish for a patient with Spanish recorded, and ?lang=en switches it to English', async () => {
    const { url } = await signLink(await patientWith('es'));
    expectLanguage((await view(url)).body, 'es', 'Firme su plan');
    expectLanguage((await view(`${url}?lang=en`)).body, 'en', 'Sign your plan');
  });

  it('opens in English when no language is recorded', async () => {
    const { url } = await signLink(await patientWith(null));
    expectLanguage((await view(url)).body, 'en', 'Sign your plan');
  });

  it('answers a form posted without ?lang in the patient’s language, and audits the signature in it', async () => {
    const { url, planId } = await signLink(await patientWith('es'));
    const missing = await postForm(url, { signedName: '', agreed: 'yes' });
    expect(missing.statusCode).toBe(400);
    expectLanguage(missing.body, 'es', 'Escriba su nombre completo para firmar.');
    const signed = await postForm(url, { signedName: 'Robin Synthetic', agreed: 'yes' });
    expect(signed.statusCode).toBe(200);
    expect(signed.body).toContain('<html lang="es">');
    const audit = await t.db
      .selectFrom('audit_events')
      .select('details')
      .where('organization_id', '=', org.organizationId)
      .where('action', '=', 'treatment_plan.patient_signed')
      .where('entity_type', '=', 'treatment_plan_sign_link')
      .orderBy('chain_seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit.details).toMatchObject({ planId, language: 'es' });
  });

  it('says a used link no longer works in the patient’s language', async () => {
    const { url } = await signLink(await patientWith('es'));
    expect((await postForm(`${url}?lang=en`, { signedName: 'Robin Synthetic', agreed: 'yes' })).statusCode).toBe(200);
    const gone = await view(url);
    expect(gone.statusCode).toBe(410);
    expectLanguage(gone.body, 'es', 'Este enlace ya no funciona');
  });
});

describe('the questionnaire link page', () => {
  it('opens in Spanish for a patient with Spanish recorded when staff choose no language, and ?lang=en switches it', async () => {
    const url = await measureLink(await patientWith('es'));
    expectLanguage((await view(url)).body, 'es', 'Enviar mis respuestas');
    expectLanguage((await view(`${url}?lang=en`)).body, 'en', 'Send my answers');
  });

  it('opens in English when no language is recorded', async () => {
    const url = await measureLink(await patientWith(null));
    expectLanguage((await view(url)).body, 'en', 'Send my answers');
  });

  it('keeps the language staff chose for the link over the recorded one', async () => {
    const url = await measureLink(await patientWith('es'), 'en');
    expectLanguage((await view(url)).body, 'en', 'Send my answers');
  });
});

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admit, createPatient, createProgram } from '../../../../test/factories.js';
import { auditActions, call, createTestOrg, sessionFor, testApp, type TestOrg, type TestSession } from '../../../../test/support.js';

// The patient signs a clinician-signed plan version through a one-time link (/sign-plan/:token);
// the plan review shows which objectives notes addressed; the dashboard lists reviews due.

const t = await testApp();
let org: TestOrg;
let clinician: TestSession;

beforeAll(async () => {
  org = await createTestOrg(t.deps);
  clinician = await sessionFor(t, org.users.clinician, org.organizationId);
});
afterAll(() => t.close());

const objectiveId = () => randomUUID();

async function signedPlan(options: { preferredName?: string } = {}) {
  const patientId = await createPatient(t.db, org);
  if (options.preferredName)
    await t.db.updateTable('patients').set({ preferred_name: options.preferredName }).where('id', '=', patientId).execute();
  const programId = await createProgram(t.db, org, { name: 'Adult IOP (synthetic)' });
  const episodeId = await admit(t.db, org, { patientId, programId });
  const created = (await call(t, clinician, 'POST', `/api/v1/episodes/${episodeId}/treatment-plans`)).json();
  const objectives = [objectiveId(), objectiveId()];
  const saved = await call(t, clinician, 'PUT', `/api/v1/treatment-plans/${created.id}`, {
    version: 1,
    content: {
      patientStrengthsAndPreferences: '',
      problems: [
        {
          statement: 'Alcohol use most evenings',
          diagnosisCodes: ['F10.20'],
          goals: [
            {
              statement: 'Stay sober',
              objectives: [
                { id: objectives[0], statement: 'Attend 3 groups a week', targetDate: '2099-01-31', status: 'open' },
                { id: objectives[1], statement: 'Name three triggers', targetDate: '2099-01-31', status: 'open' },
              ],
              interventions: [
                {
                  description: 'Relapse prevention group',
                  modality: 'CBT',
                  frequency: '3 groups a week',
                  responsibleUserId: org.users.clinician.id,
                },
              ],
            },
          ],
        },
      ],
    },
    plannedDaysPerWeek: 3,
    plannedMinutesPerWeek: 540,
  });
  const signed = await call(t, clinician, 'POST', `/api/v1/treatment-plans/${created.id}/sign`, { version: saved.json().version });
  expect(signed.statusCode).toBe(200);
  return { patientId, episodeId, planId: created.id as string, objectives };
}

function postForm(url: string, form: Record<string, string>) {
  return t.app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(form).toString(),
  });
}

describe('signing links', () => {
  it('shows the plan once created, signs it with a typed name and agreement, and is then used up (410)', async () => {
    const { planId } = await signedPlan({ preferredName: 'Robin' });
    const created = await call(t, clinician, 'POST', `/api/v1/treatment-plans/${planId}/sign-links`);
    expect(created.statusCode).toBe(201);
    const url: string = created.json().url;
    expect(url).toMatch(/^\/sign-plan\/[A-Za-z0-9_-]{43}$/);
    const stored = await t.db
      .selectFrom('treatment_plan_sign_links')
      .select('token_hash')
      .where('id', '=', created.json().linkId)
      .executeTakeFirstOrThrow();
    expect(stored.token_hash.toString('hex')).not.toContain(url.split('/').pop());

    const page = await t.app.inject({ method: 'GET', url });
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.body).toContain('988');
    expect(page.body).toContain('Robin, here is your treatment plan');
    expect(page.body).toContain('Attend 3 groups a week');
    expect(page.body).toContain('I have read this treatment plan and I agree with it');
    expect(page.body).not.toContain('<script');

    const missing = await postForm(url, { signedName: '  ' });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('Type your full name to sign.');
    expect(missing.body).toContain('Check the box');
    expect(
      (await t.db.selectFrom('treatment_plans').select('patient_signed_at').where('id', '=', planId).executeTakeFirstOrThrow())
        .patient_signed_at,
    ).toBeNull();

    const done = await postForm(url, { signedName: 'Robin Testpatient', agreed: 'yes' });
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain('your plan is signed');
    const plan = await call(t, clinician, 'GET', `/api/v1/treatment-plans/${planId}`);
    expect(plan.json()).toMatchObject({
      status: 'signed',
      patientSignature: { name: 'Robin Testpatient', method: 'link', hasImage: false },
    });

    expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(410);
    expect((await postForm(url, { signedName: 'Robin Testpatient', agreed: 'yes' })).statusCode).toBe(410);
    const links = await call(t, clinician, 'GET', `/api/v1/treatment-plans/${planId}/sign-links`);
    expect(links.json().links[0]).toMatchObject({ state: 'used' });
    // Revoking a used link changes nothing: it stays on record as used.
    const revokeUsed = await call(t, clinician, 'POST', `/api/v1/treatment-plans/${planId}/sign-links/${created.json().linkId}/revoke`);
    expect(revokeUsed.json()).toMatchObject({ state: 'used', revokedAt: null });
    expect(await auditActions(t.db, org.organizationId)).toEqual(
      expect.arrayContaining(['treatment_plan_sign_link.created', 'treatment_plan_sign_link.viewed', 'treatment_plan.patient_signed']),
    );
  });

  it('answers 404 for an unknown token and 410 for a revoked or expired link', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/sign-plan/not-a-real-token-at-all-xxxxxxxxxxxxx' })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/sign-plan/short' })).statusCode).toBe(404);

    const { planId } = await signedPlan();
    const revoked = (await call(t, clinician, 'POST', `/api/v1/treatment-plans/${planId}/sign-links`)).json();
    const revokeUrl = `/api/v1/treatment-plans/${planId}/sign-links/${revoked.linkId}/revoke`;
    const revoke = await call(t, clinician, 'POST', revokeUrl);
    expect(revoke.json().state).toBe('revoked');
    t.clock.advance(60_000);
    const again = await call(t, clinician, 'POST', revokeUrl);
    expect(again.json()).toMatchObject({ state: 'revoked', revokedAt: revoke.json().revokedAt });
    expect(
      (
        await t.db
          .selectFrom('audit_events')
          .select('id')
          .where('action', '=', 'treatment_plan_sign_link.revoked')
          .where('entity_id', '=', revoked.linkId)
          .execute()
      ).length,
    ).toBe(1);
    expect((await t.app.inject({ method: 'GET', url: revoked.url })).statusCode).toBe(410);
    expect((await postForm(revoked.url, { signedName: 'Sam', agreed: 'yes' })).statusCode).toBe(410);

    const expiring = (await call(t, clinician, 'POST', `/api/v1/treatment-plans/${planId}/sign-links`)).json();
    t.clock.advance(7 * 86_400_000 + 1000);
    try {
      expect((await t.app.inject({ method: 'GET', url: expiring.url })).statusCode).toBe(410);
    } finally {
      t.clock.advance(-(7 * 86_400_000 + 1000));
    }
    const row = await t.db.selectFrom('treatment_plans').select('patient_signed_at').where('id', '=', planId).executeTakeFirstOrThrow();
    expect(row.patient_signed_at).toBeNull();
  });

  it('stops working once a newer version is signed', async () => {
    const { planId, episodeId } = await signedPlan();
    const link = (await call(t, clinician, 'POST', `/api/v1/treatment-plans/${planId}/sign-links`)).json();
    const revision = (
      await call(t, clinician, 'POST', `/api/v1/episodes/${episodeId}/treatment-plans/revisions`, {
        reason: 'Changed goals',
        isReview: false,
      })
    ).json();
    expect((await t.app.inject({ method: 'GET', url: link.url })).statusCode).toBe(200);
    const signed = await call(t, clinician, 'POST', `/api/v1/treatment-plans/${revision.id}/sign`, { version: revision.version });
    expect(signed.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: link.url })).statusCode).toBe(410);
    expect((await postForm(link.url, { signedName: 'Sam Testpatient', agreed: 'yes' })).statusCode).toBe(410);
  });

  it('stops working once the patient signed on the device, and cannot be made for a draft', async () => {
    const { planId, episodeId } = await signedPlan();
    const link = (await call(t, clinician, 'POST', `/api/v1/treatment-plans/${planId}/sign-links`)).json();
    await call(t, clinician, 'POST', `/api/v1/treatment-plans/${planId}/patient-signature`, {
      signedName: 'Sam Testpatient',
      attested: true,
    });
    expect((await t.app.inject({ method: 'GET', url: link.url })).statusCode).toBe(410);
    expect((await call(t, clinician, 'POST', `/api/v1/treatment-plans/${planId}/sign-links`)).statusCode).toBe(409);

    const revision = await call(t, clinician, 'POST', `/api/v1/episodes/${episodeId}/treatment-plans/revisions`, {
      reason: 'Review',
      isReview: true,
    });
    expect((await call(t, clinician, 'POST', `/api/v1/treatment-plans/${revision.json().id}/sign-links`)).statusCode).toBe(422);
  });
});

describe('signing links in Spanish', () => {
  const newLink = async (planId: string): Promise<string> =>
    (await call(t, clinician, 'POST', `/api/v1/treatment-plans/${planId}/sign-links`)).json().url;
  const signature = (planId: string) =>
    t.db
      .selectFrom('treatment_plans')
      .select(['patient_signed_name', 'patient_signature_method', 'patient_signature_image', 'patient_declined_reason'])
      .where('id', '=', planId)
      .executeTakeFirstOrThrow();

  it('opens in English by default with a switcher to Spanish that keeps the token', async () => {
    const { planId } = await signedPlan();
    const url = await newLink(planId);
    const page = await t.app.inject({ method: 'GET', url });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<html lang="en">');
    expect(page.body).toContain(`<a href="${url}?lang=es" lang="es" hreflang="es"`);
    expect(page.body).toContain(`action="${url}?lang=en"`);
    expect(page.body).toContain('(by January 31, 2099)');
    expect(page.body).toContain('<strong>3 days</strong> and <strong>9 hours</strong> of Adult IOP (synthetic) a week');
  });

  it('shows every fixed string in Spanish, the plan as written, dates in Spanish and a switcher back to English', async () => {
    const { planId } = await signedPlan({ preferredName: 'Ramona' });
    const url = await newLink(planId);
    const page = await t.app.inject({ method: 'GET', url: `${url}?lang=es` });
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.body).toContain('<html lang="es">');
    expect(page.body).toContain('<meta name="referrer" content="no-referrer">');
    expect(page.body).toContain('Ramona, este es su plan de tratamiento');
    expect(page.body).toContain('Llame o envíe un texto al 988');
    expect(page.body).toContain('<strong>3 días</strong> y <strong>9 horas</strong> de Adult IOP (synthetic) por semana');
    expect(page.body).toContain('Meta: Stay sober');
    expect(page.body).toContain('Attend 3 groups a week <strong>(para el 31 de enero de 2099)</strong>');
    expect(page.body).toMatch(/que la firmó el \d{1,2} de [a-z]+ de \d{4}\./);
    expect(page.body).toMatch(/revisará el plan con usted a más tardar el \d{1,2} de [a-z]+ de \d{4}\./);
    expect(page.body).toContain('Leí este plan de tratamiento y estoy de acuerdo con él');
    expect(page.body).toContain('<button type="submit">Firmar mi plan</button>');
    expect(page.body).toContain(`<a href="${url}?lang=en" lang="en" hreflang="en"`);
    expect(page.body).toContain(`action="${url}?lang=es"`);
    for (const english of ['Sign my plan', 'Your full name', 'I have read', 'Goal:', 'your care team', 'January'])
      expect(page.body).not.toContain(english);
    expect(page.body).not.toMatch(/\{\w+\}/);
    expect(page.body).not.toContain('<script');
  });

  it('keeps Spanish when the form comes back with errors, with the typed name', async () => {
    const { planId } = await signedPlan();
    const url = await newLink(planId);
    const noName = await postForm(`${url}?lang=es`, { signedName: ' ', agreed: 'yes' });
    expect(noName.statusCode).toBe(400);
    expect(noName.body).toContain('<html lang="es">');
    expect(noName.body).toContain('Corrija los campos marcados abajo.');
    expect(noName.body).toContain('Escriba su nombre completo para firmar.');
    expect(noName.body).not.toContain('Marque la casilla');
    expect(noName.body).toContain(`action="${url}?lang=es"`);

    const notAgreed = await postForm(`${url}?lang=es`, { signedName: 'Ramona Pruebas' });
    expect(notAgreed.statusCode).toBe(400);
    expect(notAgreed.body).toContain('Marque la casilla si leyó el plan y está de acuerdo con él.');
    expect(notAgreed.body).toContain('value="Ramona Pruebas"');
    expect(notAgreed.body).not.toContain('Type your full name');
    expect((await signature(planId)).patient_signed_name).toBeNull();
  });

  it('signs in Spanish and stores the same signature as in English, noting the language in the audit', async () => {
    const english = await signedPlan();
    const spanish = await signedPlan();
    const form = { signedName: 'Alex Pruebas', agreed: 'yes' };
    const inEnglish = await postForm(await newLink(english.planId), form);
    expect(inEnglish.body).toContain('Thank you: your plan is signed');
    const spanishUrl = await newLink(spanish.planId);
    const inSpanish = await postForm(`${spanishUrl}?lang=es`, form);
    expect(inSpanish.statusCode).toBe(200);
    expect(inSpanish.body).toContain('<html lang="es">');
    expect(inSpanish.body).toContain('Gracias: su plan está firmado');
    expect(inSpanish.body).toContain('la versión 1 de su plan de tratamiento');

    expect(await signature(spanish.planId)).toEqual(await signature(english.planId));
    expect(await signature(spanish.planId)).toMatchObject({ patient_signed_name: 'Alex Pruebas', patient_signature_method: 'link' });
    const plan = await call(t, clinician, 'GET', `/api/v1/treatment-plans/${spanish.planId}`);
    expect(plan.json()).toMatchObject({ status: 'signed', patientSignature: { name: 'Alex Pruebas', method: 'link', hasImage: false } });
    const audits = await t.db
      .selectFrom('audit_events')
      .select(['patient_id', 'details'])
      .where('organization_id', '=', org.organizationId)
      .where('action', '=', 'treatment_plan.patient_signed')
      .where('patient_id', 'in', [english.patientId, spanish.patientId])
      .execute();
    const languages = Object.fromEntries(audits.map((a) => [a.patient_id, (a.details as { language?: string }).language]));
    expect(languages).toEqual({ [english.patientId]: 'en', [spanish.patientId]: 'es' });

    const used = await t.app.inject({ method: 'GET', url: `${spanishUrl}?lang=es` });
    expect(used.statusCode).toBe(410);
    expect(used.body).toContain('Este enlace ya no funciona');
    expect(used.body).toContain(`<a href="${spanishUrl}?lang=en"`);
  });

  it('says in Spanish that an unknown link is not valid', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/sign-plan/not-a-real-token-at-all-xxxxxxxxxxxxx?lang=es' });
    expect(page.statusCode).toBe(404);
    expect(page.body).toContain('<html lang="es">');
    expect(page.body).toContain('Este enlace no es válido');
    const posted = await postForm('/sign-plan/not-a-real-token-at-all-xxxxxxxxxxxxx?lang=es', { signedName: 'Alex', agreed: 'yes' });
    expect(posted.statusCode).toBe(404);
    expect(posted.body).toContain('Revise el enlace');
  });
});

async function note(input: {
  patientId: string;
  episodeId: string;
  noteType: 'progress_dap' | 'sud_counseling';
  authorId: string;
  objectiveIds: string[];
  serviceDate: string;
  signed?: boolean;
}) {
  const now = new Date();
  const signed = input.signed ?? true;
  await t.db
    .insertInto('clinical_notes')
    .values({
      organization_id: org.organizationId,
      patient_id: input.patientId,
      episode_id: input.episodeId,
      note_type: input.noteType,
      service_date: input.serviceDate,
      addressed_objective_ids: input.objectiveIds,
      status: signed ? 'signed' : 'draft',
      author_id: input.authorId,
      created_at: now,
      updated_at: now,
      signed_by: signed ? input.authorId : null,
      signed_at: signed ? now : null,
    })
    .execute();
}

describe('objective history', () => {
  it('lists the signed notes that cited each objective, withholding SUD counseling notes the reader may not read', async () => {
    const { patientId, episodeId, planId, objectives } = await signedPlan();
    const [first, second] = objectives;
    if (!first || !second) throw new Error('fixture');
    await note({
      patientId,
      episodeId,
      noteType: 'progress_dap',
      authorId: org.users.clinician.id,
      objectiveIds: [first],
      serviceDate: '2026-11-03',
    });
    await note({
      patientId,
      episodeId,
      noteType: 'progress_dap',
      authorId: org.users.psychiatrist.id,
      objectiveIds: [first, second],
      serviceDate: '2026-11-05',
    });
    await note({
      patientId,
      episodeId,
      noteType: 'progress_dap',
      authorId: org.users.clinician.id,
      objectiveIds: [second],
      serviceDate: '2026-11-06',
      signed: false,
    });
    await note({
      patientId,
      episodeId,
      noteType: 'sud_counseling',
      authorId: org.users.psychiatrist.id,
      objectiveIds: [second],
      serviceDate: '2026-11-07',
    });

    const history = await call(t, clinician, 'GET', `/api/v1/treatment-plans/${planId}/objective-history`);
    expect(history.statusCode).toBe(200);
    const byId = new Map(
      history.json().objectives.map((o: { id: string; notes: { serviceDate: string }[] }) => [o.id, o.notes.map((n) => n.serviceDate)]),
    );
    expect(byId.get(first)).toEqual(['2026-11-03', '2026-11-05']);
    expect(byId.get(second)).toEqual(['2026-11-05']);
    expect(history.json().withheldNotes).toBe(1);

    // The author of the counseling note reads it.
    const psychiatrist = await sessionFor(t, org.users.psychiatrist, org.organizationId);
    const own = await call(t, psychiatrist, 'GET', `/api/v1/treatment-plans/${planId}/objective-history`);
    const secondNotes = own.json().objectives.find((o: { id: string }) => o.id === second).notes;
    expect(secondNotes.map((n: { noteType: string }) => n.noteType)).toEqual(['progress_dap', 'sud_counseling']);
    expect(own.json().withheldNotes).toBe(0);
    expect(await auditActions(t.db, org.organizationId)).toContain('treatment_plan.objective_history_viewed');
  });
});

describe('reviews due', () => {
  it('lists overdue and soon-due plans and open episodes without a signed plan, not current ones', async () => {
    const other = await createTestOrg(t.deps);
    const session = await sessionFor(t, other.users.clinician, other.organizationId);
    const programId = await createProgram(t.db, other);
    const make = async () => {
      const patientId = await createPatient(t.db, other);
      return admit(t.db, other, { patientId, programId });
    };
    const missing = await make();
    const overdue = await make();
    const due = await make();
    const current = await make();
    const insert = async (episodeId: string, reviewDueOn: string) => {
      const episode = await t.db.selectFrom('episodes').select('patient_id').where('id', '=', episodeId).executeTakeFirstOrThrow();
      const now = t.clock.now();
      await t.db
        .insertInto('treatment_plans')
        .values({
          organization_id: other.organizationId,
          patient_id: episode.patient_id,
          episode_id: episodeId,
          plan_version: 1,
          content: JSON.stringify({ problems: [], patientStrengthsAndPreferences: '' }),
          review_due_on: reviewDueOn,
          created_by: other.users.clinician.id,
          created_at: now,
          updated_at: now,
          clinician_signed_by: other.users.clinician.id,
          clinician_signed_at: now,
        })
        .execute();
    };
    const day = (offset: number) => new Date(t.clock.now().getTime() + offset * 86_400_000).toISOString().slice(0, 10);
    await insert(overdue, day(-3));
    await insert(due, day(4));
    await insert(current, day(20));

    const response = await call(t, session, 'GET', '/api/v1/treatment-plan-reviews');
    expect(response.statusCode).toBe(200);
    const kinds = Object.fromEntries(response.json().items.map((i: { episodeId: string; kind: string }) => [i.episodeId, i.kind]));
    expect(kinds).toEqual({ [overdue]: 'overdue', [missing]: 'missing', [due]: 'due' });
    expect(response.json().items.map((i: { kind: string }) => i.kind)).toEqual(['overdue', 'missing', 'due']);
    expect(response.json().items.find((i: { kind: string }) => i.kind === 'missing').hasDraft).toBe(false);
    await call(t, session, 'POST', `/api/v1/episodes/${missing}/treatment-plans`);
    const withDraft = await call(t, session, 'GET', '/api/v1/treatment-plan-reviews');
    expect(withDraft.json().items.find((i: { episodeId: string }) => i.episodeId === missing)).toMatchObject({
      kind: 'missing',
      hasDraft: true,
    });
  });
});

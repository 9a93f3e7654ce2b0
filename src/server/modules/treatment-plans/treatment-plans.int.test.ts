import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admit, createPatient, createProgram } from '../../../../test/factories.js';
import { auditActions, call, createTestOrg, sessionFor, testApp, type TestOrg, type TestSession } from '../../../../test/support.js';

// Treatment plans per episode: draft → clinician signature → patient signature; revisions keep old
// versions readable; every refusal changes nothing.

const t = await testApp();
let org: TestOrg;
let clinician: TestSession;

beforeAll(async () => {
  org = await createTestOrg(t.deps);
  clinician = await sessionFor(t, org.users.clinician, org.organizationId);
});
afterAll(() => t.close());

function content(responsibleUserId: string, targetDate = '2099-01-31') {
  return {
    patientStrengthsAndPreferences: 'Wants to get back to work (synthetic)',
    problems: [
      {
        id: randomUUID(),
        statement: 'Depressed mood most days, missing work',
        diagnosisCodes: [' f33.1 '],
        goals: [
          {
            id: randomUUID(),
            statement: 'Fewer days of low mood',
            objectives: [{ id: randomUUID(), statement: 'PHQ-9 below 10 on two measures in a row', targetDate, status: 'open' }],
            interventions: [
              { id: randomUUID(), description: 'Group CBT', modality: 'CBT', frequency: '3 groups a week', responsibleUserId },
            ],
          },
        ],
      },
    ],
  };
}

async function episode(options: { isPart2?: boolean } = {}) {
  const patientId = await createPatient(t.db, org);
  const programId = await createProgram(t.db, org, { isPart2: options.isPart2 ?? false });
  const episodeId = await admit(t.db, org, { patientId, programId });
  return { patientId, episodeId };
}

/** A draft with complete content, saved once (version 2 of the draft). */
async function completeDraft(episodeId: string, planned = { plannedDaysPerWeek: 3, plannedMinutesPerWeek: 540 }) {
  const created = await call(t, clinician, 'POST', `/api/v1/episodes/${episodeId}/treatment-plans`);
  expect(created.statusCode).toBe(201);
  const saved = await call(t, clinician, 'PUT', `/api/v1/treatment-plans/${created.json().id}`, {
    version: created.json().version,
    content: content(org.users.clinician.id),
    ...planned,
  });
  expect(saved.statusCode).toBe(200);
  return saved.json();
}

async function signedPlan(episodeId: string) {
  const draft = await completeDraft(episodeId);
  const signed = await call(t, clinician, 'POST', `/api/v1/treatment-plans/${draft.id}/sign`, { version: draft.version });
  expect(signed.statusCode).toBe(200);
  return signed.json();
}

const rowOf = (planId: string) => t.db.selectFrom('treatment_plans').selectAll().where('id', '=', planId).executeTakeFirstOrThrow();

describe('writing and signing a plan', () => {
  it('creates version 1 as a draft, autosaves it, signs it with a review date, and the patient signs on the device', async () => {
    const { patientId, episodeId } = await episode();
    const draft = await completeDraft(episodeId);
    expect(draft).toMatchObject({ planVersion: 1, status: 'draft', version: 2, part2: false, intensityFindings: [] });
    expect(draft.content.problems[0].diagnosisCodes).toEqual(['F33.1']);

    const signed = await call(t, clinician, 'POST', `/api/v1/treatment-plans/${draft.id}/sign`, { version: draft.version });
    expect(signed.statusCode).toBe(200);
    const today = t.clock.now().toISOString().slice(0, 10);
    expect(signed.json()).toMatchObject({ status: 'awaiting_patient', clinicianSignedBy: { id: org.users.clinician.id } });
    // 30 days after signing (the organization's default), in the program's zone (America/Chicago).
    const due = Date.parse(signed.json().reviewDueOn) - Date.parse(today);
    expect([29, 30].map((d) => d * 86_400_000)).toContain(due);
    expect(signed.json().reviewStatus).toBe('current');

    const patient = await call(t, clinician, 'POST', `/api/v1/treatment-plans/${draft.id}/patient-signature`, {
      signedName: 'Sam Testpatient',
      attested: true,
      signatureImage: 'data:image/png;base64,iVBORw0KGgo=',
    });
    expect(patient.statusCode).toBe(200);
    expect(patient.json()).toMatchObject({
      status: 'signed',
      patientSignature: { name: 'Sam Testpatient', method: 'device', hasImage: true },
    });

    const chart = await call(t, clinician, 'GET', `/api/v1/patients/${patientId}/treatment-plans`);
    expect(chart.statusCode).toBe(200);
    expect(chart.json().episodes[0].versions.map((v: { status: string }) => v.status)).toEqual(['signed']);
    expect(chart.json().staff.map((s: { id: string }) => s.id)).toEqual(
      expect.arrayContaining([org.users.clinician.id, org.users.psychiatrist.id, org.users.director.id]),
    );
    expect(chart.json().staff.map((s: { id: string }) => s.id)).not.toContain(org.users.admissions.id);

    const actions = await auditActions(t.db, org.organizationId);
    expect(actions).toEqual(
      expect.arrayContaining([
        'treatment_plan.created',
        'treatment_plan.draft_saved',
        'treatment_plan.signed',
        'treatment_plan.patient_signed',
        'treatment_plan.listed',
      ]),
    );
    const events = await t.db.selectFrom('audit_events').select('details').where('entity_id', '=', draft.id).execute();
    expect(JSON.stringify(events)).not.toContain('Depressed mood');
    expect(JSON.stringify(events)).not.toContain('Sam Testpatient');
  });

  it('uses the organization’s review interval', async () => {
    const other = await createTestOrg(t.deps);
    await t.db.updateTable('organizations').set({ plan_review_days: 90 }).where('id', '=', other.organizationId).execute();
    const session = await sessionFor(t, other.users.clinician, other.organizationId);
    const patientId = await createPatient(t.db, other);
    const episodeId = await admit(t.db, other, { patientId, programId: await createProgram(t.db, other) });
    const created = (await call(t, session, 'POST', `/api/v1/episodes/${episodeId}/treatment-plans`)).json();
    const saved = (
      await call(t, session, 'PUT', `/api/v1/treatment-plans/${created.id}`, {
        version: 1,
        content: content(other.users.psychiatrist.id),
        plannedDaysPerWeek: 3,
        plannedMinutesPerWeek: 540,
      })
    ).json();
    const signed = await call(t, session, 'POST', `/api/v1/treatment-plans/${created.id}/sign`, { version: saved.version });
    const row = await rowOf(created.id);
    const signedOn = signed.json().clinicianSignedAt.slice(0, 10);
    expect([89, 90]).toContain((Date.parse(row.review_due_on ?? '') - Date.parse(signedOn)) / 86_400_000);
  });

  it('refuses to sign an empty plan (422 naming the rule) and changes nothing', async () => {
    const { episodeId } = await episode();
    const created = (await call(t, clinician, 'POST', `/api/v1/episodes/${episodeId}/treatment-plans`)).json();
    const response = await call(t, clinician, 'POST', `/api/v1/treatment-plans/${created.id}/sign`, { version: created.version });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.code).toBe('RULE_VIOLATION');
    expect(response.json().error.message).toContain('problems');
    const row = await rowOf(created.id);
    expect(row.clinician_signed_at).toBeNull();
    expect(row.version).toBe(created.version);
  });

  it.each<[string, (c: ReturnType<typeof content>) => void, string]>([
    [
      'an objective without a target date',
      (c) => ((c.problems[0]?.goals[0]?.objectives[0] ?? { targetDate: '' }).targetDate = ''),
      'problems[0].goals[0].objectives[0].targetDate',
    ],
    [
      'an intervention without a responsible person',
      (c) => ((c.problems[0]?.goals[0]?.interventions[0] ?? { responsibleUserId: '' }).responsibleUserId = ''),
      'problems[0].goals[0].interventions[0].responsibleUserId',
    ],
    [
      'a malformed diagnosis code',
      (c) => ((c.problems[0] ?? { diagnosisCodes: [] }).diagnosisCodes = ['depression']),
      'problems[0].diagnosisCodes[0]',
    ],
    [
      'a goal without objectives',
      (c) => ((c.problems[0]?.goals[0] ?? { objectives: [] }).objectives = []),
      'problems[0].goals[0].objectives',
    ],
  ])('refuses to sign %s, naming the field', async (_name, change, path) => {
    const { episodeId } = await episode();
    const created = (await call(t, clinician, 'POST', `/api/v1/episodes/${episodeId}/treatment-plans`)).json();
    const body = content(org.users.clinician.id);
    change(body);
    const saved = await call(t, clinician, 'PUT', `/api/v1/treatment-plans/${created.id}`, {
      version: 1,
      content: body,
      plannedDaysPerWeek: 3,
      plannedMinutesPerWeek: 540,
    });
    expect(saved.statusCode).toBe(200);
    const response = await call(t, clinician, 'POST', `/api/v1/treatment-plans/${created.id}/sign`, { version: 2 });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.details.map((d: { path: string }) => d.path)).toContain(path);
    expect((await rowOf(created.id)).clinician_signed_at).toBeNull();
  });

  it('refuses a responsible person who is not clinical staff of the organization', async () => {
    const { episodeId } = await episode();
    const created = (await call(t, clinician, 'POST', `/api/v1/episodes/${episodeId}/treatment-plans`)).json();
    await call(t, clinician, 'PUT', `/api/v1/treatment-plans/${created.id}`, {
      version: 1,
      content: content(org.users.billing.id),
      plannedDaysPerWeek: 3,
      plannedMinutesPerWeek: 540,
    });
    const response = await call(t, clinician, 'POST', `/api/v1/treatment-plans/${created.id}/sign`, { version: 2 });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.message).toContain('responsibleUserId');
  });

  it('refuses intensity outside the program’s rules unless a reason is documented', async () => {
    const { episodeId } = await episode();
    const draft = await completeDraft(episodeId, { plannedDaysPerWeek: 2, plannedMinutesPerWeek: 360 });
    expect(draft.intensityFindings.map((f: { code: string }) => f.code)).toEqual(['below_weekly_floor', 'too_few_days']);
    const refused = await call(t, clinician, 'POST', `/api/v1/treatment-plans/${draft.id}/sign`, { version: draft.version });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.message).toContain("outside the program's rules");
    expect((await rowOf(draft.id)).clinician_signed_at).toBeNull();

    const withReason = await call(t, clinician, 'PUT', `/api/v1/treatment-plans/${draft.id}`, {
      version: draft.version,
      content: { ...content(org.users.clinician.id), intensityExceptionReason: 'Step-down week agreed with the payer (synthetic)' },
      plannedDaysPerWeek: 2,
      plannedMinutesPerWeek: 360,
    });
    const signed = await call(t, clinician, 'POST', `/api/v1/treatment-plans/${draft.id}/sign`, { version: withReason.json().version });
    expect(signed.statusCode).toBe(200);
  });

  it('answers a stale autosave with 412 and the saved plan, and keeps the saved one', async () => {
    const { episodeId } = await episode();
    const draft = await completeDraft(episodeId);
    const stale = await call(t, clinician, 'PUT', `/api/v1/treatment-plans/${draft.id}`, {
      version: draft.version - 1,
      content: { problems: [], patientStrengthsAndPreferences: 'Overwrite' },
      plannedDaysPerWeek: null,
      plannedMinutesPerWeek: null,
    });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().error.code).toBe('STALE_VERSION');
    expect(stale.json().error.details.current).toMatchObject({ id: draft.id, version: draft.version, content: draft.content });
    expect((await rowOf(draft.id)).version).toBe(draft.version);
    const ifMatch = await call(
      t,
      clinician,
      'PUT',
      `/api/v1/treatment-plans/${draft.id}`,
      { content: draft.content, plannedDaysPerWeek: 3, plannedMinutesPerWeek: 540 },
      { 'if-match': `"${draft.version}"` },
    );
    expect(ifMatch.statusCode).toBe(200);
    const noVersion = await call(t, clinician, 'PUT', `/api/v1/treatment-plans/${draft.id}`, {
      content: draft.content,
      plannedDaysPerWeek: 3,
      plannedMinutesPerWeek: 540,
    });
    expect(noVersion.statusCode).toBe(400);
  });

  it('keeps ids through saves and gives new items ids', async () => {
    const { episodeId } = await episode();
    const draft = await completeDraft(episodeId);
    const body = structuredClone(draft.content);
    delete body.problems[0].goals[0].objectives[0].id;
    body.problems[0].goals[0].objectives.push({ statement: 'New objective', targetDate: '2099-02-01', status: 'open' });
    const saved = await call(t, clinician, 'PUT', `/api/v1/treatment-plans/${draft.id}`, {
      version: draft.version,
      content: body,
      plannedDaysPerWeek: 3,
      plannedMinutesPerWeek: 540,
    });
    const objectives = saved.json().content.problems[0].goals[0].objectives;
    expect(saved.json().content.problems[0].id).toBe(draft.content.problems[0].id);
    expect(objectives).toHaveLength(2);
    expect(objectives[0].id).toMatch(/^[0-9a-f-]{36}$/);
    expect(objectives[0].id).not.toBe(draft.content.problems[0].goals[0].objectives[0].id);
    expect(objectives[1].id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses a second plan for the episode (409), changes to a signed version (409), and a second patient signature (409)', async () => {
    const { episodeId } = await episode();
    const signed = await signedPlan(episodeId);
    expect((await call(t, clinician, 'POST', `/api/v1/episodes/${episodeId}/treatment-plans`)).statusCode).toBe(409);
    const edit = await call(t, clinician, 'PUT', `/api/v1/treatment-plans/${signed.id}`, {
      version: signed.version,
      content: content(org.users.clinician.id),
      plannedDaysPerWeek: 3,
      plannedMinutesPerWeek: 540,
    });
    expect(edit.statusCode).toBe(409);
    expect((await call(t, clinician, 'POST', `/api/v1/treatment-plans/${signed.id}/sign`, { version: signed.version })).statusCode).toBe(
      409,
    );
    const first = await call(t, clinician, 'POST', `/api/v1/treatment-plans/${signed.id}/patient-signature`, {
      declinedReason: 'Wants to read it at home first',
    });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({
      status: 'signed',
      patientDeclinedReason: 'Wants to read it at home first',
      patientSignature: null,
    });
    const second = await call(t, clinician, 'POST', `/api/v1/treatment-plans/${signed.id}/patient-signature`, {
      signedName: 'Sam',
      attested: true,
    });
    expect(second.statusCode).toBe(409);
    expect((await rowOf(signed.id)).patient_signed_name).toBeNull();
  });

  it('refuses a patient signature before the clinician signs (422) and one without attestation (400)', async () => {
    const { episodeId } = await episode();
    const draft = await completeDraft(episodeId);
    const early = await call(t, clinician, 'POST', `/api/v1/treatment-plans/${draft.id}/patient-signature`, {
      signedName: 'Sam',
      attested: true,
    });
    expect(early.statusCode).toBe(422);
    const unattested = await call(t, clinician, 'POST', `/api/v1/treatment-plans/${draft.id}/patient-signature`, {
      signedName: 'Sam',
      attested: false,
    });
    expect(unattested.statusCode).toBe(400);
  });
});

describe('revisions', () => {
  it('starts the next version from a copy with the same ids, refuses another while it is a draft, and keeps version 1 readable', async () => {
    const { episodeId } = await episode();
    const v1 = await signedPlan(episodeId);
    const revision = await call(t, clinician, 'POST', `/api/v1/episodes/${episodeId}/treatment-plans/revisions`, {
      reason: '30-day review',
      isReview: true,
    });
    expect(revision.statusCode).toBe(201);
    expect(revision.json()).toMatchObject({ planVersion: 2, status: 'draft', revisionReason: '30-day review', content: v1.content });
    expect(revision.json().reviewedOn).not.toBeNull();

    const again = await call(t, clinician, 'POST', `/api/v1/episodes/${episodeId}/treatment-plans/revisions`, {
      reason: 'Again',
      isReview: false,
    });
    expect(again.statusCode).toBe(409);

    const changed = structuredClone(v1.content);
    changed.problems[0].statement = 'Low mood, now working part time';
    const saved = await call(t, clinician, 'PUT', `/api/v1/treatment-plans/${revision.json().id}`, {
      version: revision.json().version,
      content: changed,
      plannedDaysPerWeek: 3,
      plannedMinutesPerWeek: 540,
    });
    await call(t, clinician, 'POST', `/api/v1/treatment-plans/${revision.json().id}/sign`, { version: saved.json().version });

    const old = await call(t, clinician, 'GET', `/api/v1/treatment-plans/${v1.id}`);
    expect(old.statusCode).toBe(200);
    expect(old.json()).toMatchObject({ planVersion: 1, content: v1.content, reviewStatus: null });
    const list = await call(t, clinician, 'GET', `/api/v1/episodes/${episodeId}/treatment-plans`);
    expect(list.json().versions.map((v: { planVersion: number }) => v.planVersion)).toEqual([2, 1]);
    expect(list.json().versions[0].reviewStatus).toBe('current');
  });

  it('refuses a revision before any plan exists (409)', async () => {
    const { episodeId } = await episode();
    const response = await call(t, clinician, 'POST', `/api/v1/episodes/${episodeId}/treatment-plans/revisions`, {
      reason: 'x',
      isReview: false,
    });
    expect(response.statusCode).toBe(409);
  });
});

describe('what the database guarantees', () => {
  it('refuses raw SQL that changes a signed version', async () => {
    const { episodeId } = await episode();
    const signed = await signedPlan(episodeId);
    await expect(
      sql`UPDATE treatment_plans SET content = '{"problems":[],"patientStrengthsAndPreferences":""}' WHERE id = ${signed.id}`.execute(t.db),
    ).rejects.toThrow(/never changed/);
    expect((await rowOf(signed.id)).content).toEqual(signed.content);
  });

  it('tags a plan of a Part 2 program, and raw SQL cannot clear the tag', async () => {
    const { episodeId } = await episode({ isPart2: true });
    const created = await call(t, clinician, 'POST', `/api/v1/episodes/${episodeId}/treatment-plans`);
    expect(created.json().part2).toBe(true);
    await expect(sql`UPDATE treatment_plans SET part2 = false WHERE id = ${created.json().id}`.execute(t.db)).rejects.toThrow(/Part 2/);
    expect((await rowOf(created.json().id)).part2).toBe(true);
  });
});

describe('access', () => {
  it.each(['admin', 'admissions', 'billing', 'auditor', 'front_desk'] as const)('refuses %s (403)', async (role) => {
    const { patientId, episodeId } = await episode();
    const session = await sessionFor(t, org.users[role], org.organizationId);
    expect((await call(t, session, 'GET', `/api/v1/patients/${patientId}/treatment-plans`)).statusCode).toBe(403);
    expect((await call(t, session, 'POST', `/api/v1/episodes/${episodeId}/treatment-plans`)).statusCode).toBe(403);
    expect((await call(t, session, 'GET', '/api/v1/treatment-plan-reviews')).statusCode).toBe(403);
  });

  it('lets a psychiatrist and a director read and write', async () => {
    const { episodeId } = await episode();
    const director = await sessionFor(t, org.users.director, org.organizationId);
    expect((await call(t, director, 'POST', `/api/v1/episodes/${episodeId}/treatment-plans`)).statusCode).toBe(201);
    const psychiatrist = await sessionFor(t, org.users.psychiatrist, org.organizationId);
    expect((await call(t, psychiatrist, 'GET', `/api/v1/episodes/${episodeId}/treatment-plans`)).statusCode).toBe(200);
  });
});

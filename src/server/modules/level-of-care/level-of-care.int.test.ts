import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../domain/access/roles.js';
import { admit, createPatient, createProgram } from '../../../../test/factories.js';
import { createInquiry, locRatings } from '../../../../test/level-of-care-fixtures.js';
import { call, createTestOrg, sessionFor, testApp, type TestApp, type TestOrg, type TestSession } from '../../../../test/support.js';

let t: TestApp;
const NOW = new Date('2026-11-10T16:00:00Z');

beforeAll(async () => {
  t = await testApp();
  t.clock.current = NOW;
});
afterAll(() => t.close());

type Setup = { org: TestOrg; as: (role: Role) => Promise<TestSession> };

async function setup(): Promise<Setup> {
  const org = await createTestOrg(t.deps);
  return { org, as: (role) => sessionFor(t, org.users[role], org.organizationId) };
}

const inquiryPath = (id: string) => `/api/v1/inquiries/${id}/loc-assessments`;
const patientPath = (id: string) => `/api/v1/patients/${id}/loc-assessments`;

async function auditRows(organizationId: string) {
  return t.db
    .selectFrom('audit_events')
    .select(['action', 'entity_type', 'entity_id', 'patient_id', 'details'])
    .where('organization_id', '=', organizationId)
    .where('action', 'like', 'loc_assessment.%')
    .orderBy('chain_seq')
    .execute();
}

async function storedCount(organizationId: string): Promise<number> {
  const rows = await t.db.selectFrom('loc_assessments').select('id').where('organization_id', '=', organizationId).execute();
  return rows.length;
}

describe('GET /level-of-care/packs/current', () => {
  it('gives the default pack with its dimensions, anchors and rules', async () => {
    const s = await setup();
    const response = await call(t, await s.as('admissions'), 'GET', '/api/v1/level-of-care/packs/current');
    expect(response.statusCode).toBe(200);
    const pack = response.json();
    expect(pack).toMatchObject({ id: 'openiop_default', version: 1 });
    expect(pack.dimensions.map((d: { id: string }) => d.id)).toEqual([
      'risk_of_harm',
      'functional_status',
      'co_occurring_conditions',
      'recovery_environment',
      'treatment_history',
      'engagement',
    ]);
    expect(pack.dimensions[0].anchors).toHaveLength(5);
    expect(pack.rules.map((r: { code: string }) => r.code)).toContain('IMMINENT_RISK');
  });

  it.each<Role>(['front_desk', 'billing', 'auditor', 'admin'])('refuses %s', async (role) => {
    const s = await setup();
    expect((await call(t, await s.as(role), 'GET', '/api/v1/level-of-care/packs/current')).statusCode).toBe(403);
  });
});

describe('POST /level-of-care/recommendation (stateless)', () => {
  it('recommends from ratings without storing or auditing anything', async () => {
    const s = await setup();
    const response = await call(t, await s.as('admissions'), 'POST', '/api/v1/level-of-care/recommendation', {
      ratings: locRatings({ risk_of_harm: 2, recovery_environment: 3 }),
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      pack: { id: 'openiop_default', version: 1 },
      level: 'PHP',
      drivers: ['risk_of_harm', 'recovery_environment'],
      reasons: [{ code: 'RISK_WITHOUT_SUPPORT' }, { code: 'RISK_WITHOUT_SUPPORT' }],
    });
    expect(await storedCount(s.org.organizationId)).toBe(0);
    expect(await auditRows(s.org.organizationId)).toEqual([]);
  });

  it('refuses incomplete ratings like a save does', async () => {
    const s = await setup();
    const response = await call(t, await s.as('clinician'), 'POST', '/api/v1/level-of-care/recommendation', {
      ratings: locRatings().slice(2),
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details).toEqual([{ path: 'ratings', message: expect.stringContaining('functional_status') }]);
  });
});

describe('assessing an inquiry', () => {
  it('stores the server-side recommendation with the pack version, the chosen level, and audits it', async () => {
    const s = await setup();
    const inquiryId = await createInquiry(t.db, s.org);
    const response = await call(t, await s.as('clinician'), 'POST', inquiryPath(inquiryId), {
      ratings: locRatings({ risk_of_harm: 2, functional_status: 2 }).map((r, i) =>
        i === 0 ? { ...r, note: 'Passive thoughts weekly' } : r,
      ),
      finalLevel: 'IOP',
      note: 'Can attend mornings',
    });
    expect(response.statusCode).toBe(201);
    const saved = response.json();
    expect(saved).toMatchObject({
      inquiryId,
      patientId: null,
      episodeId: null,
      pack: { id: 'openiop_default', version: 1, name: 'OpenIOP generic level-of-care guide' },
      recommendedLevel: 'IOP',
      finalLevel: 'IOP',
      overridden: false,
      overrideReason: null,
      note: 'Can attend mornings',
      assessedBy: { id: s.org.users.clinician.id, name: 'Test clinician' },
      assessedAt: NOW.toISOString(),
    });
    expect(saved.reasons.map((r: { dimensionId: string }) => r.dimensionId)).toEqual(['risk_of_harm', 'functional_status']);
    expect(saved.ratings[0]).toEqual({
      dimensionId: 'risk_of_harm',
      title: 'Risk of harm',
      rating: 2,
      label: 'Moderate risk',
      level: 'IOP',
      note: 'Passive thoughts weekly',
    });

    const row = await t.db.selectFrom('loc_assessments').selectAll().where('id', '=', saved.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      pack_id: 'openiop_default',
      pack_version: 1,
      recommended_level: 'IOP',
      final_level: 'IOP',
      inquiry_id: inquiryId,
    });
    expect(await auditRows(s.org.organizationId)).toEqual([
      {
        action: 'loc_assessment.created',
        entity_type: 'loc_assessment',
        entity_id: saved.id,
        patient_id: null,
        details: {
          inquiryId,
          packId: 'openiop_default',
          packVersion: 1,
          recommendedLevel: 'IOP',
          finalLevel: 'IOP',
          overridden: false,
        },
      },
    ]);
  });

  it('accepts a different level with a reason, and refuses it without one naming overrideReason', async () => {
    const s = await setup();
    const inquiryId = await createInquiry(t.db, s.org);
    const clinician = await s.as('clinician');
    const body = { ratings: locRatings({ recovery_environment: 4 }), finalLevel: 'IOP' };
    const refused = await call(t, clinician, 'POST', inquiryPath(inquiryId), body);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details).toEqual([{ path: 'overrideReason', message: expect.stringContaining('recommended PHP') }]);

    const accepted = await call(t, clinician, 'POST', inquiryPath(inquiryId), {
      ...body,
      overrideReason: 'Shelter bed confirmed for 8 weeks',
    });
    expect(accepted.statusCode).toBe(201);
    expect(accepted.json()).toMatchObject({
      recommendedLevel: 'PHP',
      finalLevel: 'IOP',
      overridden: true,
      overrideReason: 'Shelter bed confirmed for 8 weeks',
      reasons: [{ code: 'NO_SAFE_HOUSING', dimensionId: 'recovery_environment' }],
    });
  });

  it('recomputes the recommendation: a client cannot send its own', async () => {
    const s = await setup();
    const inquiryId = await createInquiry(t.db, s.org);
    const clinician = await s.as('clinician');
    const planted = await call(t, clinician, 'POST', inquiryPath(inquiryId), {
      ratings: locRatings({ risk_of_harm: 4 }),
      finalLevel: 'OP',
      recommendedLevel: 'OP',
    });
    expect(planted.statusCode).toBe(400);
    // Claiming OP as "confirmed" while the ratings say imminent risk is an override that needs a reason.
    const confirmed = await call(t, clinician, 'POST', inquiryPath(inquiryId), {
      ratings: locRatings({ risk_of_harm: 4 }),
      finalLevel: 'OP',
    });
    expect(confirmed.statusCode).toBe(400);
    expect(confirmed.json().error.details[0].path).toBe('overrideReason');
    expect(await storedCount(s.org.organizationId)).toBe(0);
  });

  it('refuses ratings made against a pack version that is no longer current (409), and takes the current one', async () => {
    const s = await setup();
    const inquiryId = await createInquiry(t.db, s.org);
    const clinician = await s.as('clinician');
    const body = { ratings: locRatings(), finalLevel: 'OP' };
    const stale = await call(t, clinician, 'POST', inquiryPath(inquiryId), { ...body, pack: { id: 'openiop_default', version: 0 } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.details).toEqual({ currentPackId: 'openiop_default', currentPackVersion: 1 });
    const current = await call(t, clinician, 'POST', inquiryPath(inquiryId), { ...body, pack: { id: 'openiop_default', version: 1 } });
    expect(current.statusCode).toBe(201);
  });

  it.each<[string, unknown, string]>([
    ['a rating above the anchors', locRatings({ engagement: 5 }), 'ratings[5].rating'],
    ['a negative rating', locRatings({ risk_of_harm: -1 }), 'ratings[0].rating'],
    ['a fractional rating', locRatings({ functional_status: 1.5 }), 'ratings[1].rating'],
    ['an unknown dimension', [...locRatings(), { dimensionId: 'mood', rating: 1 }], 'ratings[6].dimensionId'],
    ['a dimension rated twice', [...locRatings(), { dimensionId: 'engagement', rating: 1 }], 'ratings[6].dimensionId'],
    ['an incomplete assessment', locRatings().slice(0, 5), 'ratings'],
  ])('refuses %s (400 naming %s) and stores nothing', async (_name, ratings, path) => {
    const s = await setup();
    const inquiryId = await createInquiry(t.db, s.org);
    const response = await call(t, await s.as('psychiatrist'), 'POST', inquiryPath(inquiryId), { ratings, finalLevel: 'OP' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path }] });
    expect(await storedCount(s.org.organizationId)).toBe(0);
  });

  it('names the missing dimensions of an incomplete assessment', async () => {
    const s = await setup();
    const inquiryId = await createInquiry(t.db, s.org);
    const response = await call(t, await s.as('clinician'), 'POST', inquiryPath(inquiryId), {
      ratings: locRatings().slice(1, 5),
      finalLevel: 'OP',
    });
    expect(response.json().error.message).toContain('risk_of_harm, engagement');
  });

  it.each([
    ['closed', 'INQUIRY_CLOSED'],
    ['admitted', 'INQUIRY_ADMITTED'],
  ] as const)('refuses a new assessment for an inquiry that is %s (422 naming the rule)', async (stage, rule) => {
    const s = await setup();
    const patientId = await createPatient(t.db, s.org);
    const episodeId = await admit(t.db, s.org, { patientId, programId: await createProgram(t.db, s.org) });
    const inquiryId = await createInquiry(t.db, s.org, { stage, patientId, episodeId });
    const response = await call(t, await s.as('clinician'), 'POST', inquiryPath(inquiryId), { ratings: locRatings(), finalLevel: 'OP' });
    expect(response.statusCode).toBe(422);
    expect(response.json().error).toMatchObject({ code: 'RULE_VIOLATION', details: [{ path: 'inquiryId', rule }] });
    expect(await storedCount(s.org.organizationId)).toBe(0);
  });

  it('answers 404 for an unknown inquiry and for one of another organization', async () => {
    const s = await setup();
    const other = await setup();
    const theirs = await createInquiry(t.db, other.org);
    const clinician = await s.as('clinician');
    const body = { ratings: locRatings(), finalLevel: 'OP' };
    expect((await call(t, clinician, 'POST', inquiryPath('00000000-0000-4000-8000-000000000000'), body)).statusCode).toBe(404);
    expect((await call(t, clinician, 'POST', inquiryPath(theirs), body)).statusCode).toBe(404);
    expect((await call(t, clinician, 'GET', inquiryPath(theirs))).statusCode).toBe(404);
    expect(await storedCount(other.org.organizationId)).toBe(0);
  });

  it.each<Role>(['admissions', 'front_desk', 'billing', 'admin', 'auditor'])('refuses %s as assessor (403)', async (role) => {
    const s = await setup();
    const inquiryId = await createInquiry(t.db, s.org);
    const response = await call(t, await s.as(role), 'POST', inquiryPath(inquiryId), { ratings: locRatings(), finalLevel: 'OP' });
    expect(response.statusCode).toBe(403);
  });
});

describe('assessing a patient', () => {
  it('attaches the open episode, and none once there is no open episode', async () => {
    const s = await setup();
    const patientId = await createPatient(t.db, s.org);
    const clinician = await s.as('director');
    const before = await call(t, clinician, 'POST', patientPath(patientId), { ratings: locRatings({}, 1), finalLevel: 'OP' });
    expect(before.statusCode).toBe(201);
    expect(before.json()).toMatchObject({
      patientId,
      inquiryId: null,
      episodeId: null,
      recommendedLevel: 'OP',
      reasons: [{ code: 'ALL_STABLE' }],
    });

    const episodeId = await admit(t.db, s.org, { patientId, programId: await createProgram(t.db, s.org) });
    const after = await call(t, clinician, 'POST', patientPath(patientId), {
      ratings: locRatings({ risk_of_harm: 3 }),
      finalLevel: 'PHP',
    });
    expect(after.json()).toMatchObject({ episodeId, recommendedLevel: 'PHP' });
    const audit = await auditRows(s.org.organizationId);
    expect(audit.map((row) => [row.action, row.patient_id])).toEqual([
      ['loc_assessment.created', patientId],
      ['loc_assessment.created', patientId],
    ]);
  });

  it('answers 404 for another organization’s patient', async () => {
    const s = await setup();
    const other = await setup();
    const theirs = await createPatient(t.db, other.org);
    const clinician = await s.as('clinician');
    expect((await call(t, clinician, 'POST', patientPath(theirs), { ratings: locRatings(), finalLevel: 'OP' })).statusCode).toBe(404);
    expect((await call(t, clinician, 'GET', patientPath(theirs))).statusCode).toBe(404);
  });
});

describe('reading assessments', () => {
  it('lists an inquiry’s and a patient’s history newest first, each read audited', async () => {
    const s = await setup();
    const inquiryId = await createInquiry(t.db, s.org);
    const patientId = await createPatient(t.db, s.org);
    const clinician = await s.as('clinician');
    const first = (await call(t, clinician, 'POST', inquiryPath(inquiryId), { ratings: locRatings(), finalLevel: 'OP' })).json();
    t.clock.advance(60_000);
    const second = (
      await call(t, clinician, 'POST', inquiryPath(inquiryId), {
        ratings: locRatings({ functional_status: 3 }),
        finalLevel: 'IOP',
        overrideReason: 'Family can supervise evenings',
      })
    ).json();
    await call(t, clinician, 'POST', patientPath(patientId), { ratings: locRatings(), finalLevel: 'OP' });

    const admissions = await s.as('admissions');
    const list = await call(t, admissions, 'GET', inquiryPath(inquiryId));
    expect(list.statusCode).toBe(200);
    expect(list.json().assessments.map((a: { id: string }) => a.id)).toEqual([second.id, first.id]);
    expect(list.json().assessments[0]).toMatchObject({
      recommendedLevel: 'PHP',
      finalLevel: 'IOP',
      overrideReason: 'Family can supervise evenings',
      assessedBy: { name: 'Test clinician' },
    });
    const patientList = await call(t, admissions, 'GET', patientPath(patientId));
    expect(patientList.json().assessments).toHaveLength(1);

    const one = await call(t, admissions, 'GET', `/api/v1/loc-assessments/${first.id}`);
    expect(one.statusCode).toBe(200);
    expect(one.json()).toEqual(first);

    const reads = (await auditRows(s.org.organizationId)).filter((row) => row.action !== 'loc_assessment.created');
    expect(reads).toEqual([
      { action: 'loc_assessment.listed', entity_type: 'inquiry', entity_id: inquiryId, patient_id: null, details: { assessments: 2 } },
      { action: 'loc_assessment.listed', entity_type: 'patient', entity_id: patientId, patient_id: patientId, details: { assessments: 1 } },
      { action: 'loc_assessment.viewed', entity_type: 'loc_assessment', entity_id: first.id, patient_id: null, details: { inquiryId } },
    ]);
  });

  it('still shows stored ratings when the pack version is no longer installed', async () => {
    const s = await setup();
    const patientId = await createPatient(t.db, s.org);
    const saved = (
      await call(t, await s.as('clinician'), 'POST', patientPath(patientId), { ratings: locRatings(), finalLevel: 'OP' })
    ).json();
    await t.db.updateTable('loc_assessments').set({ pack_id: 'retired_pack', pack_version: 3 }).where('id', '=', saved.id).execute();
    const one = await call(t, await s.as('clinician'), 'GET', `/api/v1/loc-assessments/${saved.id}`);
    expect(one.json()).toMatchObject({ pack: { id: 'retired_pack', version: 3, name: null } });
    expect(one.json().ratings[0]).toMatchObject({ title: 'Risk of harm', rating: 0, label: 'No current risk' });
  });

  it('answers 404 for an unknown assessment and another organization’s', async () => {
    const s = await setup();
    const other = await setup();
    const patientId = await createPatient(t.db, other.org);
    const theirs = (
      await call(t, await other.as('clinician'), 'POST', patientPath(patientId), { ratings: locRatings(), finalLevel: 'OP' })
    ).json();
    const clinician = await s.as('clinician');
    expect((await call(t, clinician, 'GET', `/api/v1/loc-assessments/${theirs.id}`)).statusCode).toBe(404);
    expect((await call(t, clinician, 'GET', '/api/v1/loc-assessments/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });

  it.each<Role>(['front_desk', 'billing', 'admin', 'auditor'])('refuses %s as a reader (403)', async (role) => {
    const s = await setup();
    const patientId = await createPatient(t.db, s.org);
    const caller = await s.as(role);
    expect((await call(t, caller, 'GET', patientPath(patientId))).statusCode).toBe(403);
    expect((await call(t, caller, 'GET', `/api/v1/loc-assessments/00000000-0000-4000-8000-000000000000`)).statusCode).toBe(403);
  });
});

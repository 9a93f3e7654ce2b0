import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeConsent, patientInProgram } from '../../../../test/part2-fixtures.js';
import { centerToday } from './consents.service.js';
import { auditActions, call, createTestOrg, sessionFor, testApp, type TestOrg, type TestSession } from '../../../../test/support.js';

// 42 CFR 2.31 consents: drafts are edited with the version read, activation needs every element,
// an active consent changes only by its written revocation, in the API and in the database.

const t = await testApp();
let org: TestOrg;
let clinician: TestSession;

beforeAll(async () => {
  org = await createTestOrg(t.deps);
  clinician = await sessionFor(t, org.users.clinician, org.organizationId);
});
afterAll(() => t.close());

const consentsUrl = (patientId: string) => `/api/v1/patients/${patientId}/consents`;

async function draft(patientId: string, body: Record<string, unknown> = {}) {
  const response = await call(t, clinician, 'POST', consentsUrl(patientId), body);
  expect(response.statusCode).toBe(201);
  return response.json<{ id: string; version: number; status: string }>();
}

async function activeConsent(patientId: string) {
  const created = await draft(patientId, completeConsent());
  const activated = await call(t, clinician, 'POST', `${consentsUrl(patientId)}/${created.id}/activate`, { version: created.version });
  expect(activated.statusCode).toBe(200);
  return activated.json<{ id: string; version: number; status: string }>();
}

describe('consent drafts', () => {
  it('refuses to activate an incomplete consent (422 listing every missing 2.31 element) and changes nothing', async () => {
    const { patientId } = await patientInProgram(t.db, org, { part2: true });
    const created = await draft(patientId, { discloser: 'Part 2 program', recipients: ['Example Primary Care (demo)'] });
    expect(created.status).toBe('draft');
    expect(
      (await call(t, clinician, 'GET', consentsUrl(patientId))).json().consents[0].missing.map((m: { path: string }) => m.path),
    ).toContain('purpose');

    const response = await call(t, clinician, 'POST', `${consentsUrl(patientId)}/${created.id}/activate`, { version: created.version });
    expect(response.statusCode).toBe(422);
    const error = response.json().error;
    expect(error.code).toBe('RULE_VIOLATION');
    expect(error.message).toContain('42 CFR 2.31');
    expect(error.details.rule).toBe('CONSENT_INCOMPLETE');
    expect(error.details.issues.map((issue: { path: string }) => issue.path)).toEqual([
      'information',
      'recordKinds',
      'purpose',
      'revocationRightStated',
      'expiresOn',
      'patientSignedName',
      'signedOn',
    ]);
    const [stored] = (await call(t, clinician, 'GET', consentsUrl(patientId))).json().consents;
    expect(stored).toMatchObject({ status: 'draft', version: created.version });
  });

  it('saves a draft with the version read, refuses a stale save (412 with the current consent), then activates', async () => {
    const { patientId } = await patientInProgram(t.db, org, { part2: true });
    const created = await draft(patientId);
    const url = `${consentsUrl(patientId)}/${created.id}`;
    const saved = await call(t, clinician, 'PATCH', url, { ...completeConsent(), version: created.version });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ version: created.version + 1, missing: [], recipients: ['Example Primary Care (demo)'] });

    const stale = await call(t, clinician, 'PATCH', url, { purpose: 'Other', version: created.version });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().error.details.current).toMatchObject({ id: created.id, version: created.version + 1 });
    expect((await call(t, clinician, 'PATCH', url, { purpose: 'Other' })).statusCode).toBe(400);

    const viaHeader = await call(
      t,
      clinician,
      'PATCH',
      url,
      { purpose: 'Coordination of care' },
      { 'if-match': `"${created.version + 1}"` },
    );
    expect(viaHeader.statusCode).toBe(200);
    const admissions = await sessionFor(t, org.users.admissions, org.organizationId);
    const activated = await call(t, admissions, 'POST', `${url}/activate`, { version: viaHeader.json().version });
    expect(activated.statusCode).toBe(200);
    expect(activated.json()).toMatchObject({ status: 'active', activatedBy: { id: org.users.admissions.id } });

    expect((await call(t, clinician, 'POST', `${url}/activate`, { version: activated.json().version })).statusCode).toBe(409);
    expect((await call(t, clinician, 'PATCH', url, { purpose: 'Changed', version: activated.json().version })).statusCode).toBe(409);
    const actions = await auditActions(t.db, org.organizationId);
    expect(actions).toEqual(expect.arrayContaining(['consent.created', 'consent.updated', 'consent.activated', 'consent.listed']));
  });

  it('refuses a signature dated after today', async () => {
    const { patientId } = await patientInProgram(t.db, org, { part2: true });
    const created = await draft(patientId, completeConsent({ signedOn: '2999-01-01', expiresOn: '2999-12-31' }));
    const response = await call(t, clinician, 'POST', `${consentsUrl(patientId)}/${created.id}/activate`, { version: created.version });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.details.issues).toEqual([expect.objectContaining({ path: 'signedOn' })]);
    const [stored] = (await call(t, clinician, 'GET', consentsUrl(patientId))).json().consents;
    expect(stored).toMatchObject({ status: 'draft', version: created.version });
  });
});

describe('revocation', () => {
  it('needs the date received and a note, applies only to an active consent, and is audited', async () => {
    const { patientId } = await patientInProgram(t.db, org, { part2: true });
    const consent = await activeConsent(patientId);
    const url = `${consentsUrl(patientId)}/${consent.id}/revoke`;
    const noNote = await call(t, clinician, 'POST', url, { receivedOn: '2026-11-01' });
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json().error.message).toContain('note');
    const future = await call(t, clinician, 'POST', url, { receivedOn: '2999-01-01', note: 'Letter' });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.message).toContain('receivedOn');

    const { today } = await centerToday(t.db, org.organizationId, t.clock.now());
    const revoked = await call(t, clinician, 'POST', url, {
      receivedOn: today,
      note: 'Signed revocation letter handed to the front desk.',
    });
    expect([revoked.statusCode, revoked.json().error?.message]).toEqual([200, undefined]);
    expect(revoked.json()).toMatchObject({
      status: 'revoked',
      revokedBy: { id: org.users.clinician.id },
      revocationNote: 'Signed revocation letter handed to the front desk.',
    });
    expect((await call(t, clinician, 'POST', url, { receivedOn: today, note: 'Again' })).statusCode).toBe(409);
    expect(await auditActions(t.db, org.organizationId)).toContain('consent.revoked');

    const other = await draft(patientId);
    expect(
      (await call(t, clinician, 'POST', `${consentsUrl(patientId)}/${other.id}/revoke`, { receivedOn: today, note: 'x' })).statusCode,
    ).toBe(409);
    const stored = (await call(t, clinician, 'GET', consentsUrl(patientId))).json().consents;
    expect(stored).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: other.id, status: 'draft', revokedAt: null }),
        expect.objectContaining({
          id: consent.id,
          status: 'revoked',
          revocationNote: 'Signed revocation letter handed to the front desk.',
        }),
      ]),
    );
  });
});

describe('the database guards consents', () => {
  it('refuses any change to an active consent except its revocation, and never deletes it', async () => {
    const { patientId } = await patientInProgram(t.db, org, { part2: true });
    const consent = await activeConsent(patientId);
    await expect(sql`UPDATE part2_consents SET purpose = 'Anything' WHERE id = ${consent.id}`.execute(t.db)).rejects.toThrow(
      /changes only by revocation/,
    );
    await expect(sql`UPDATE part2_consents SET recipients = '{"Anyone"}' WHERE id = ${consent.id}`.execute(t.db)).rejects.toThrow(
      /changes only by revocation/,
    );
    await expect(sql`DELETE FROM part2_consents WHERE id = ${consent.id}`.execute(t.db)).rejects.toThrow(/never deleted/);
    await sql`UPDATE part2_consents SET status = 'revoked', revoked_at = now(), revoked_by = ${org.users.director.id}, revocation_note = 'Written' WHERE id = ${consent.id}`.execute(
      t.db,
    );
    await expect(sql`UPDATE part2_consents SET revocation_note = 'Rewritten' WHERE id = ${consent.id}`.execute(t.db)).rejects.toThrow(
      /changes only by revocation/,
    );
  });

  it('refuses to store an active consent without every element', async () => {
    const { patientId } = await patientInProgram(t.db, org, { part2: true });
    const created = await draft(patientId, { discloser: 'Program' });
    await expect(
      sql`UPDATE part2_consents SET status = 'active', activated_at = now(), activated_by = ${org.users.director.id} WHERE id = ${created.id}`.execute(
        t.db,
      ),
    ).rejects.toThrow(/check constraint/);
  });
});

describe('who may do what', () => {
  it.each(['front_desk', 'billing', 'admin', 'auditor'] as const)('refuses %s (403)', async (role) => {
    const { patientId } = await patientInProgram(t.db, org, { part2: true });
    const session = await sessionFor(t, org.users[role], org.organizationId);
    expect((await call(t, session, 'GET', consentsUrl(patientId))).statusCode).toBe(403);
    expect((await call(t, session, 'POST', consentsUrl(patientId), {})).statusCode).toBe(403);
  });

  it('lets the psychiatrist read but not record consents', async () => {
    const { patientId } = await patientInProgram(t.db, org, { part2: true });
    const session = await sessionFor(t, org.users.psychiatrist, org.organizationId);
    expect((await call(t, session, 'GET', consentsUrl(patientId))).statusCode).toBe(200);
    expect((await call(t, session, 'POST', consentsUrl(patientId), {})).statusCode).toBe(403);
  });

  it("answers 404 for another patient's consent", async () => {
    const first = await patientInProgram(t.db, org, { part2: true });
    const second = await patientInProgram(t.db, org, { part2: true });
    const consent = await draft(first.patientId);
    const response = await call(t, clinician, 'PATCH', `${consentsUrl(second.patientId)}/${consent.id}`, { purpose: 'x', version: 1 });
    expect(response.statusCode).toBe(404);
  });
});

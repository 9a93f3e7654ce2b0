import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PART2_NOTICE_SHORT } from '../../../domain/disclosure/part2-notice.js';
import { completeConsent, insertAddendum, insertNote, insertPlan, patientInProgram } from '../../../../test/part2-fixtures.js';
import { auditActions, call, createTestOrg, sessionFor, testApp, type TestOrg, type TestSession } from '../../../../test/support.js';
import { hashToken } from '../../lib/secrets.js';
import { centerToday } from '../consents/consents.service.js';

// The two disclosure channels besides the PDF (decision 0030): a data export (a JSON file) and an
// API share an outside system fetches with a bearer token. Both go through decideDisclosure; every
// fetch of a share is decided again with the consent as it is then, and logged when allowed.

const t = await testApp();
let org: TestOrg;
let clinician: TestSession;
const RECIPIENT = 'Example Primary Care (demo)';
const NOTICE_START = 'This record which has been disclosed to you is protected by Federal confidentiality rules (42 CFR part 2).';
const chart = { kind: 'chart', from: '2026-03-01', to: '2026-03-31' };
const DAY = 86_400_000;

beforeAll(async () => {
  org = await createTestOrg(t.deps);
  clinician = await sessionFor(t, org.users.clinician, org.organizationId);
});
afterAll(() => t.close());

const sharesUrl = (patientId: string) => `/api/v1/patients/${patientId}/record-shares`;
const fetchShared = (token: string | null) =>
  call(t, null, 'GET', '/api/v1/shared-records', undefined, token === null ? {} : { authorization: `Bearer ${token}` });

async function part2Chart() {
  const { patientId, episodeId } = await patientInProgram(t.db, org, { part2: true });
  const noteId = await insertNote(t.db, org, { patientId, episodeId, authorId: org.users.clinician.id });
  await insertAddendum(t.db, org, {
    noteId,
    patientId,
    authorId: org.users.clinician.id,
    body: 'Correction: six and a half hours of sleep.',
  });
  const planId = await insertPlan(t.db, org, { patientId, episodeId, authorId: org.users.clinician.id });
  return { patientId, noteId, planId };
}

async function activeConsent(patientId: string): Promise<string> {
  const created = await call(t, clinician, 'POST', `/api/v1/patients/${patientId}/consents`, completeConsent());
  const activated = await call(t, clinician, 'POST', `/api/v1/patients/${patientId}/consents/${created.json().id}/activate`, {
    version: created.json().version,
  });
  expect(activated.statusCode).toBe(200);
  return activated.json().id;
}

async function revokeConsent(patientId: string, consentId: string) {
  const { today } = await centerToday(t.db, org.organizationId, t.clock.now());
  const revoked = await call(t, clinician, 'POST', `/api/v1/patients/${patientId}/consents/${consentId}/revoke`, {
    receivedOn: today,
    note: 'Written revocation received (synthetic).',
  });
  expect(revoked.statusCode).toBe(200);
}

const logRows = (patientId: string) =>
  t.db.selectFrom('disclosures').selectAll().where('patient_id', '=', patientId).orderBy('disclosed_at').execute();
const shareRows = (patientId: string) => t.db.selectFrom('record_shares').selectAll().where('patient_id', '=', patientId).execute();

async function newShare(patientId: string, consentId: string, extra: Record<string, unknown> = {}) {
  const response = await call(t, clinician, 'POST', sharesUrl(patientId), {
    recipient: RECIPIENT,
    purpose: 'Care coordination',
    basis: 'consent',
    consentId,
    what: chart,
    ...extra,
  });
  expect(response.statusCode).toBe(201);
  return response.json<{ token: string; endpoint: string; share: { id: string; expiresAt: string; state: string } }>();
}

describe('data export', () => {
  it('sends a JSON file with the notice first, each Part 2 record labelled, the addendum and the consent summary, and logs it', async () => {
    const { patientId, noteId, planId } = await part2Chart();
    const consentId = await activeConsent(patientId);
    const response = await call(t, clinician, 'POST', `/api/v1/patients/${patientId}/disclosures`, {
      recipient: RECIPIENT,
      purpose: 'Care coordination',
      basis: 'consent',
      consentId,
      channel: 'data_export',
      what: chart,
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('application/json');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="disclosure-[0-9a-f-]+\.json"$/);
    const document = response.json();
    expect(Object.keys(document)[0]).toBe('format');
    expect(Object.keys(document)[1]).toBe('notice');
    expect(document.format).toBe('openiop.disclosure/1');
    expect(document.notice.text.startsWith(NOTICE_START)).toBe(true);
    expect(document.disclosure).toMatchObject({
      id: response.headers['x-disclosure-id'],
      recipient: RECIPIENT,
      basis: { code: 'consent', consentId },
    });
    expect(document.notes).toEqual([
      expect.objectContaining({
        id: noteId,
        part2: true,
        notice: PART2_NOTICE_SHORT,
        addenda: [expect.objectContaining({ kind: 'correction', body: 'Correction: six and a half hours of sleep.' })],
      }),
    ]);
    expect(document.treatmentPlans).toEqual([expect.objectContaining({ id: planId, part2: true, notice: PART2_NOTICE_SHORT })]);
    expect(document.consent.lines).toContainEqual({ label: 'Recipients', value: RECIPIENT });
    expect(await logRows(patientId)).toEqual([
      expect.objectContaining({ channel: 'data_export', basis: 'consent', consent_id: consentId, notice_included: true, share_id: null }),
    ]);
  });

  it('is refused without a consent like any disclosure (422 naming the rule), with nothing logged', async () => {
    const { patientId } = await part2Chart();
    const response = await call(t, clinician, 'POST', `/api/v1/patients/${patientId}/disclosures`, {
      recipient: RECIPIENT,
      purpose: 'Care coordination',
      basis: 'consent',
      channel: 'data_export',
      what: chart,
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.details).toEqual({ rule: 'PART2_CONSENT_REQUIRED' });
    expect(await logRows(patientId)).toEqual([]);
  });
});

describe('API shares', () => {
  it('refuses to make a share a fetch could not use (422 naming the rule), storing nothing', async () => {
    const { patientId } = await part2Chart();
    const response = await call(t, clinician, 'POST', sharesUrl(patientId), {
      recipient: RECIPIENT,
      purpose: 'Care coordination',
      basis: 'consent',
      what: chart,
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.details).toEqual({ rule: 'PART2_CONSENT_REQUIRED' });
    expect(await shareRows(patientId)).toEqual([]);
    expect(await logRows(patientId)).toEqual([]);
  });

  it('names the field of a bad request', async () => {
    const { patientId } = await part2Chart();
    const consentId = await activeConsent(patientId);
    const tooLong = await call(t, clinician, 'POST', sharesUrl(patientId), {
      recipient: RECIPIENT,
      purpose: 'Care coordination',
      basis: 'consent',
      consentId,
      what: chart,
      expiresInDays: 31,
    });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().error.message).toContain('expiresInDays');
    const noHeader = await fetchShared(null);
    expect(noHeader.statusCode).toBe(400);
    expect(noHeader.json().error.details).toEqual([{ path: 'authorization', message: expect.stringContaining('Bearer') }]);
    expect(await shareRows(patientId)).toEqual([]);
  });

  it('discloses nothing when made; each fetch is a logged disclosure with the notice, until the consent is revoked', async () => {
    const { patientId, noteId } = await part2Chart();
    const consentId = await activeConsent(patientId);
    const created = await newShare(patientId, consentId);
    expect(created.endpoint).toBe('/api/v1/shared-records');
    expect(created.share).toMatchObject({ state: 'active', expiresAt: new Date(t.clock.now().getTime() + 7 * DAY).toISOString() });
    const [stored] = await shareRows(patientId);
    expect(stored?.token_hash).toEqual(hashToken(created.token));
    expect(JSON.stringify(stored)).not.toContain(created.token);
    expect(await logRows(patientId)).toEqual([]);

    const first = await fetchShared(created.token);
    expect(first.statusCode).toBe(200);
    expect(first.headers['cache-control']).toBe('no-store');
    expect(first.json().notice.text.startsWith(NOTICE_START)).toBe(true);
    expect(first.json().notes).toEqual([expect.objectContaining({ id: noteId, notice: PART2_NOTICE_SHORT })]);
    const second = await fetchShared(created.token);
    expect(second.statusCode).toBe(200);
    const log = await logRows(patientId);
    expect(log).toEqual([
      expect.objectContaining({
        channel: 'api_share',
        share_id: created.share.id,
        disclosed_by: org.users.clinician.id,
        consent_id: consentId,
      }),
      expect.objectContaining({ channel: 'api_share', share_id: created.share.id }),
    ]);
    expect(first.json().disclosure.id).toBe(log[0]?.id);

    await revokeConsent(patientId, consentId);
    const afterRevocation = await fetchShared(created.token);
    expect(afterRevocation.statusCode).toBe(422);
    expect(afterRevocation.json().error.details).toEqual({ rule: 'CONSENT_REVOKED' });
    expect(afterRevocation.body).not.toContain('sleep');
    expect(await logRows(patientId)).toHaveLength(2);
    const refused = await t.db
      .selectFrom('audit_events')
      .select(['outcome', 'user_id', 'details'])
      .where('entity_id', '=', created.share.id)
      .where('action', '=', 'disclosure.refused')
      .execute();
    expect(refused).toEqual([
      { outcome: 'denied', user_id: null, details: expect.objectContaining({ rule: 'CONSENT_REVOKED', channel: 'api_share' }) },
    ]);

    const director = await sessionFor(t, org.users.director, org.organizationId);
    const listed = await call(t, director, 'GET', sharesUrl(patientId));
    expect(listed.json().shares).toEqual([
      expect.objectContaining({ id: created.share.id, state: 'active', fetchCount: 2, what: 'Chart 2026-03-01 to 2026-03-31' }),
    ]);
    expect(await auditActions(t.db, org.organizationId)).toEqual(
      expect.arrayContaining(['record_share.created', 'record_share.listed', 'disclosure.made']),
    );
  });

  it('stops working when revoked or expired, answering both like an unknown token, and the trail says which', async () => {
    const { patientId } = await part2Chart();
    const consentId = await activeConsent(patientId);
    const revoked = await newShare(patientId, consentId);
    const expiring = await newShare(patientId, consentId, { expiresInDays: 1 });

    const revoke = await call(t, clinician, 'POST', `${sharesUrl(patientId)}/${revoked.share.id}/revoke`);
    expect(revoke.json()).toMatchObject({ state: 'revoked' });
    const again = await call(t, clinician, 'POST', `${sharesUrl(patientId)}/${revoked.share.id}/revoke`);
    expect(again.json().revokedAt).toBe(revoke.json().revokedAt);
    expect((await fetchShared(expiring.token)).statusCode).toBe(200);

    t.clock.advance(DAY + 1000);
    try {
      for (const token of [revoked.token, expiring.token, 'A'.repeat(43)]) {
        const response = await fetchShared(token);
        expect(response.statusCode).toBe(404);
        expect(response.json().error).toMatchObject({ code: 'TOKEN_INVALID', message: 'This share token is unknown, expired or revoked' });
      }
    } finally {
      t.clock.advance(-(DAY + 1000));
    }
    expect(await logRows(patientId)).toHaveLength(1);
    const states = await t.db
      .selectFrom('audit_events')
      .select(['entity_id', sql<string>`details->>'state'`.as('state')])
      .where('patient_id', '=', patientId)
      .where('action', '=', 'record_share.fetch_refused')
      .execute();
    expect(states).toEqual(
      expect.arrayContaining([
        { entity_id: revoked.share.id, state: 'revoked' },
        { entity_id: expiring.share.id, state: 'expired' },
      ]),
    );
  });

  it('answers the share it makes and the share it revokes exactly as the list shows them', async () => {
    const { patientId } = await part2Chart();
    const created = await newShare(patientId, await activeConsent(patientId), { expiresInDays: 3 });
    const listed = async () => (await call(t, clinician, 'GET', sharesUrl(patientId))).json().shares;
    expect(await listed()).toEqual([created.share]);
    expect(created.share).toMatchObject({ createdBy: { id: org.users.clinician.id, name: 'Test clinician' }, revokedAt: null });
    t.clock.advance(60_000);
    try {
      const revoked = await call(t, clinician, 'POST', `${sharesUrl(patientId)}/${created.share.id}/revoke`);
      expect(revoked.json()).toMatchObject({ state: 'revoked', revokedAt: t.clock.now().toISOString() });
      expect(await listed()).toEqual([revoked.json()]);
      t.clock.advance(60_000);
      const again = await call(t, clinician, 'POST', `${sharesUrl(patientId)}/${created.share.id}/revoke`);
      expect(again.json()).toEqual(revoked.json());
    } finally {
      t.clock.advance(-120_000);
    }
  });

  it('refuses in the database to rewrite, un-revoke or delete a share', async () => {
    const { patientId } = await part2Chart();
    const consentId = await activeConsent(patientId);
    const created = await newShare(patientId, consentId);
    const id = created.share.id;
    await expect(sql`UPDATE record_shares SET recipient = 'Anyone' WHERE id = ${id}`.execute(t.db)).rejects.toThrow(
      'a record share changes only by revocation or a fetch',
    );
    await expect(sql`UPDATE record_shares SET expires_at = expires_at + interval '1 year' WHERE id = ${id}`.execute(t.db)).rejects.toThrow(
      'a record share changes only by revocation or a fetch',
    );
    await expect(sql`DELETE FROM record_shares WHERE id = ${id}`.execute(t.db)).rejects.toThrow('never deleted');
    expect((await fetchShared(created.token)).statusCode).toBe(200);
    await expect(sql`UPDATE record_shares SET fetch_count = 0, last_fetched_at = NULL WHERE id = ${id}`.execute(t.db)).rejects.toThrow(
      'only counts up',
    );
    await call(t, clinician, 'POST', `${sharesUrl(patientId)}/${id}/revoke`);
    await expect(sql`UPDATE record_shares SET revoked_at = NULL, revoked_by = NULL WHERE id = ${id}`.execute(t.db)).rejects.toThrow(
      'stays revoked',
    );
    await expect(sql`UPDATE record_shares SET revoked_by = ${org.users.director.id} WHERE id = ${id}`.execute(t.db)).rejects.toThrow(
      'stays revoked',
    );
    const [row] = await shareRows(patientId);
    expect(row).toMatchObject({ recipient: RECIPIENT, fetch_count: 1, revoked_by: org.users.clinician.id });
    expect(row?.revoked_at).not.toBeNull();
  });
});

describe('fetching an API share', () => {
  it('stops while its maker is deactivated or no longer holds a discloser role, audited, with nothing disclosed', async () => {
    const { patientId } = await part2Chart();
    const consentId = await activeConsent(patientId);
    const director = await sessionFor(t, org.users.director, org.organizationId);
    const made = await call(t, director, 'POST', sharesUrl(patientId), {
      recipient: RECIPIENT,
      purpose: 'Care coordination',
      basis: 'consent',
      consentId,
      what: chart,
    });
    expect(made.statusCode).toBe(201);
    const { token } = made.json<{ token: string }>();
    const directorId = org.users.director.id;
    const refusedWith = async () => {
      const response = await fetchShared(token);
      return [response.statusCode, response.json().error?.details?.rule];
    };
    await sql`UPDATE users SET status = 'deactivated' WHERE id = ${directorId}`.execute(t.db);
    try {
      expect(await refusedWith()).toEqual([422, 'SHARE_MAKER_CANNOT_DISCLOSE']);
    } finally {
      await sql`UPDATE users SET status = 'active' WHERE id = ${directorId}`.execute(t.db);
    }
    await sql`UPDATE user_roles SET role = 'auditor' WHERE user_id = ${directorId} AND role = 'director'`.execute(t.db);
    try {
      expect(await refusedWith()).toEqual([422, 'SHARE_MAKER_CANNOT_DISCLOSE']);
    } finally {
      await sql`UPDATE user_roles SET role = 'director' WHERE user_id = ${directorId} AND role = 'auditor'`.execute(t.db);
    }
    expect(await logRows(patientId)).toEqual([]);
    expect((await fetchShared(token)).statusCode).toBe(200);
    expect(await logRows(patientId)).toHaveLength(1);
  });

  it('counts concurrent fetches one by one, each its own disclosure', async () => {
    const { patientId } = await part2Chart();
    const created = await newShare(patientId, await activeConsent(patientId));
    const fetches = await Promise.all([1, 2, 3, 4].map(() => fetchShared(created.token)));
    expect(fetches.map((response) => response.statusCode)).toEqual([200, 200, 200, 200]);
    const log = await logRows(patientId);
    expect(log).toHaveLength(4);
    expect(new Set(fetches.map((response) => response.json().disclosure.id))).toEqual(new Set(log.map((row) => row.id)));
    expect(await shareRows(patientId)).toEqual([expect.objectContaining({ fetch_count: 4 })]);
  });

  it('sends the SUD counseling notes its maker may read at the time of the fetch, and refuses a counseling note share once they may not', async () => {
    const { patientId, episodeId } = await patientInProgram(t.db, org, { part2: true });
    const counselingId = await insertNote(t.db, org, {
      patientId,
      episodeId,
      authorId: org.users.clinician.id,
      noteType: 'sud_counseling',
    });
    const withCounseling = { recordKinds: ['treatment_plans', 'notes', 'sud_counseling_notes'] };
    const counselingConsent = await call(t, clinician, 'POST', `/api/v1/patients/${patientId}/consents`, completeConsent(withCounseling));
    const activated = await call(t, clinician, 'POST', `/api/v1/patients/${patientId}/consents/${counselingConsent.json().id}/activate`, {
      version: counselingConsent.json().version,
    });
    expect(activated.statusCode).toBe(200);
    const director = await sessionFor(t, org.users.director, org.organizationId);
    await t.db
      .insertInto('staff_profiles')
      .values({ organization_id: org.organizationId, user_id: org.users.director.id, counseling_notes_access: true })
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ counseling_notes_access: true }))
      .execute();
    try {
      const share = async (what: unknown, basisConsent: string) => {
        const response = await call(t, director, 'POST', sharesUrl(patientId), {
          recipient: RECIPIENT,
          purpose: 'Care coordination',
          basis: 'consent',
          consentId: basisConsent,
          what,
        });
        expect(response.statusCode).toBe(201);
        return response.json<{ token: string; share: { id: string } }>();
      };
      const chartShare = await share({ ...chart, includeCounselingNotes: true }, activated.json().id);
      const noteShare = await share({ kind: 'note', noteId: counselingId }, activated.json().id);
      expect((await fetchShared(chartShare.token)).json().notes.map((note: { id: string }) => note.id)).toEqual([counselingId]);
      expect((await fetchShared(noteShare.token)).statusCode).toBe(200);

      await t.db
        .updateTable('staff_profiles')
        .set({ counseling_notes_access: false })
        .where('user_id', '=', org.users.director.id)
        .execute();
      const chartAfter = await fetchShared(chartShare.token);
      expect(chartAfter.statusCode).toBe(200);
      expect(chartAfter.json().notes).toEqual([]);
      const noteAfter = await fetchShared(noteShare.token);
      // A refusal like any other on a share: 422 naming the rule, audited on the share, nothing logged.
      expect(noteAfter.statusCode).toBe(422);
      expect(noteAfter.json().error.details).toEqual({ rule: 'RECORD_NOT_AVAILABLE' });
      expect(noteAfter.body).not.toContain('sleep');
      expect((await logRows(patientId)).filter((row) => row.share_id === noteShare.share.id)).toHaveLength(1);
      const refused = await t.db
        .selectFrom('audit_events')
        .select(['outcome', 'details'])
        .where('entity_id', '=', noteShare.share.id)
        .where('action', '=', 'disclosure.refused')
        .execute();
      expect(refused).toEqual([
        { outcome: 'denied', details: expect.objectContaining({ rule: 'RECORD_NOT_AVAILABLE', channel: 'api_share' }) },
      ]);
    } finally {
      await t.db
        .updateTable('staff_profiles')
        .set({ counseling_notes_access: false })
        .where('user_id', '=', org.users.director.id)
        .execute();
    }
  });

  it('keeps the token out of the application log', async () => {
    const lines: string[] = [];
    const logged = await testApp({ logLines: lines });
    try {
      const { patientId } = await part2Chart();
      const created = await newShare(patientId, await activeConsent(patientId));
      const unknownToken = 'B'.repeat(43);
      for (const token of [created.token, unknownToken, 'C'.repeat(300)]) {
        await logged.app.inject({ method: 'GET', url: '/api/v1/shared-records', headers: { authorization: `Bearer ${token}` } });
      }
      expect(lines.join('')).toContain('/api/v1/shared-records');
      for (const secret of [created.token, unknownToken, 'C'.repeat(40)]) expect(lines.join('')).not.toContain(secret);
    } finally {
      await logged.close();
    }
  });

  it('limits fetches to 30 a minute from one address, before any token is looked up', async () => {
    const limited = await testApp();
    try {
      const fetchOnce = () =>
        limited.app.inject({ method: 'GET', url: '/api/v1/shared-records', headers: { authorization: `Bearer ${'D'.repeat(43)}` } });
      for (let i = 0; i < 30; i += 1) expect((await fetchOnce()).statusCode).toBe(404);
      const over = await fetchOnce();
      expect(over.statusCode).toBe(429);
      expect(over.json().error.code).toBe('TOO_MANY_ATTEMPTS');
      // Only the fetch is limited: staff routes of the same plugin are not.
      expect(
        (await limited.app.inject({ method: 'GET', url: `/api/v1/patients/${org.organizationId}/record-shares` })).statusCode,
      ).not.toBe(429);
    } finally {
      await limited.close();
    }
  });
});

import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PART2_NOTICE_SHORT } from '../../../domain/disclosure/part2-notice.js';
import { pdfPageCount, pdfText } from '../../../../test/pdf-text.js';
import { completeConsent, insertAddendum, insertNote, insertPlan, patientInProgram } from '../../../../test/part2-fixtures.js';
import { auditActions, call, createTestOrg, sessionFor, testApp, type TestOrg, type TestSession } from '../../../../test/support.js';
import { centerToday } from '../consents/consents.service.js';

// Every disclosure goes through the one decision: Part 2 records leave only with a covering active
// consent or a permitted basis, carry the 2.32 notice and the consent summary, and are logged; a
// refusal is a 422 naming the rule with nothing written but its audit event.

const t = await testApp();
let org: TestOrg;
let clinician: TestSession;
const RECIPIENT = 'Example Primary Care (demo)';
const NOTICE_START = 'This record which has been disclosed to you is protected by Federal confidentiality rules (42 CFR part 2).';

beforeAll(async () => {
  org = await createTestOrg(t.deps);
  clinician = await sessionFor(t, org.users.clinician, org.organizationId);
});
afterAll(() => t.close());

const url = (patientId: string) => `/api/v1/patients/${patientId}/disclosures`;
const chart = { kind: 'chart', from: '2026-03-01', to: '2026-03-31' };

async function chartWithRecords(part2: boolean) {
  const { patientId, episodeId } = await patientInProgram(t.db, org, { part2 });
  const noteId = await insertNote(t.db, org, { patientId, episodeId, authorId: org.users.clinician.id });
  await insertAddendum(t.db, org, {
    noteId,
    patientId,
    authorId: org.users.clinician.id,
    body: 'Correction: six and a half hours of sleep.',
  });
  await insertPlan(t.db, org, { patientId, episodeId, authorId: org.users.clinician.id });
  return { patientId, episodeId, noteId };
}

async function activeConsent(patientId: string, overrides: Record<string, unknown> = {}): Promise<{ id: string; version: number }> {
  const created = await call(t, clinician, 'POST', `/api/v1/patients/${patientId}/consents`, completeConsent(overrides));
  const activated = await call(t, clinician, 'POST', `/api/v1/patients/${patientId}/consents/${created.json().id}/activate`, {
    version: created.json().version,
  });
  expect(activated.statusCode).toBe(200);
  return activated.json();
}

async function logRows(patientId: string) {
  return t.db.selectFrom('disclosures').selectAll().where('patient_id', '=', patientId).execute();
}

describe('disclosing Part 2 records', () => {
  it('refuses without a consent (422 naming the rule), writes no disclosure, and audits the refusal', async () => {
    const { patientId } = await chartWithRecords(true);
    const response = await call(t, clinician, 'POST', url(patientId), {
      recipient: RECIPIENT,
      purpose: 'Care coordination',
      basis: 'consent',
      what: chart,
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().error).toMatchObject({ code: 'RULE_VIOLATION', details: { rule: 'PART2_CONSENT_REQUIRED' } });
    expect(response.json().error.message).toContain('42 CFR 2.31');
    expect(await logRows(patientId)).toEqual([]);
    const refused = await t.db
      .selectFrom('audit_events')
      .select(['outcome', 'details'])
      .where('patient_id', '=', patientId)
      .where('action', '=', 'disclosure.refused')
      .execute();
    expect(refused).toEqual([{ outcome: 'denied', details: expect.objectContaining({ rule: 'PART2_CONSENT_REQUIRED' }) }]);
  });

  it('with an active covering consent: the PDF carries the notice first, the records, the addendum and the consent summary, and the log lists it', async () => {
    const { patientId } = await chartWithRecords(true);
    const consent = await activeConsent(patientId);
    const response = await call(t, clinician, 'POST', url(patientId), {
      recipient: ' example primary care (DEMO) ',
      purpose: 'Care coordination',
      basis: 'consent',
      consentId: consent.id,
      what: chart,
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="disclosure-[0-9a-f-]+\.pdf"$/);
    const text = pdfText(response.rawPayload);
    expect(text).toContain(NOTICE_START);
    expect(text).toContain(PART2_NOTICE_SHORT);
    expect(text.indexOf(NOTICE_START)).toBeLessThan(text.indexOf('Reported sleeping six hours'));
    expect(text.indexOf('Reported sleeping six hours')).toBeLessThan(text.indexOf('Correction: six and a half hours of sleep.'));
    expect(text).toContain('Alcohol use is disrupting work');
    expect(text).toContain('Consent to disclose (42 CFR 2.31), summary');
    expect(text).toContain(`Recipients: ${RECIPIENT}`);
    expect(text).toContain('Page 1 of');

    const rows = await logRows(patientId);
    expect(rows).toEqual([
      expect.objectContaining({
        basis: 'consent',
        consent_id: consent.id,
        included_part2: true,
        notice_included: true,
        disclosed_by: org.users.clinician.id,
        recipient: 'example primary care (DEMO)',
        channel: 'pdf',
      }),
    ]);

    const director = await sessionFor(t, org.users.director, org.organizationId);
    const log = await call(t, director, 'GET', url(patientId));
    expect(log.json().disclosures).toEqual([
      expect.objectContaining({
        basis: 'consent',
        consentId: consent.id,
        purpose: 'Care coordination',
        what: expect.stringContaining('1 plan version(s), 1 note(s)'),
      }),
    ]);
    const csv = await call(t, director, 'GET', `${url(patientId)}.csv`);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('example primary care (DEMO),Care coordination');
    expect(await auditActions(t.db, org.organizationId)).toEqual(
      expect.arrayContaining(['disclosure.made', 'disclosure.log_viewed', 'disclosure.log_exported']),
    );
  });

  it('puts the short notice on the footer of every page of a long disclosure', async () => {
    const { patientId, episodeId } = await patientInProgram(t.db, org, { part2: true });
    const long = 'Reviewed coping skills and relapse triggers at length (synthetic). '.repeat(12);
    for (let day = 10; day < 22; day += 1)
      await insertNote(t.db, org, {
        patientId,
        episodeId,
        authorId: org.users.clinician.id,
        serviceDate: `2026-03-${day}`,
        content: { data: long, assessment: long, plan: long },
      });
    const consent = await activeConsent(patientId);
    const response = await call(t, clinician, 'POST', url(patientId), {
      recipient: RECIPIENT,
      purpose: 'Care coordination',
      basis: 'consent',
      consentId: consent.id,
      what: chart,
    });
    expect(response.statusCode).toBe(200);
    const pages = pdfPageCount(response.rawPayload);
    expect(pages).toBeGreaterThan(2);
    const text = pdfText(response.rawPayload);
    expect(text.split(PART2_NOTICE_SHORT).length - 1).toBe(pages);
    expect(text).toContain(`Page ${pages} of ${pages}`);
  });

  it('refuses after the consent is revoked, and for a recipient the consent does not name', async () => {
    const { patientId } = await chartWithRecords(true);
    const consent = await activeConsent(patientId);
    const body = { recipient: RECIPIENT, purpose: 'Care coordination', basis: 'consent', consentId: consent.id, what: chart };
    const other = await call(t, clinician, 'POST', url(patientId), { ...body, recipient: 'Example Primary' });
    expect(other.json().error.details.rule).toBe('CONSENT_RECIPIENT_NOT_NAMED');
    expect((await call(t, clinician, 'POST', url(patientId), body)).statusCode).toBe(200);
    const { today } = await centerToday(t.db, org.organizationId, t.clock.now());
    const revoked = await call(t, clinician, 'POST', `/api/v1/patients/${patientId}/consents/${consent.id}/revoke`, {
      receivedOn: today,
      note: 'Written revocation received by mail.',
    });
    expect(revoked.statusCode).toBe(200);
    t.clock.advance(1000);
    const after = await call(t, clinician, 'POST', url(patientId), body);
    expect(after.statusCode).toBe(422);
    expect(after.json().error.details.rule).toBe('CONSENT_REVOKED');
    expect(await logRows(patientId)).toHaveLength(1);
  });

  it('lets SUD counseling notes go only with a consent that names them', async () => {
    const { patientId, episodeId } = await patientInProgram(t.db, org, { part2: true });
    const noteId = await insertNote(t.db, org, { patientId, episodeId, authorId: org.users.clinician.id, noteType: 'sud_counseling' });
    const general = await activeConsent(patientId);
    const base = { recipient: RECIPIENT, purpose: 'Care coordination', basis: 'consent' };
    const single = await call(t, clinician, 'POST', url(patientId), { ...base, consentId: general.id, what: { kind: 'note', noteId } });
    expect(single.statusCode).toBe(422);
    expect(single.json().error.details.rule).toBe('COUNSELING_NOTES_NEED_OWN_CONSENT');
    const inChart = await call(t, clinician, 'POST', url(patientId), {
      ...base,
      consentId: general.id,
      what: { ...chart, includeCounselingNotes: true },
    });
    expect(inChart.json().error.details.rule).toBe('COUNSELING_NOTES_NEED_OWN_CONSENT');
    const emergency = await call(t, clinician, 'POST', url(patientId), {
      ...base,
      basis: 'medical_emergency',
      what: { kind: 'note', noteId },
    });
    expect(emergency.json().error.details.rule).toBe('BASIS_EXCLUDES_COUNSELING_NOTES');
    expect(await logRows(patientId)).toEqual([]);

    // Without asking for counseling notes, the chart leaves without them under the general consent.
    const withoutThem = await call(t, clinician, 'POST', url(patientId), { ...base, consentId: general.id, what: chart });
    expect(withoutThem.statusCode).toBe(200);
    expect(pdfText(withoutThem.rawPayload)).not.toContain('SUD counseling note, 2026-03-10');

    const named = await activeConsent(patientId, { recordKinds: ['sud_counseling_notes'] });
    const allowed = await call(t, clinician, 'POST', url(patientId), { ...base, consentId: named.id, what: { kind: 'note', noteId } });
    expect(allowed.statusCode).toBe(200);
    expect(pdfText(allowed.rawPayload)).toContain('SUD counseling note, 2026-03-10');
  });

  it('allows a bona fide medical emergency without consent, with the notice, logged on that basis', async () => {
    const { patientId, noteId } = await chartWithRecords(true);
    const response = await call(t, clinician, 'POST', url(patientId), {
      recipient: 'County Hospital emergency department (demo)',
      purpose: 'Overdose treatment',
      basis: 'medical_emergency',
      what: { kind: 'note', noteId },
    });
    expect(response.statusCode).toBe(200);
    expect(pdfText(response.rawPayload)).toContain('Bona fide medical emergency (to medical personnel) (42 CFR 2.51)');
    expect(await logRows(patientId)).toEqual([
      expect.objectContaining({ basis: 'medical_emergency', consent_id: null, notice_included: true }),
    ]);
  });

  it('refuses a draft note: only signed records leave', async () => {
    const { patientId, episodeId } = await patientInProgram(t.db, org, { part2: true });
    const noteId = await insertNote(t.db, org, { patientId, episodeId, authorId: org.users.clinician.id, signed: false });
    const response = await call(t, clinician, 'POST', url(patientId), {
      recipient: RECIPIENT,
      purpose: 'x',
      basis: 'medical_emergency',
      what: { kind: 'note', noteId },
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.details.rule).toBe('ONLY_SIGNED_RECORDS');
    expect(await logRows(patientId)).toEqual([]);
  });

  it("refuses another patient's consent", async () => {
    const { patientId } = await chartWithRecords(true);
    const other = await patientInProgram(t.db, org, { part2: true });
    const consent = await activeConsent(other.patientId);
    const response = await call(t, clinician, 'POST', url(patientId), {
      recipient: RECIPIENT,
      purpose: 'x',
      basis: 'consent',
      consentId: consent.id,
      what: chart,
    });
    expect(response.json().error.details.rule).toBe('CONSENT_OF_ANOTHER_PATIENT');
    expect(await logRows(patientId)).toEqual([]);
  });
});

describe('records that are not Part 2', () => {
  it('are allowed without consent, logged with basis not_part2, and carry no notice', async () => {
    const { patientId } = await chartWithRecords(false);
    const response = await call(t, clinician, 'POST', url(patientId), {
      recipient: RECIPIENT,
      purpose: 'Care coordination',
      basis: 'consent',
      what: chart,
    });
    expect(response.statusCode).toBe(200);
    expect(pdfText(response.rawPayload)).not.toContain(PART2_NOTICE_SHORT);
    expect(await logRows(patientId)).toEqual([
      expect.objectContaining({ basis: 'not_part2', consent_id: null, included_part2: false, notice_included: false }),
    ]);
  });
});

describe('the database guards the log and the tag', () => {
  it('refuses UPDATE and DELETE on the disclosure log', async () => {
    const { patientId } = await chartWithRecords(false);
    await call(t, clinician, 'POST', url(patientId), { recipient: RECIPIENT, purpose: 'Care coordination', basis: 'consent', what: chart });
    await expect(sql`UPDATE disclosures SET recipient = 'Someone else' WHERE patient_id = ${patientId}`.execute(t.db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`DELETE FROM disclosures WHERE patient_id = ${patientId}`.execute(t.db)).rejects.toThrow(/append-only/);
    expect(await logRows(patientId)).toHaveLength(1);
  });

  it('tags records of a Part 2 program and every SUD counseling note, and refuses clearing the tag', async () => {
    const part2 = await patientInProgram(t.db, org, { part2: true });
    const plain = await patientInProgram(t.db, org, { part2: false });
    const tagged = await insertNote(t.db, org, { ...part2, authorId: org.users.clinician.id, signed: false });
    const counseling = await insertNote(t.db, org, {
      ...plain,
      authorId: org.users.clinician.id,
      noteType: 'sud_counseling',
      signed: false,
    });
    const untagged = await insertNote(t.db, org, { ...plain, authorId: org.users.clinician.id, signed: false });
    const tags = await t.db
      .selectFrom('clinical_notes')
      .select(['id', 'part2'])
      .where('id', 'in', [tagged, counseling, untagged])
      .execute();
    expect(Object.fromEntries(tags.map((row) => [row.id, row.part2]))).toEqual({ [tagged]: true, [counseling]: true, [untagged]: false });
    await expect(sql`UPDATE clinical_notes SET part2 = false WHERE id = ${tagged}`.execute(t.db)).rejects.toThrow(/cannot be removed/);
    const plan = await insertPlan(t.db, org, { ...part2, authorId: org.users.clinician.id, signed: false });
    await expect(sql`UPDATE treatment_plans SET part2 = false WHERE id = ${plan}`.execute(t.db)).rejects.toThrow(/cannot be removed/);
  });
});

describe('who may disclose and read the log', () => {
  it.each(['psychiatrist', 'admissions', 'front_desk', 'billing', 'admin', 'auditor'] as const)(
    'refuses a disclosure by %s (403)',
    async (role) => {
      const { patientId } = await chartWithRecords(false);
      const session = await sessionFor(t, org.users[role], org.organizationId);
      const response = await call(t, session, 'POST', url(patientId), {
        recipient: RECIPIENT,
        purpose: 'x',
        basis: 'consent',
        what: chart,
      });
      expect(response.statusCode).toBe(403);
      expect(await logRows(patientId)).toEqual([]);
    },
  );

  it.each([
    ['auditor', 200],
    ['psychiatrist', 200],
    ['admissions', 403],
    ['billing', 403],
  ] as const)('the log read by %s: %i', async (role, status) => {
    const { patientId } = await chartWithRecords(false);
    const session = await sessionFor(t, org.users[role], org.organizationId);
    expect((await call(t, session, 'GET', url(patientId))).statusCode).toBe(status);
  });
});

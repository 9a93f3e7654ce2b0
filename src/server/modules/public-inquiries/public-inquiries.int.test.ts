import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProgram } from '../../../../test/factories.js';
import { call, createTestOrg, sessionFor, testApp, type TestApp, type TestOrg } from '../../../../test/support.js';

// Public inquiries through the JSON API and the HTML form: stored once with their activity, audit
// event and outbox message; each refusal names the field and stores nothing.

const t = await testApp({ env: { OPENIOP_INQUIRY_RATE_LIMIT: '1000' } });
let org: TestOrg;
let programId: string;
let unpublishedId: string;

beforeAll(async () => {
  org = await createTestOrg(t.deps);
  t.deps.config.publicOrganizationId = org.organizationId;
  programId = await createProgram(t.db, org, { published: true });
  unpublishedId = await createProgram(t.db, org, { published: false });
});
afterAll(() => t.close());

const VALID = {
  forWhom: 'self',
  contactName: 'Sam Example',
  phone: '(503) 555-0142',
  email: 'Sam.Example@Example.org',
  state: 'or',
  ageRange: '26_64',
  concerns: 'Low mood for months',
  formatPreference: 'online',
  consentToContact: true,
};

const SELF_CHECK_NOW = {
  suicidalThoughts: 'now',
  harmOthers: 'no',
  recentAttempt: 'no',
  withdrawalRisk: 'no',
  safeHome: 'yes',
  support: 'yes',
  canAttend: 'yes',
  dailyImpact: 'a_lot',
  commitments: 'no',
  earlierTreatment: 'none',
  formatPreference: 'in_person',
};

async function inquiryCount(app: TestApp = t): Promise<number> {
  const row = await app.db
    .selectFrom('inquiries')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('organization_id', '=', org.organizationId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

const postJson = (body: unknown, headers: Record<string, string> = {}, app: TestApp = t) =>
  call(app, null, 'POST', '/api/v1/public/inquiries', body, headers);

function formBody(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}
const postForm = (url: string, fields: Record<string, string>, headers: Record<string, string> = {}, app: TestApp = t) =>
  app.app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    payload: formBody(fields),
  });

const FORM = {
  forWhom: 'loved_one',
  contactName: 'Alex Example',
  patientName: 'Jo',
  phone: '503-555-0143',
  email: '',
  state: 'OR',
  concerns: 'Worried about my brother',
  consentToContact: 'yes',
  privacyNoticeVersion: '2026-11',
};

describe('POST /api/v1/public/inquiries', () => {
  it('stores the inquiry with normalized contact details, its activity, audit event and outbox message', async () => {
    const response = await postJson({ ...VALID, programId });
    expect(response.statusCode).toBe(201);
    const { id, urgent } = response.json();
    expect(urgent).toBe(false);
    const row = await t.db.selectFrom('inquiries').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      organization_id: org.organizationId,
      source: 'api',
      language: 'en',
      stage: 'new',
      phone_normalized: '+15035550142',
      email_normalized: 'sam.example@example.org',
      state: 'OR',
      program_id: programId,
      consent_to_contact: true,
      privacy_notice_version: '2026-11',
      urgent: false,
      self_check: null,
    });
    const activities = await t.db.selectFrom('inquiry_activities').select('kind').where('inquiry_id', '=', id).execute();
    expect(activities).toEqual([{ kind: 'submitted' }]);
    const outbox = await t.db.selectFrom('outbox').select(['kind', 'payload']).where('organization_id', '=', org.organizationId).execute();
    expect(outbox.some((message) => message.kind === 'email.inquiry_new' && JSON.stringify(message.payload).includes(id))).toBe(true);
    const audit = await t.db
      .selectFrom('audit_events')
      .select(['action', 'details'])
      .where('organization_id', '=', org.organizationId)
      .where('entity_id', '=', id)
      .execute();
    expect(audit.map((event) => event.action)).toEqual(['inquiry.submitted']);
    expect(JSON.stringify(audit)).not.toMatch(/Sam|555|Low mood/);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['missing consent', { consentToContact: undefined }, 'consentToContact'],
    ['consent false', { consentToContact: false }, 'consentToContact'],
    ['a bad phone', { phone: '555-01', email: undefined }, 'phone'],
    ['a bad email', { email: 'not-an-email' }, 'email'],
    ['no way to reach them', { phone: undefined, email: undefined }, 'contact'],
    ['an oversized field', { concerns: 'x'.repeat(4001) }, 'concerns'],
    ['a name too long', { contactName: 'y'.repeat(201) }, 'contactName'],
    ['an unknown program', { programId: '00000000-0000-4000-8000-000000000000' }, 'programId'],
    ['an unpublished program', { programId: 'UNPUBLISHED' }, 'programId'],
    ['an unknown field', { favouriteColour: 'blue' }, 'favouriteColour'],
  ])('refuses %s naming the field, storing nothing', async (_name, change, field) => {
    const before = await inquiryCount();
    const body: Record<string, unknown> = { ...VALID, ...change };
    if (body.programId === 'UNPUBLISHED') body.programId = unpublishedId;
    const response = await postJson(body);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(response.json().error.details)).toContain(field);
    expect(await inquiryCount()).toBe(before);
  });

  it('refuses a body above the size limit', async () => {
    const before = await inquiryCount();
    const response = await postJson({ ...VALID, concerns: 'z'.repeat(70 * 1024) });
    expect(response.statusCode).toBe(413);
    expect(await inquiryCount()).toBe(before);
  });

  it('answers a filled honeypot as usual and stores nothing', async () => {
    const before = await inquiryCount();
    const response = await postJson({ ...VALID, website: 'http://spam.example.org' });
    expect(response.statusCode).toBe(201);
    expect(await inquiryCount()).toBe(before);
  });

  it('creates exactly one inquiry for the same Idempotency-Key sent twice', async () => {
    const before = await inquiryCount();
    const headers = { 'idempotency-key': `test-${Math.random()}` };
    const first = await postJson(VALID, headers);
    const second = await postJson(VALID, headers);
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.json().id).toBe(first.json().id);
    expect(await inquiryCount()).toBe(before + 1);
  });

  it('makes an inquiry urgent when its self-check reports current suicidal thoughts', async () => {
    const response = await postJson({ ...VALID, selfCheck: SELF_CHECK_NOW });
    expect(response.statusCode).toBe(201);
    expect(response.json().urgent).toBe(true);
    const row = await t.db.selectFrom('inquiries').selectAll().where('id', '=', response.json().id).executeTakeFirstOrThrow();
    expect(row.urgent).toBe(true);
    expect(row.urgent_reason).toMatch(/same day/);
    expect(row.self_check).toMatchObject({ outcome: 'get_help_now', answers: { suicidalThoughts: 'now' } });
    const outbox = await t.db.selectFrom('outbox').select('kind').where('organization_id', '=', org.organizationId).execute();
    expect(outbox.map((message) => message.kind)).toContain('email.inquiry_urgent');
  });

  it('refuses a cross-site browser post (Origin of another site)', async () => {
    const response = await postJson(VALID, { origin: 'https://evil.example.org' });
    expect(response.statusCode).toBe(403);
  });
});

describe('POST /inquiry (HTML form)', () => {
  it('stores the inquiry and redirects to the thanks page (303)', async () => {
    const before = await inquiryCount();
    const response = await postForm('/es/inquiry', { ...FORM, formKey: crypto.randomUUID() });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/es/inquiry/thanks');
    expect(await inquiryCount()).toBe(before + 1);
    const row = await t.db
      .selectFrom('inquiries')
      .selectAll()
      .where('organization_id', '=', org.organizationId)
      .where('language', '=', 'es')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ source: 'web_form', language: 'es', for_whom: 'loved_one', patient_name: 'Jo', email: null });
  });

  it('accepts the form from a signed-in staff member without a CSRF token (the session is ignored)', async () => {
    const session = await sessionFor(t, org.users.admin, org.organizationId);
    const response = await postForm('/inquiry', { ...FORM, formKey: crypto.randomUUID() }, { cookie: session.cookie });
    expect(response.statusCode).toBe(303);
  });

  it.each<[string, Record<string, string>, string]>([
    ['missing consent', { consentToContact: '' }, 'consentToContact'],
    ['a bad phone', { phone: '12' }, 'phone'],
    ['a bad email', { email: 'nope@' }, 'email'],
    ['oversized concerns', { concerns: 'x'.repeat(4001) }, 'concerns'],
    ['an unknown program', { programId: '00000000-0000-4000-8000-000000000000' }, 'programId'],
    ['no phone or email', { phone: '', email: '' }, 'phone'],
  ])('re-renders the form for %s, marking the field and keeping the values', async (_name, change, field) => {
    const before = await inquiryCount();
    const response = await postForm('/inquiry', { ...FORM, ...change, formKey: crypto.randomUUID() });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.body).toContain(`id="${field}-error"`);
    expect(response.body).toContain('value="Alex Example"');
    expect(await inquiryCount()).toBe(before);
  });

  it('stores nothing for a filled honeypot but thanks the sender', async () => {
    const before = await inquiryCount();
    const response = await postForm('/inquiry', { ...FORM, website: 'spam', formKey: crypto.randomUUID() });
    expect(response.statusCode).toBe(303);
    expect(await inquiryCount()).toBe(before);
  });

  it('creates one inquiry when the same form is posted twice (its one-time key)', async () => {
    const before = await inquiryCount();
    const formKey = crypto.randomUUID();
    expect((await postForm('/inquiry', { ...FORM, formKey })).statusCode).toBe(303);
    expect((await postForm('/inquiry', { ...FORM, formKey })).statusCode).toBe(303);
    expect(await inquiryCount()).toBe(before + 1);
  });

  it('asks to send again, under a new key, when a sent form comes back changed with its old key', async () => {
    const before = await inquiryCount();
    const formKey = crypto.randomUUID();
    expect((await postForm('/inquiry', { ...FORM, formKey })).statusCode).toBe(303);
    const changed = await postForm('/inquiry', { ...FORM, concerns: 'Changed after going back', formKey });
    expect(changed.statusCode).toBe(400);
    expect(changed.body).toContain('Please send the form again.');
    const fresh = /name="formKey" value="([^"]+)"/.exec(changed.body)?.[1];
    expect(fresh).toBeDefined();
    expect(fresh).not.toBe(formKey);
    expect(changed.body).toContain('Changed after going back');
    expect((await postForm('/inquiry', { ...FORM, concerns: 'Changed after going back', formKey: fresh ?? '' })).statusCode).toBe(303);
    expect(await inquiryCount()).toBe(before + 2);
  });

  it('carries a consented self-check into the form and makes the inquiry urgent for current suicidal thoughts', async () => {
    const result = await postForm('/self-check', SELF_CHECK_NOW);
    const encoded = /name="selfCheck" value="([^"]+)"/.exec(result.body)?.[1] ?? '';
    expect(encoded).not.toBe('');

    const withoutConsent = await postForm('/inquiry/with-self-check', { selfCheck: encoded });
    expect(withoutConsent.body).not.toContain('name="selfCheck"');

    const form = await postForm('/inquiry/with-self-check', { selfCheck: encoded, sendSelfCheck: 'yes' });
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain(`name="selfCheck" value="${encoded}"`);

    const response = await postForm('/inquiry', { ...FORM, selfCheck: encoded, formKey: crypto.randomUUID() });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/inquiry/thanks?urgent=1');
    const row = await t.db
      .selectFrom('inquiries')
      .select(['urgent', 'urgent_reason', 'self_check'])
      .where('organization_id', '=', org.organizationId)
      .where('source', '=', 'web_form')
      .where('urgent', '=', true)
      .executeTakeFirstOrThrow();
    expect(row.urgent).toBe(true);
    expect(row.self_check).toMatchObject({ outcome: 'get_help_now' });

    const thanks = await t.app.inject({ method: 'GET', url: '/inquiry/thanks?urgent=1' });
    const main = thanks.body.split('<main')[1] ?? '';
    expect(main.indexOf('tel:988')).toBeLessThan(main.indexOf('we received your message'));
  });

  it('refuses a tampered self-check field, naming it', async () => {
    const before = await inquiryCount();
    const tampered = Buffer.from(JSON.stringify({ suicidalThoughts: 'maybe' })).toString('base64url');
    const response = await postForm('/inquiry', { ...FORM, selfCheck: tampered, formKey: crypto.randomUUID() });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('id="selfCheck-error"');
    expect(await inquiryCount()).toBe(before);
  });

  it('says when the admissions team will call, from the organization setting', async () => {
    await t.db.updateTable('organizations').set({ inquiry_response_target_minutes: 30 }).where('id', '=', org.organizationId).execute();
    const thanks = await t.app.inject({ method: 'GET', url: '/inquiry/thanks' });
    expect(thanks.body).toContain('within 30 minutes during business hours');
  });
});

describe('rate limit', () => {
  it('answers 429 with Retry-After once an IP has sent too many (API and form)', async () => {
    const limited = await testApp({ env: { OPENIOP_INQUIRY_RATE_LIMIT: '2' } });
    limited.deps.config.publicOrganizationId = org.organizationId;
    try {
      expect((await postJson(VALID, {}, limited)).statusCode).toBe(201);
      expect((await postJson(VALID, {}, limited)).statusCode).toBe(201);
      const refused = await postJson(VALID, {}, limited);
      expect(refused.statusCode).toBe(429);
      expect(refused.headers['retry-after']).toBeDefined();
      expect(refused.json().error.code).toBe('TOO_MANY_ATTEMPTS');

      for (let i = 0; i < 2; i++)
        expect((await postForm('/inquiry', { ...FORM, formKey: crypto.randomUUID() }, {}, limited)).statusCode).toBe(303);
      const form = await postForm('/inquiry', { ...FORM, formKey: crypto.randomUUID() }, {}, limited);
      expect(form.statusCode).toBe(429);
      expect(form.headers['retry-after']).toBeDefined();
      expect(form.headers['content-type']).toContain('text/html');
    } finally {
      await limited.close();
    }
  });
});

import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestOrg, freshDatabase, sessionFor, testApp, type TestApp, type TestOrg } from '../../../test/support.js';
import { hashPassword } from '../modules/auth/password-hash.js';
import { insertUser, replaceRoles } from '../modules/users/users.repository.js';
import { smtpTransport } from './email-transport.js';
import { escalateDueAlerts } from '../modules/safety/escalation.service.js';
import { dispatchDue } from './outbox.js';

// The outbox sending real SMTP to a real (in-process) SMTP server: the producers' messages are
// composed at send time, go only to active admissions staff, carry no inquiry details, and a
// refusing server leaves the message for a later retry. A database of its own, so the dispatcher
// sees only this file's messages.

const BASE_URL = 'https://iop.clinic.example';
const CONTACT = { name: 'Robin Quillfeather', phone: '(503) 555-0177', email: 'robin.quillfeather@private.example' };

type Received = { from: string; to: string[]; raw: string; subject: string; text: string };

/** An SMTP server on a free port that keeps what it receives, or refuses every recipient. */
async function startSmtpServer(options: { rejectRecipients?: boolean } = {}) {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    // No STARTTLS: nodemailer would upgrade and then refuse the test certificate.
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      callback(options.rejectRecipients ? Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }) : null);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          raw,
          ...readMessage(raw),
        });
        callback(null);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { received, url: `smtp://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Just enough MIME reading for the plain-text messages nodemailer builds here. */
function readMessage(raw: string): { subject: string; text: string } {
  const split = raw.indexOf('\r\n\r\n');
  const headers = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const body = raw.slice(split + 4);
  const header = (name: string) => new RegExp(`^${name}: (.*)$`, 'im').exec(headers)?.[1] ?? '';
  const subject = header('Subject').replace(/=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi, (_all, encoding: string, word: string) =>
    encoding.toLowerCase() === 'b' ? Buffer.from(word, 'base64').toString('utf8') : decodeQuotedPrintable(word.replaceAll('_', ' ')),
  );
  const encoding = header('Content-Transfer-Encoding').toLowerCase();
  const text =
    encoding === 'quoted-printable'
      ? decodeQuotedPrintable(body)
      : encoding === 'base64'
        ? Buffer.from(body, 'base64').toString('utf8')
        : body;
  return { subject: subject.trim(), text: text.replace(/\r\n/g, '\n') };
}

function decodeQuotedPrintable(value: string): string {
  const bytes = value
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/gi, (_all, hex: string) => `%${hex}`)
    .replace(/%(?![0-9A-F]{2})/gi, '%25');
  return decodeURIComponent(bytes);
}

const fresh = await freshDatabase();
let t: TestApp;
let org: TestOrg;
let secondAdmissions: { id: string; email: string };

beforeAll(async () => {
  t = await testApp({ databaseUrl: fresh.url, env: { OPENIOP_INQUIRY_RATE_LIMIT: '1000' } });
  org = await createTestOrg(t.deps);
  t.deps.config.publicOrganizationId = org.organizationId;
  const email = `second-admissions-${org.organizationId.slice(0, 8)}@test.openiop.org`;
  const passwordHash = await hashPassword('another synthetic passphrase', t.deps.config.passwordCost);
  const id = await insertUser(t.db, {
    organizationId: org.organizationId,
    email,
    displayName: 'Second Admissions',
    status: 'active',
    passwordHash,
    now: new Date(),
  });
  await replaceRoles(t.db, org.organizationId, id, ['admissions']);
  secondAdmissions = { id, email };
});
afterAll(async () => {
  await t.close();
  await fresh.drop();
});

const silent = pino({ level: 'silent' });

/** Dispatches everything due, a minute past the test clock (rows are stamped with the database's now()). */
async function dispatchWith(url: string): Promise<Date> {
  t.clock.advance(60_000);
  const now = t.clock.now();
  await dispatchDue(t.db, smtpTransport(t.db, { url, from: 'OpenIOP <no-reply@clinic.example>', baseUrl: BASE_URL }, silent), now);
  return now;
}

async function outboxRow(kind: string, payloadField: string, value: string) {
  const rows = await t.db.selectFrom('outbox').selectAll().where('kind', '=', kind).execute();
  const row = rows.find((r) => (r.payload as Record<string, unknown>)[payloadField] === value);
  if (!row) throw new Error(`no ${kind} outbox message`);
  return row;
}

async function inviteColleague(): Promise<{ email: string; inviteUrl: string }> {
  const admin = await sessionFor(t, org.users.admin, org.organizationId);
  const email = `new.colleague.${Math.random().toString(36).slice(2, 8)}@test.openiop.org`;
  const response = await call(t, admin, 'POST', '/api/v1/admin/users', {
    email,
    displayName: 'New Colleague',
    roles: ['clinician'],
    siteIds: [org.siteIds[0]],
  });
  expect(response.statusCode).toBe(201);
  return { email, inviteUrl: String(response.json().inviteUrl) };
}

async function submitUrgentInquiry(): Promise<string> {
  const response = await call(t, null, 'POST', '/api/v1/public/inquiries', {
    forWhom: 'self',
    contactName: CONTACT.name,
    phone: CONTACT.phone,
    email: CONTACT.email,
    state: 'or',
    ageRange: '26_64',
    concerns: 'Thoughts of ending my life since last week',
    formatPreference: 'online',
    consentToContact: true,
    selfCheck: {
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
    },
  });
  expect(response.statusCode).toBe(201);
  expect(response.json().urgent).toBe(true);
  return String(response.json().id);
}

describe('the SMTP transport of the outbox', () => {
  it('sends the invite and the urgent inquiry notice, to active admissions staff only, without inquiry details', async () => {
    const smtp = await startSmtpServer();
    try {
      const invite = await inviteColleague();
      const inquiryId = await submitUrgentInquiry();
      // Deactivated after the inquiry arrived, before the notice goes out: recipients are read at send time.
      await t.db.updateTable('users').set({ status: 'deactivated' }).where('id', '=', secondAdmissions.id).execute();

      const now = await dispatchWith(smtp.url);

      expect(smtp.received).toHaveLength(2);
      const inviteMail = smtp.received.find((mail) => mail.subject === 'You are invited to OpenIOP');
      expect(inviteMail).toMatchObject({ from: 'no-reply@clinic.example', to: [invite.email] });
      expect(inviteMail?.text).toContain(`${BASE_URL}${invite.inviteUrl}`);
      expect(inviteMail?.text).toContain('72 hours');

      const urgentMail = smtp.received.find((mail) => mail.subject === 'URGENT inquiry — same-day call-back');
      expect(urgentMail?.to).toEqual([org.users.admissions.email]);
      expect(urgentMail?.to).not.toContain(secondAdmissions.email);
      expect(urgentMail?.text).toContain(`${BASE_URL}/app/admissions/${inquiryId}`);
      expect(urgentMail?.text).toMatch(/back today/);
      // The phone in the forms it could take (a bare '555' can occur in a random Message-ID).
      for (const secret of ['Robin', 'Quillfeather', '555-0177', '5550177', 'private.example', 'ending my life']) {
        expect(urgentMail?.raw).not.toContain(secret);
        expect(urgentMail?.text).not.toContain(secret);
        expect(urgentMail?.subject).not.toContain(secret);
      }

      for (const row of [
        await outboxRow('email.invite', 'to', invite.email),
        await outboxRow('email.inquiry_urgent', 'inquiryId', inquiryId),
      ]) {
        expect(row).toMatchObject({ attempts: 1, last_error: null });
        expect(row.delivered_at).toEqual(now);
      }
    } finally {
      await smtp.close();
    }
  });

  it('sends an escalated safety alert to the active directors, with no patient or inquiry details', async () => {
    const smtp = await startSmtpServer();
    try {
      const inquiryId = await submitUrgentInquiry();
      const alert = await t.db
        .selectFrom('safety_alerts')
        .select(['id', 'escalate_at'])
        .where('inquiry_id', '=', inquiryId)
        .executeTakeFirstOrThrow();
      t.clock.advance(Math.max(0, alert.escalate_at.getTime() + 1000 - t.clock.now().getTime()));
      expect(await escalateDueAlerts(t.deps, t.clock.now())).toBeGreaterThanOrEqual(1);

      await dispatchWith(smtp.url);

      const mail = smtp.received.find((received) => received.subject === 'ESCALATED: a suicide-risk safety alert is not acknowledged');
      expect(mail?.to).toEqual([org.users.director.email]);
      expect(mail?.text).toContain(`${BASE_URL}/app/alerts`);
      for (const secret of ['Robin', 'Quillfeather', '555-0177', '5550177', 'private.example', inquiryId, alert.id])
        expect(mail?.raw).not.toContain(secret);
      expect(await outboxRow('email.safety_alert_escalated', 'alertId', alert.id)).toMatchObject({ attempts: 1, last_error: null });
    } finally {
      await smtp.close();
    }
  });

  it('keeps a message the server refuses, counting the attempt and retrying later', async () => {
    const smtp = await startSmtpServer({ rejectRecipients: true });
    try {
      const invite = await inviteColleague();
      const now = await dispatchWith(smtp.url);

      expect(smtp.received).toEqual([]);
      const row = await outboxRow('email.invite', 'to', invite.email);
      expect(row).toMatchObject({ attempts: 1, delivered_at: null });
      expect(row.last_error).toMatch(/550/);
      expect(row.last_error).not.toContain(invite.email.split('@')[0]);
      expect(row.next_attempt_at.getTime()).toBeGreaterThan(now.getTime());
    } finally {
      await smtp.close();
    }
  });

  it('marks an inquiry notice delivered without sending when no admissions user is active', async () => {
    const smtp = await startSmtpServer();
    try {
      const lonely = await createTestOrg(t.deps);
      await t.db.updateTable('users').set({ status: 'deactivated' }).where('id', '=', lonely.users.admissions.id).execute();
      t.deps.config.publicOrganizationId = lonely.organizationId;
      const inquiryId = await submitUrgentInquiry().finally(() => {
        t.deps.config.publicOrganizationId = org.organizationId;
      });

      const now = await dispatchWith(smtp.url);

      // (A retry of another test's refused invite may be due by now; no inquiry notice may be.)
      expect(smtp.received.filter((mail) => /inquiry/i.test(mail.subject))).toEqual([]);
      const row = await outboxRow('email.inquiry_urgent', 'inquiryId', inquiryId);
      expect(row).toMatchObject({ attempts: 1, last_error: null });
      expect(row.delivered_at).toEqual(now);
    } finally {
      await smtp.close();
    }
  });
});

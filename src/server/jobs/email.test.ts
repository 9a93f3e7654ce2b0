import { describe, expect, it } from 'vitest';
import { composeEmail, type Composed, type EmailContext } from './email.js';

const inquiryId = '6f1c2b8e-3d4a-4e5f-9a0b-1c2d3e4f5a6b';
const admissions = ['ana@clinic.example', 'ben@clinic.example'];
const context = (overrides: Partial<EmailContext> = {}): EmailContext => ({
  baseUrl: 'https://iop.clinic.example',
  admissionsAddresses: admissions,
  ...overrides,
});

function sent(composed: Composed) {
  if (!composed.send) throw new Error(`expected an email, got nothing to send (${composed.reason})`);
  return composed.email;
}

describe('composeEmail: what is sent to whom', () => {
  it.each([
    [
      'email.invite',
      { userId: 'u1', to: 'new.staff@clinic.example', inviteUrl: '/app/invite/tok' },
      ['new.staff@clinic.example'],
      'You are invited to OpenIOP',
    ],
    ['email.inquiry_new', { inquiryId, urgent: false, to: 'admissions_team' }, admissions, 'New inquiry'],
    ['email.inquiry_urgent', { inquiryId, urgent: true, to: 'admissions_team' }, admissions, 'URGENT inquiry — same-day call-back'],
  ])('%s goes to the right people with its subject', (kind, payload, to, subject) => {
    expect(sent(composeEmail(kind, payload, context()))).toMatchObject({ to, subject });
  });

  it.each([
    ['an unknown kind', 'sms.reminder', { inquiryId }, context(), 'UNKNOWN_KIND'],
    [
      'an inquiry without active admissions users',
      'email.inquiry_new',
      { inquiryId },
      context({ admissionsAddresses: [] }),
      'NO_RECIPIENTS',
    ],
    [
      'an urgent inquiry without active admissions users',
      'email.inquiry_urgent',
      { inquiryId },
      context({ admissionsAddresses: [] }),
      'NO_RECIPIENTS',
    ],
    ['an invite without an address', 'email.invite', { inviteUrl: '/app/invite/tok' }, context(), 'INVALID_PAYLOAD'],
    [
      'an invite to something that is not an address',
      'email.invite',
      { to: 'nobody', inviteUrl: '/app/invite/tok' },
      context(),
      'INVALID_PAYLOAD',
    ],
    [
      'an invite with an absolute link',
      'email.invite',
      { to: 'a@b.example', inviteUrl: 'https://evil.example/x' },
      context(),
      'INVALID_PAYLOAD',
    ],
    ['an inquiry without an id', 'email.inquiry_new', { urgent: false }, context(), 'INVALID_PAYLOAD'],
    ['an inquiry id that is not a uuid', 'email.inquiry_urgent', { inquiryId: '1; drop' }, context(), 'INVALID_PAYLOAD'],
    ['a payload that is not an object', 'email.invite', null, context(), 'INVALID_PAYLOAD'],
  ])('has nothing to send for %s', (_case, kind, payload, ctx, reason) => {
    expect(composeEmail(kind, payload, ctx)).toEqual({ send: false, reason });
  });

  it('sends one inquiry email per address, even when an address is listed twice', () => {
    const email = sent(
      composeEmail('email.inquiry_new', { inquiryId }, context({ admissionsAddresses: ['a@x.example', 'A@x.example', 'b@x.example'] })),
    );
    expect(email.to).toEqual(['a@x.example', 'b@x.example']);
  });
});

describe('composeEmail: links', () => {
  it.each([
    ['https://iop.clinic.example', 'https://iop.clinic.example/app/invite/tok'],
    ['https://iop.clinic.example/', 'https://iop.clinic.example/app/invite/tok'],
    ['https://clinic.example/openiop', 'https://clinic.example/openiop/app/invite/tok'],
    ['http://localhost:3000', 'http://localhost:3000/app/invite/tok'],
  ])('an invite under %s links to %s and states its 72-hour validity', (baseUrl, link) => {
    const email = sent(composeEmail('email.invite', { to: 'n@clinic.example', inviteUrl: '/app/invite/tok' }, context({ baseUrl })));
    expect(email.text).toContain(`\n${link}\n`);
    expect(email.text).toContain('72 hours');
  });

  it.each(['email.inquiry_new', 'email.inquiry_urgent'])('%s links to the inquiry in the admissions app', (kind) => {
    const email = sent(composeEmail(kind, { inquiryId }, context({ baseUrl: 'https://iop.clinic.example/' })));
    expect(email.text).toContain(`\nhttps://iop.clinic.example/app/admissions/${inquiryId}\n`);
  });
});

describe('composeEmail: inquiry notifications carry no patient data', () => {
  // The producer's payload holds only the id today; extra fields must never reach the email.
  const leaky = {
    inquiryId,
    urgent: true,
    contactName: 'Casey Leakname',
    phone: '+1 503 555 0199',
    email: 'casey@private.example',
    concerns: 'thoughts of suicide',
  };

  it.each(['email.inquiry_new', 'email.inquiry_urgent'])('%s says only that an inquiry arrived and where to read it', (kind) => {
    const email = sent(composeEmail(kind, leaky, context()));
    for (const secret of ['Casey', 'Leakname', '555', 'casey@private.example', 'suicide']) {
      expect(email.subject).not.toContain(secret);
      expect(email.text).not.toContain(secret);
    }
    expect(email.to).not.toContain('casey@private.example');
  });

  it('asks for a call back today only when the inquiry is urgent', () => {
    expect(sent(composeEmail('email.inquiry_urgent', { inquiryId }, context())).text).toMatch(/call .* back today/i);
    expect(sent(composeEmail('email.inquiry_new', { inquiryId }, context())).text).not.toMatch(/today|urgent/i);
  });
});

describe('composeEmail: escalated safety alerts', () => {
  const alertId = '0b7e1c2d-4a5f-4e6a-8b9c-0d1e2f3a4b5c';
  const directors = ['dana.director@clinic.example'];

  it('goes to the active directors with a link to the alert queue and no patient data', () => {
    const email = sent(
      composeEmail(
        'email.safety_alert_escalated',
        { alertId, to: 'directors', patientName: 'Planted Name' },
        context({ directorAddresses: directors }),
      ),
    );
    expect(email.to).toEqual(directors);
    expect(email.subject).toBe('ESCALATED: a suicide-risk safety alert is not acknowledged');
    expect(email.text).toContain('https://iop.clinic.example/app/alerts');
    expect(email.text).not.toContain('Planted Name');
    expect(email.text).not.toContain(alertId);
  });

  it.each([
    ['no active director', { alertId }, context({ directorAddresses: [] }), 'NO_RECIPIENTS'],
    ['no directors looked up', { alertId }, context(), 'NO_RECIPIENTS'],
    ['an alert id that is not a uuid', { alertId: 'x' }, context({ directorAddresses: directors }), 'INVALID_PAYLOAD'],
  ])('has nothing to send for %s', (_case, payload, ctx, reason) => {
    expect(composeEmail('email.safety_alert_escalated', payload, ctx)).toEqual({ send: false, reason });
  });
});

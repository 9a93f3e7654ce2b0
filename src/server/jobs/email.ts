import { z } from 'zod';
import { assertNever } from '../../domain/errors.js';
import { INVITE_HOURS } from '../modules/users/users.service.js';

// What each outbox email says, as a pure function of the message and what was looked up at send
// time. Email is not a secure channel: an inquiry notification says only that an inquiry arrived,
// whether it is urgent, and where to read it in the app. Never a name, contact detail or answer
// (minimum necessary; docs/decisions/0019-email-transport.md).

export const EMAIL_KINDS = ['email.invite', 'email.inquiry_new', 'email.inquiry_urgent', 'email.safety_alert_escalated'] as const;
export type EmailKind = (typeof EMAIL_KINDS)[number];

export type Email = { to: string[]; subject: string; text: string };

export type Composed = { send: true; email: Email } | { send: false; reason: 'UNKNOWN_KIND' | 'INVALID_PAYLOAD' | 'NO_RECIPIENTS' };

/** What an outbox message asks for, read from its stored payload. */
export type EmailRequest =
  | { kind: 'email.invite'; to: string; inviteUrl: string }
  | { kind: 'email.inquiry_new' | 'email.inquiry_urgent'; inquiryId: string }
  | { kind: 'email.safety_alert_escalated'; alertId: string };

export type EmailContext = {
  /** Base of absolute links, without a trailing slash: OPENIOP_PUBLIC_URL or http://localhost:PORT. */
  baseUrl: string;
  /** Addresses of the organization's active admissions users, resolved when the message is sent. */
  admissionsAddresses: readonly string[];
  /** Addresses of the organization's active directors (escalated safety alerts), resolved when sent. */
  directorAddresses?: readonly string[];
};

const InvitePayload = z.object({ to: z.email(), inviteUrl: z.string().startsWith('/') });
const InquiryPayload = z.object({ inquiryId: z.uuid() });
const AlertPayload = z.object({ alertId: z.uuid() });

function isEmailKind(kind: string): kind is EmailKind {
  return (EMAIL_KINDS as readonly string[]).includes(kind);
}

/** The request an outbox message carries; `undefined` for other kinds, `null` for a payload that does not fit its kind. */
export function readEmailRequest(kind: string, payload: unknown): EmailRequest | null | undefined {
  if (!isEmailKind(kind)) return undefined;
  switch (kind) {
    case 'email.invite': {
      const parsed = InvitePayload.safeParse(payload);
      return parsed.success ? { kind, to: parsed.data.to, inviteUrl: parsed.data.inviteUrl } : null;
    }
    case 'email.inquiry_new':
    case 'email.inquiry_urgent': {
      const parsed = InquiryPayload.safeParse(payload);
      return parsed.success ? { kind, inquiryId: parsed.data.inquiryId } : null;
    }
    case 'email.safety_alert_escalated': {
      const parsed = AlertPayload.safeParse(payload);
      return parsed.success ? { kind, alertId: parsed.data.alertId } : null;
    }
    default:
      return assertNever(kind);
  }
}

export function composeEmail(kind: string, payload: unknown, context: EmailContext): Composed {
  const request = readEmailRequest(kind, payload);
  if (request === undefined) return { send: false, reason: 'UNKNOWN_KIND' };
  if (request === null) return { send: false, reason: 'INVALID_PAYLOAD' };
  const base = context.baseUrl.replace(/\/+$/, '');
  switch (request.kind) {
    case 'email.invite':
      return { send: true, email: inviteEmail(request.to, `${base}${request.inviteUrl}`) };
    case 'email.inquiry_new':
    case 'email.inquiry_urgent': {
      const to = unique(context.admissionsAddresses);
      if (to.length === 0) return { send: false, reason: 'NO_RECIPIENTS' };
      const link = `${base}/app/admissions/${request.inquiryId}`;
      return { send: true, email: inquiryEmail(to, link, request.kind === 'email.inquiry_urgent') };
    }
    case 'email.safety_alert_escalated': {
      const to = unique(context.directorAddresses ?? []);
      if (to.length === 0) return { send: false, reason: 'NO_RECIPIENTS' };
      return { send: true, email: escalationEmail(to, `${base}/app/alerts`) };
    }
    default:
      return assertNever(request);
  }
}

function inviteEmail(to: string, link: string): Email {
  return {
    to: [to],
    subject: 'You are invited to OpenIOP',
    text: [
      'You have been invited to OpenIOP.',
      '',
      'Open this link to set your password and sign in:',
      link,
      '',
      `The link is valid for ${INVITE_HOURS} hours. If you did not expect this invitation, you can ignore this email.`,
      '',
    ].join('\n'),
  };
}

function inquiryEmail(to: string[], link: string, urgent: boolean): Email {
  const lines = urgent
    ? ['An URGENT inquiry has arrived.', 'Call the person back today (same-day call-back).', '', 'Open it in OpenIOP:', link]
    : ['A new inquiry has arrived.', '', 'Open it in OpenIOP:', link];
  return {
    to,
    subject: urgent ? 'URGENT inquiry — same-day call-back' : 'New inquiry',
    text: [...lines, '', 'For privacy, this email contains no details of the inquiry; sign in to read them.', ''].join('\n'),
  };
}

function escalationEmail(to: string[], link: string): Email {
  return {
    to,
    subject: 'ESCALATED: a suicide-risk safety alert is not acknowledged',
    text: [
      'A suicide-risk safety alert has waited past its acknowledgement time and is escalated to you as a director.',
      'Make sure a clinician acts on it now.',
      '',
      'Open the alert queue in OpenIOP:',
      link,
      '',
      'For privacy, this email contains no details of the patient or the alert; sign in to read them.',
      '',
    ].join('\n'),
  };
}

function unique(addresses: readonly string[]): string[] {
  const seen = new Set<string>();
  const result: string[] = [];
  for (const address of addresses) {
    const key = address.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    result.push(address);
  }
  return result;
}

import type { FastifyBaseLogger as Logger } from 'fastify';
import type { Kysely } from 'kysely';
import { createTransport } from 'nodemailer';
import type { Database } from '../db/schema.js';
import { composeEmail, readEmailRequest } from './email.js';
import { alertEscalationAddresses, inquiryNotificationAddresses } from './email.repository.js';
import type { Transport } from './outbox.js';

export type SmtpSettings = {
  /** smtp://user:pass@host:587 or smtps://user:pass@host:465 */
  url: string;
  /** The From header, e.g. `OpenIOP <no-reply@clinic.example>`. */
  from: string;
  /** Base of absolute links in emails: OPENIOP_PUBLIC_URL or http://localhost:PORT. */
  baseUrl: string;
};

/**
 * Sends outbox emails over SMTP with nodemailer. A message with nothing to send (another kind, no
 * recipients) counts as delivered; a send failure throws, so dispatchDue backs off and retries.
 * Logs carry the outbox id and kind only, never addresses or content.
 */
export function smtpTransport(db: Kysely<Database>, settings: SmtpSettings, log: Logger): Transport {
  // dispatchDue holds its batch's row locks while sending, so a silent server must fail in seconds,
  // not nodemailer's default minutes. Query parameters in the URL still override these.
  const mailer = createTransport({ url: settings.url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 });
  return async (message) => {
    const request = readEmailRequest(message.kind, message.payload);
    const admissionsAddresses =
      request?.kind === 'email.inquiry_new' || request?.kind === 'email.inquiry_urgent'
        ? await inquiryNotificationAddresses(db, request.inquiryId)
        : [];
    const directorAddresses = request?.kind === 'email.safety_alert_escalated' ? await alertEscalationAddresses(db, request.alertId) : [];
    const composed = composeEmail(message.kind, message.payload, { baseUrl: settings.baseUrl, admissionsAddresses, directorAddresses });
    if (!composed.send) {
      const level = composed.reason === 'INVALID_PAYLOAD' ? 'warn' : 'debug';
      log[level]({ outboxId: message.id, kind: message.kind, reason: composed.reason }, 'outbox message has nothing to send');
      return;
    }
    const { email } = composed;
    await mailer.sendMail({ from: settings.from, to: email.to, subject: email.subject, text: email.text });
    log.info({ outboxId: message.id, kind: message.kind, recipients: email.to.length }, 'outbox email sent');
  };
}

import path from 'node:path';
import { z } from 'zod';

const flag = z.enum(['0', '1', 'true', 'false']).transform((value) => value === '1' || value === 'true');

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('localhost'),
  DATABASE_URL: z.string().url().optional(),
  OPENIOP_DATA_DIR: z.string().default('data'),
  OPENIOP_DEMO: flag.default(true),
  OPENIOP_PUBLIC_URL: z.string().url().optional(),
  OPENIOP_AUDIT_KEY: z.string().min(32).optional(),
  OPENIOP_COOKIE_SECURE: flag.default(true),
  OPENIOP_TRUST_PROXY: flag.default(false),
  OPENIOP_SESSION_IDLE_SECONDS: z.coerce
    .number()
    .int()
    .min(5)
    .default(15 * 60),
  OPENIOP_SESSION_ABSOLUTE_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .default(12 * 60 * 60),
  OPENIOP_PASSWORD_COST: z.coerce.number().int().min(10).max(20).default(17),
  /** Public instrument scorings accepted per client IP per minute (decision 0020). */
  OPENIOP_SCORE_RATE_LIMIT: z.coerce.number().int().min(1).max(100_000).default(60),
  /** Instruments disabled by default to switch on, comma-separated codes (e.g. `dast-10`, only where its licence allows). */
  OPENIOP_INSTRUMENTS_ENABLED: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((code) => code.trim())
        .filter((code) => code !== ''),
    ),
  OPENIOP_PUBLIC_ORGANIZATION_ID: z.uuid().optional(),
  /** Inquiries accepted per client IP per 10 minutes, on each public inquiry route. */
  OPENIOP_INQUIRY_RATE_LIMIT: z.coerce.number().int().min(1).max(100_000).default(10),
  /** smtp://user:pass@host:587 (or smtps://); unset: outbox emails are only logged (development). */
  OPENIOP_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^\s]+$/, 'must be an smtp:// or smtps:// URL')
    .optional(),
  OPENIOP_MAIL_FROM: z.string().min(3).default('OpenIOP <no-reply@localhost>'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  demo: boolean;
  publicUrl: string | undefined;
  auditKey: string | undefined;
  cookieSecure: boolean;
  trustProxy: boolean;
  sessionIdleSeconds: number;
  sessionAbsoluteSeconds: number;
  /** log2 of the scrypt cost parameter N; 17 is OWASP's recommendation. */
  passwordCost: number;
  scoreRateLimit: number;
  /** Codes of instruments disabled by default that this installation enables (decision 0020). */
  instrumentsEnabled: string[];
  logLevel: string;
  /** The organization the public site shows (decision 0016); unset: the demo organization, else the oldest. */
  publicOrganizationId: string | undefined;
  inquiryRateLimit: number;
  /** SMTP server for outbox emails; unset: the log transport (decision 0019). */
  smtpUrl: string | undefined;
  mailFrom: string;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.OPENIOP_DATA_DIR),
    demo: e.OPENIOP_DEMO,
    publicUrl: e.OPENIOP_PUBLIC_URL,
    auditKey: e.OPENIOP_AUDIT_KEY,
    cookieSecure: e.OPENIOP_COOKIE_SECURE,
    trustProxy: e.OPENIOP_TRUST_PROXY,
    sessionIdleSeconds: e.OPENIOP_SESSION_IDLE_SECONDS,
    sessionAbsoluteSeconds: e.OPENIOP_SESSION_ABSOLUTE_SECONDS,
    passwordCost: e.OPENIOP_PASSWORD_COST,
    scoreRateLimit: e.OPENIOP_SCORE_RATE_LIMIT,
    instrumentsEnabled: e.OPENIOP_INSTRUMENTS_ENABLED,
    logLevel: e.LOG_LEVEL,
    publicOrganizationId: e.OPENIOP_PUBLIC_ORGANIZATION_ID,
    inquiryRateLimit: e.OPENIOP_INQUIRY_RATE_LIMIT,
    smtpUrl: e.OPENIOP_SMTP_URL,
    mailFrom: e.OPENIOP_MAIL_FROM,
  };
}

import type { FastifyBaseLogger as Logger } from 'fastify';
import type { Role } from '../domain/access/roles.js';
import type { AuditWriter } from './audit/audit.writer.js';
import type { Config } from './config.js';
import type { Db } from './db/database.js';

/** What every service gets: built once in buildApp, passed explicitly, never a global. */
export type AppDeps = {
  db: Db;
  config: Config;
  clock: () => Date;
  audit: AuditWriter;
  auditKey: Buffer;
  sealKey: Buffer;
  commonPasswords: ReadonlySet<string>;
  log: Logger;
};

export type SessionStage = 'active' | 'mfa_required' | 'mfa_enrolment_required';

export type Actor = {
  sessionId: string;
  userId: string;
  organizationId: string;
  organizationName: string;
  isDemoOrganization: boolean;
  email: string;
  displayName: string;
  roles: Role[];
  siteIds: string[];
  mfaEnrolled: boolean;
  stage: SessionStage;
  csrfToken: string;
  lastSeenAt: Date;
  absoluteExpiresAt: Date;
};

/** Per-request facts a service needs for audit and time: no Fastify types past the route. */
export type RequestCtx = {
  requestId: string;
  ip: string;
  now: Date;
};

export type ActorCtx = RequestCtx & { actor: Actor };

import { randomBytes } from 'node:crypto';
import QRCode from 'qrcode';
import { ACCOUNT_RULE, IP_RULE, afterFailure, retryAfterSeconds } from '../../../domain/access/login-throttle.js';
import { requiresMfa, type Role } from '../../../domain/access/roles.js';
import { idleExpiresAt, sessionValidity } from '../../../domain/access/session-timing.js';
import { DomainError } from '../../../domain/errors.js';
import type { Actor, ActorCtx, AppDeps, RequestCtx, SessionStage } from '../../context.js';
import type { Db } from '../../db/database.js';
import { newToken, safeEqual, seal, sha256, unseal } from '../../lib/secrets.js';
import { findUser, findUserByEmail, updateUser, type UserRecord } from '../users/users.repository.js';
import * as repo from './auth.repository.js';
import { hashPassword, verifyPassword } from './password-hash.js';
import { matchTotp, newTotpSecret, totpUri } from './totp.js';

export type SessionDto = {
  user: { id: string; email: string; displayName: string; roles: Role[]; siteIds: string[]; mfaEnrolled: boolean };
  organization: { id: string; name: string; isDemo: boolean };
  csrfToken: string;
  stage: SessionStage;
  idleTimeoutSeconds: number;
  idleExpiresAt: string;
  absoluteExpiresAt: string;
};

export type SignedIn = { token: string; session: SessionDto };

// Same words for an unknown email and a wrong password, so the form does not reveal who has an account.
const BAD_CREDENTIALS = 'Email or password is incorrect';
// A hash of a random password: verifying against it costs as much as a real check (no timing oracle).
let dummyHash: Promise<string> | undefined;

export function toSessionDto(actor: Actor, deps: AppDeps): SessionDto {
  const limits = { idleSeconds: deps.config.sessionIdleSeconds };
  return {
    user: {
      id: actor.userId,
      email: actor.email,
      displayName: actor.displayName,
      roles: actor.roles,
      siteIds: actor.siteIds,
      mfaEnrolled: actor.mfaEnrolled,
    },
    organization: { id: actor.organizationId, name: actor.organizationName, isDemo: actor.isDemoOrganization },
    csrfToken: actor.csrfToken,
    stage: actor.stage,
    idleTimeoutSeconds: deps.config.sessionIdleSeconds,
    idleExpiresAt: idleExpiresAt(actor, limits).toISOString(),
    absoluteExpiresAt: actor.absoluteExpiresAt.toISOString(),
  };
}

export async function login(deps: AppDeps, ctx: RequestCtx, input: { email: string; password: string }): Promise<SignedIn> {
  const email = input.email.trim().toLowerCase();
  const ipKey = `ip:${ctx.ip}`;
  const accountKey = `account:${email}`;
  const [ipState, accountState] = await Promise.all([repo.getThrottle(deps.db, ipKey), repo.getThrottle(deps.db, accountKey)]);
  const wait = Math.max(retryAfterSeconds(ipState, ctx.now), retryAfterSeconds(accountState, ctx.now));
  if (wait > 0) {
    await deps.db.transaction().execute((trx) =>
      deps.audit(trx, {
        organizationId: null,
        userId: null,
        action: 'auth.login_throttled',
        outcome: 'denied',
        clientIp: ctx.ip,
        requestId: ctx.requestId,
      }),
    );
    throw new DomainError('TOO_MANY_ATTEMPTS', `Too many sign-in attempts. Try again in ${wait} seconds.`, { retryAfterSeconds: wait });
  }

  const user = await findUserByEmail(deps.db, email);
  const passwordOk = user?.passwordHash
    ? await verifyPassword(input.password, user.passwordHash)
    : (await verifyPassword(input.password, await dummyPasswordHash(deps)), false);
  if (!user || user.status !== 'active' || !passwordOk) {
    await deps.db.transaction().execute(async (trx) => {
      await repo.putThrottle(trx, ipKey, afterFailure(ipState, IP_RULE, ctx.now));
      await repo.putThrottle(trx, accountKey, afterFailure(accountState, ACCOUNT_RULE, ctx.now));
      await deps.audit(trx, {
        organizationId: user?.organizationId ?? null,
        userId: user?.id ?? null,
        action: 'auth.login_failed',
        outcome: 'failure',
        clientIp: ctx.ip,
        requestId: ctx.requestId,
        details: { reason: !user ? 'unknown_email' : user.status !== 'active' ? `user_${user.status}` : 'wrong_password' },
      });
    });
    throw new DomainError('INVALID_CREDENTIALS', BAD_CREDENTIALS);
  }

  return deps.db.transaction().execute(async (trx) => {
    const org = await repo.findOrganization(trx, user.organizationId);
    const stage: SessionStage = user.totpEnabledAt
      ? 'mfa_required'
      : requiresMfa(user.roles, org.isDemo)
        ? 'mfa_enrolment_required'
        : 'active';
    await repo.clearThrottle(trx, accountKey);
    if (stage === 'active') await updateUser(trx, user.organizationId, user.id, { lastLoginAt: ctx.now }, ctx.now);
    await deps.audit(trx, {
      organizationId: user.organizationId,
      userId: user.id,
      action: 'auth.login',
      outcome: 'success',
      clientIp: ctx.ip,
      requestId: ctx.requestId,
      details: { stage },
    });
    return startSession(trx, deps, ctx, user, org, stage);
  });
}

function dummyPasswordHash(deps: AppDeps): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'), deps.config.passwordCost);
  return dummyHash;
}

/** A fresh session id at every change of privilege (login, second factor, enrolment): no fixation. */
export async function startSession(
  db: Db,
  deps: AppDeps,
  ctx: RequestCtx,
  user: UserRecord,
  org: { id: string; name: string; isDemo: boolean },
  stage: SessionStage,
): Promise<SignedIn> {
  const token = newToken();
  const absoluteExpiresAt = new Date(ctx.now.getTime() + deps.config.sessionAbsoluteSeconds * 1000);
  const csrfToken = newToken();
  const id = sha256(token);
  await repo.insertSession(db, {
    id,
    userId: user.id,
    organizationId: user.organizationId,
    stage,
    csrfToken,
    now: ctx.now,
    absoluteExpiresAt,
    clientIp: ctx.ip,
  });
  const actor: Actor = {
    sessionId: id,
    userId: user.id,
    organizationId: org.id,
    organizationName: org.name,
    isDemoOrganization: org.isDemo,
    email: user.email,
    displayName: user.displayName,
    roles: user.roles,
    siteIds: user.siteIds,
    mfaEnrolled: user.totpEnabledAt !== null,
    stage,
    csrfToken,
    lastSeenAt: ctx.now,
    absoluteExpiresAt,
  };
  return { token, session: toSessionDto(actor, deps) };
}

export type ResolvedSession = { kind: 'none' } | { kind: 'expired' } | { kind: 'actor'; actor: Actor };

/** Looks up the cookie's session; ends it (and audits) when the idle or absolute limit has passed. */
export async function resolveSession(deps: AppDeps, ctx: RequestCtx, token: string | undefined): Promise<ResolvedSession> {
  if (!token) return { kind: 'none' };
  const found = await repo.findOpenSession(deps.db, sha256(token));
  if (!found) return { kind: 'expired' };
  const { session, user } = found;
  const validity = sessionValidity(session, { idleSeconds: deps.config.sessionIdleSeconds }, ctx.now);
  if (validity !== 'valid' || user.status !== 'active') {
    const reason = validity === 'valid' ? 'user_not_active' : validity;
    await deps.db.transaction().execute(async (trx) => {
      await repo.endSession(trx, session.id, reason, ctx.now);
      await deps.audit(trx, {
        organizationId: session.organizationId,
        userId: session.userId,
        action: 'auth.session_ended',
        outcome: 'success',
        clientIp: ctx.ip,
        requestId: ctx.requestId,
        details: { reason },
      });
    });
    return { kind: 'expired' };
  }
  return {
    kind: 'actor',
    actor: {
      sessionId: session.id,
      userId: user.id,
      organizationId: session.organizationId,
      organizationName: session.organizationName,
      isDemoOrganization: session.isDemoOrganization,
      email: user.email,
      displayName: user.displayName,
      roles: user.roles,
      siteIds: user.siteIds,
      mfaEnrolled: user.totpEnabledAt !== null,
      stage: session.stage,
      csrfToken: session.csrfToken,
      lastSeenAt: session.lastSeenAt,
      absoluteExpiresAt: session.absoluteExpiresAt,
    },
  };
}

/** Requests keep the session alive; writes are skipped within a few seconds to spare the database. */
export async function touch(deps: AppDeps, actor: Actor, now: Date): Promise<Actor> {
  if (now.getTime() - actor.lastSeenAt.getTime() < 5000) return actor;
  await repo.touchSession(deps.db, actor.sessionId, now);
  return { ...actor, lastSeenAt: now };
}

export async function logout(deps: AppDeps, ctx: ActorCtx): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    await repo.endSession(trx, ctx.actor.sessionId, 'logout', ctx.now);
    await deps.audit(trx, {
      organizationId: ctx.actor.organizationId,
      userId: ctx.actor.userId,
      action: 'auth.logout',
      outcome: 'success',
      clientIp: ctx.ip,
      requestId: ctx.requestId,
    });
  });
}

export function checkCsrf(actor: Actor, header: string | undefined): void {
  if (!header || !safeEqual(header, actor.csrfToken)) {
    throw new DomainError('CSRF_TOKEN_INVALID', 'Missing or wrong X-CSRF-Token header; reload the page and try again');
  }
}

export async function verifySecondFactor(deps: AppDeps, ctx: ActorCtx, code: string): Promise<SignedIn> {
  const { actor } = ctx;
  if (actor.stage !== 'mfa_required') throw new DomainError('RULE_VIOLATION', 'This session is not waiting for a second factor');
  const key = `mfa:${actor.userId}`;
  const state = await repo.getThrottle(deps.db, key);
  const wait = retryAfterSeconds(state, ctx.now);
  if (wait > 0)
    throw new DomainError('TOO_MANY_ATTEMPTS', `Too many code attempts. Try again in ${wait} seconds.`, { retryAfterSeconds: wait });
  const user = await findUser(deps.db, actor.organizationId, actor.userId);
  if (!user?.totpSecretSealed || !user.totpEnabledAt) throw new DomainError('RULE_VIOLATION', 'No second factor is enrolled');
  const secret = unseal(deps.sealKey, user.totpSecretSealed);

  return deps.db
    .transaction()
    .execute(async (trx) => {
      const normalized = code.replace(/[\s-]/g, '');
      const step = /^\d{6}$/.test(normalized) ? matchTotp(secret, normalized, ctx.now) : null;
      const totpOk = step !== null && step > (user.totpLastStep ?? -1);
      const recoveryOk = !totpOk && (await repo.useRecoveryCode(trx, user.id, sha256(normalized.toLowerCase()), ctx.now));
      if (!totpOk && !recoveryOk) {
        await repo.putThrottle(trx, key, afterFailure(state, ACCOUNT_RULE, ctx.now));
        await deps.audit(trx, {
          organizationId: actor.organizationId,
          userId: actor.userId,
          action: 'auth.mfa_failed',
          outcome: 'failure',
          clientIp: ctx.ip,
          requestId: ctx.requestId,
        });
        return null;
      }
      await repo.clearThrottle(trx, key);
      if (step !== null && totpOk) await updateUser(trx, user.organizationId, user.id, { totpLastStep: step }, ctx.now);
      await updateUser(trx, user.organizationId, user.id, { lastLoginAt: ctx.now }, ctx.now);
      await repo.endSession(trx, actor.sessionId, 'mfa_completed', ctx.now);
      await deps.audit(trx, {
        organizationId: actor.organizationId,
        userId: actor.userId,
        action: 'auth.mfa',
        outcome: 'success',
        clientIp: ctx.ip,
        requestId: ctx.requestId,
        details: { method: totpOk ? 'totp' : 'recovery_code' },
      });
      const org = await repo.findOrganization(trx, actor.organizationId);
      return startSession(trx, deps, ctx, user, org, 'active');
    })
    .then((result) => {
      if (!result)
        throw new DomainError(
          'INVALID_MFA_CODE',
          'That code is not valid; enter the current code from your authenticator app or a recovery code',
        );
      return result;
    });
}

export async function beginTotpEnrolment(deps: AppDeps, ctx: ActorCtx): Promise<{ secret: string; otpauthUrl: string; qrDataUrl: string }> {
  const { actor } = ctx;
  if (actor.mfaEnrolled) throw new DomainError('MFA_ALREADY_ENROLLED', 'Two-factor authentication is already set up for this account');
  const secret = newTotpSecret();
  const otpauthUrl = totpUri(secret, actor.email);
  await deps.db.transaction().execute(async (trx) => {
    await updateUser(
      trx,
      actor.organizationId,
      actor.userId,
      { totpSecretSealed: seal(deps.sealKey, secret), totpEnabledAt: null },
      ctx.now,
    );
    await deps.audit(trx, {
      organizationId: actor.organizationId,
      userId: actor.userId,
      action: 'auth.totp_enrolment_started',
      outcome: 'success',
      clientIp: ctx.ip,
      requestId: ctx.requestId,
    });
  });
  return { secret, otpauthUrl, qrDataUrl: await QRCode.toDataURL(otpauthUrl) };
}

export async function completeTotpEnrolment(
  deps: AppDeps,
  ctx: ActorCtx,
  code: string,
): Promise<{ recoveryCodes: string[]; signedIn: SignedIn }> {
  const { actor } = ctx;
  if (actor.mfaEnrolled) throw new DomainError('MFA_ALREADY_ENROLLED', 'Two-factor authentication is already set up for this account');
  const user = await findUser(deps.db, actor.organizationId, actor.userId);
  if (!user?.totpSecretSealed) throw new DomainError('RULE_VIOLATION', 'Start the set-up first: no authenticator key was issued');
  const step = matchTotp(unseal(deps.sealKey, user.totpSecretSealed), code.replace(/\s/g, ''), ctx.now);
  if (step === null)
    throw new DomainError('INVALID_MFA_CODE', 'That code does not match; check the time on your phone and enter the current code');
  const recoveryCodes = Array.from({ length: 10 }, () => formatRecoveryCode(randomBytes(5).toString('hex')));

  return deps.db.transaction().execute(async (trx) => {
    await updateUser(trx, user.organizationId, user.id, { totpEnabledAt: ctx.now, totpLastStep: step, lastLoginAt: ctx.now }, ctx.now);
    await repo.replaceRecoveryCodes(
      trx,
      user.id,
      recoveryCodes.map((c) => sha256(c.replace(/-/g, ''))),
    );
    await repo.endSession(trx, actor.sessionId, 'mfa_enrolled', ctx.now);
    await deps.audit(trx, {
      organizationId: actor.organizationId,
      userId: actor.userId,
      action: 'auth.totp_enrolled',
      outcome: 'success',
      clientIp: ctx.ip,
      requestId: ctx.requestId,
    });
    const org = await repo.findOrganization(trx, actor.organizationId);
    const signedIn = await startSession(trx, deps, ctx, { ...user, totpEnabledAt: ctx.now }, org, 'active');
    return { recoveryCodes, signedIn };
  });
}

function formatRecoveryCode(hex: string): string {
  return `${hex.slice(0, 5)}-${hex.slice(5)}`;
}

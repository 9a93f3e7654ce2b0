import { checkPassword } from '../../../domain/access/password-policy.js';
import { requiresMfa } from '../../../domain/access/roles.js';
import { DomainError, fieldError } from '../../../domain/errors.js';
import type { AppDeps, RequestCtx } from '../../context.js';
import { newToken, sha256 } from '../../lib/secrets.js';
import { findOrganization, findUsableToken, insertOneTimeToken, useToken } from '../auth/auth.repository.js';
import { startSession, type SignedIn } from '../auth/auth.service.js';
import { hashPassword } from '../auth/password-hash.js';
import { insertOrganization } from '../sites/sites.repository.js';
import { countUsers, findUser, insertUser, lockFirstAdminSetup, replaceRoles, updateUser } from '../users/users.repository.js';

const SETUP_TOKEN_MINUTES = 60;

function checkNewPassword(deps: AppDeps, password: string): void {
  const result = checkPassword(password, deps.commonPasswords);
  if (!result.ok) throw fieldError('password', result.message);
}

/**
 * Production mode on an empty database: one setup link (random token, 1 hour) for the first admin.
 * Returns the link path, or null when accounts already exist.
 */
export async function createSetupLinkIfNeeded(deps: AppDeps): Promise<string | null> {
  if ((await countUsers(deps.db)) > 0) return null;
  const token = newToken();
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    await insertOneTimeToken(trx, {
      hash: sha256(token),
      kind: 'setup',
      organizationId: null,
      userId: null,
      now,
      expiresAt: new Date(now.getTime() + SETUP_TOKEN_MINUTES * 60_000),
    });
    await deps.audit(trx, {
      organizationId: null,
      userId: null,
      action: 'setup.link_issued',
      outcome: 'success',
      clientIp: null,
      requestId: null,
    });
  });
  return `/app/setup/${token}`;
}

export async function describeSetupToken(deps: AppDeps, ctx: RequestCtx, token: string): Promise<{ expiresAt: string }> {
  const found = await findUsableToken(deps.db, sha256(token), 'setup', ctx.now);
  if (!found) throw new DomainError('TOKEN_INVALID', 'This setup link is not valid or has expired; restart the server to get a new one');
  return { expiresAt: found.expiresAt.toISOString() };
}

export async function completeSetup(
  deps: AppDeps,
  ctx: RequestCtx,
  token: string,
  input: { organizationName: string; email: string; displayName: string; password: string },
): Promise<SignedIn> {
  checkNewPassword(deps, input.password);
  const passwordHash = await hashPassword(input.password, deps.config.passwordCost);
  return deps.db.transaction().execute(async (trx) => {
    const hash = sha256(token);
    if (!(await findUsableToken(trx, hash, 'setup', ctx.now)) || !(await useToken(trx, hash, ctx.now))) {
      throw new DomainError('TOKEN_INVALID', 'This setup link is not valid or has expired; restart the server to get a new one');
    }
    await lockFirstAdminSetup(trx);
    if ((await countUsers(trx)) > 0) throw new DomainError('ALREADY_SET_UP', 'This installation already has accounts');
    const organizationId = await insertOrganization(trx, { name: input.organizationName, isDemo: false });
    const userId = await insertUser(trx, {
      organizationId,
      email: input.email,
      displayName: input.displayName,
      status: 'active',
      passwordHash,
      now: ctx.now,
    });
    await replaceRoles(trx, organizationId, userId, ['admin']);
    await deps.audit(trx, {
      organizationId,
      userId,
      action: 'setup.first_admin_created',
      entityType: 'user',
      entityId: userId,
      outcome: 'success',
      clientIp: ctx.ip,
      requestId: ctx.requestId,
      details: { roles: ['admin'] },
    });
    const user = await findUser(trx, organizationId, userId);
    if (!user) throw new Error('user vanished inside its own transaction');
    const org = await findOrganization(trx, organizationId);
    return startSession(trx, deps, ctx, user, org, 'mfa_enrolment_required');
  });
}

export async function describeInvite(
  deps: AppDeps,
  ctx: RequestCtx,
  token: string,
): Promise<{ email: string; displayName: string; expiresAt: string }> {
  const found = await findUsableToken(deps.db, sha256(token), 'invite', ctx.now);
  const user = found?.userId && found.organizationId ? await findUser(deps.db, found.organizationId, found.userId) : undefined;
  if (!found || !user || user.status !== 'invited')
    throw new DomainError('TOKEN_INVALID', 'This invite link is not valid or has expired; ask your administrator for a new one');
  return { email: user.email, displayName: user.displayName, expiresAt: found.expiresAt.toISOString() };
}

export async function acceptInvite(deps: AppDeps, ctx: RequestCtx, token: string, password: string): Promise<SignedIn> {
  checkNewPassword(deps, password);
  const passwordHash = await hashPassword(password, deps.config.passwordCost);
  return deps.db.transaction().execute(async (trx) => {
    const hash = sha256(token);
    const found = await findUsableToken(trx, hash, 'invite', ctx.now);
    const user = found?.userId && found.organizationId ? await findUser(trx, found.organizationId, found.userId) : undefined;
    if (!user || user.status !== 'invited' || !(await useToken(trx, hash, ctx.now))) {
      throw new DomainError('TOKEN_INVALID', 'This invite link is not valid or has expired; ask your administrator for a new one');
    }
    await updateUser(trx, user.organizationId, user.id, { passwordHash, status: 'active' }, ctx.now);
    const org = await findOrganization(trx, user.organizationId);
    const stage = requiresMfa(user.roles, org.isDemo) ? 'mfa_enrolment_required' : 'active';
    if (stage === 'active') await updateUser(trx, user.organizationId, user.id, { lastLoginAt: ctx.now }, ctx.now);
    await deps.audit(trx, {
      organizationId: user.organizationId,
      userId: user.id,
      action: 'user.invite_accepted',
      entityType: 'user',
      entityId: user.id,
      outcome: 'success',
      clientIp: ctx.ip,
      requestId: ctx.requestId,
    });
    return startSession(trx, deps, ctx, { ...user, status: 'active' }, org, stage);
  });
}

import type { Role } from '../../../domain/access/roles.js';
import { DomainError, fieldError } from '../../../domain/errors.js';
import type { ActorCtx, AppDeps } from '../../context.js';
import type { Db } from '../../db/database.js';
import { enqueue } from '../../jobs/outbox.js';
import { newToken, sha256 } from '../../lib/secrets.js';
import { endSessionsOfUser, insertOneTimeToken, revokeUserTokens } from '../auth/auth.repository.js';
import * as repo from './users.repository.js';

export type UserDto = {
  id: string;
  email: string;
  displayName: string;
  roles: Role[];
  siteIds: string[];
  status: repo.UserStatus;
  mfaEnrolled: boolean;
  lastLoginAt: string | null;
  createdAt: string;
};

/** How long an invitation link works; the invitation email states it. */
export const INVITE_HOURS = 72;

function toDto(user: repo.UserRecord): UserDto {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    roles: user.roles,
    siteIds: user.siteIds,
    status: user.status,
    mfaEnrolled: user.totpEnabledAt !== null,
    lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
    createdAt: user.createdAt.toISOString(),
  };
}

async function mustFind(db: Db, ctx: ActorCtx, userId: string): Promise<repo.UserRecord> {
  const user = await repo.findUser(db, ctx.actor.organizationId, userId);
  if (!user) throw new DomainError('NOT_FOUND', 'No such user');
  return user;
}

async function checkSites(db: Db, ctx: ActorCtx, siteIds: readonly string[]): Promise<void> {
  const found = await repo.existingSiteIds(db, ctx.actor.organizationId, siteIds);
  const unknown = siteIds.find((id) => !found.includes(id));
  if (unknown) throw fieldError('siteIds', `unknown site ${unknown}`);
}

export async function listUsers(deps: AppDeps, ctx: ActorCtx): Promise<UserDto[]> {
  return (await repo.listUsers(deps.db, ctx.actor.organizationId)).map(toDto);
}

export async function getUser(deps: AppDeps, ctx: ActorCtx, userId: string): Promise<UserDto> {
  return toDto(await mustFind(deps.db, ctx, userId));
}

async function issueInvite(db: Db, ctx: ActorCtx, user: { id: string; email: string }): Promise<string> {
  const token = newToken();
  await revokeUserTokens(db, user.id, ctx.now);
  await insertOneTimeToken(db, {
    hash: sha256(token),
    kind: 'invite',
    organizationId: ctx.actor.organizationId,
    userId: user.id,
    now: ctx.now,
    expiresAt: new Date(ctx.now.getTime() + INVITE_HOURS * 3600 * 1000),
  });
  const inviteUrl = `/app/invite/${token}`;
  await enqueue(db, {
    organizationId: ctx.actor.organizationId,
    kind: 'email.invite',
    payload: { userId: user.id, to: user.email, inviteUrl },
  });
  return inviteUrl;
}

export async function createUser(
  deps: AppDeps,
  ctx: ActorCtx,
  input: { email: string; displayName: string; roles: Role[]; siteIds: string[] },
): Promise<{ user: UserDto; inviteUrl: string }> {
  return deps.db.transaction().execute(async (trx) => {
    await checkSites(trx, ctx, input.siteIds);
    if (await repo.findUserByEmail(trx, input.email))
      throw new DomainError('EMAIL_TAKEN', 'An account with this email already exists', {
        details: [{ path: 'email', message: 'already in use' }],
      });
    const organizationId = ctx.actor.organizationId;
    const userId = await repo.insertUser(trx, {
      organizationId,
      email: input.email,
      displayName: input.displayName,
      status: 'invited',
      passwordHash: null,
      now: ctx.now,
    });
    await repo.replaceRoles(trx, organizationId, userId, dedupe(input.roles));
    await repo.replaceSites(trx, organizationId, userId, dedupe(input.siteIds));
    const inviteUrl = await issueInvite(trx, ctx, { id: userId, email: input.email.trim().toLowerCase() });
    await deps.audit(trx, {
      ...auditBase(ctx),
      action: 'user.created',
      entityType: 'user',
      entityId: userId,
      details: { roles: dedupe(input.roles), siteIds: dedupe(input.siteIds) },
    });
    return { user: toDto(await mustFind(trx, ctx, userId)), inviteUrl };
  });
}

export async function updateUser(
  deps: AppDeps,
  ctx: ActorCtx,
  userId: string,
  input: { displayName?: string | undefined; roles?: Role[] | undefined; siteIds?: string[] | undefined },
): Promise<UserDto> {
  return deps.db.transaction().execute(async (trx) => {
    const before = await mustFind(trx, ctx, userId);
    const organizationId = ctx.actor.organizationId;
    if (input.displayName !== undefined) await repo.updateUser(trx, organizationId, userId, { displayName: input.displayName }, ctx.now);
    if (input.siteIds !== undefined) {
      await checkSites(trx, ctx, input.siteIds);
      await repo.replaceSites(trx, organizationId, userId, dedupe(input.siteIds));
    }
    if (input.roles !== undefined) {
      const roles = dedupe(input.roles);
      if (before.roles.includes('admin') && !roles.includes('admin')) await refuseLosingLastAdmin(trx, ctx, userId);
      await repo.replaceRoles(trx, organizationId, userId, roles);
      await deps.audit(trx, {
        ...auditBase(ctx),
        action: 'user.roles_changed',
        entityType: 'user',
        entityId: userId,
        details: { before: before.roles, after: roles },
      });
    }
    await deps.audit(trx, {
      ...auditBase(ctx),
      action: 'user.updated',
      entityType: 'user',
      entityId: userId,
      details: { fields: Object.keys(input) },
    });
    return toDto(await mustFind(trx, ctx, userId));
  });
}

export async function deactivateUser(deps: AppDeps, ctx: ActorCtx, userId: string): Promise<UserDto> {
  return deps.db.transaction().execute(async (trx) => {
    const user = await mustFind(trx, ctx, userId);
    if (userId === ctx.actor.userId) throw new DomainError('RULE_VIOLATION', 'You cannot deactivate your own account');
    if (user.roles.includes('admin')) await refuseLosingLastAdmin(trx, ctx, userId);
    await repo.updateUser(trx, ctx.actor.organizationId, userId, { status: 'deactivated' }, ctx.now);
    // Deactivation takes effect at once: open sessions and unused invite links die with it.
    const sessionsEnded = await endSessionsOfUser(trx, userId, 'user_deactivated', ctx.now);
    await revokeUserTokens(trx, userId, ctx.now);
    await deps.audit(trx, {
      ...auditBase(ctx),
      action: 'user.deactivated',
      entityType: 'user',
      entityId: userId,
      details: { sessionsEnded },
    });
    return toDto(await mustFind(trx, ctx, userId));
  });
}

export async function reactivateUser(deps: AppDeps, ctx: ActorCtx, userId: string): Promise<UserDto> {
  return deps.db.transaction().execute(async (trx) => {
    const user = await mustFind(trx, ctx, userId);
    if (user.status !== 'deactivated') throw new DomainError('RULE_VIOLATION', 'Only a deactivated user can be reactivated');
    await repo.updateUser(trx, ctx.actor.organizationId, userId, { status: user.passwordHash ? 'active' : 'invited' }, ctx.now);
    await deps.audit(trx, { ...auditBase(ctx), action: 'user.reactivated', entityType: 'user', entityId: userId });
    return toDto(await mustFind(trx, ctx, userId));
  });
}

export async function reissueInvite(deps: AppDeps, ctx: ActorCtx, userId: string): Promise<{ user: UserDto; inviteUrl: string }> {
  return deps.db.transaction().execute(async (trx) => {
    const user = await mustFind(trx, ctx, userId);
    if (user.status !== 'invited')
      throw new DomainError('RULE_VIOLATION', 'Only an invited user who has not signed in yet gets a new invite link');
    const inviteUrl = await issueInvite(trx, ctx, user);
    await deps.audit(trx, { ...auditBase(ctx), action: 'user.invite_reissued', entityType: 'user', entityId: userId });
    return { user: toDto(user), inviteUrl };
  });
}

async function refuseLosingLastAdmin(db: Db, ctx: ActorCtx, userId: string): Promise<void> {
  // Without the lock two admins removing each other concurrently both see the other one and the
  // organization is left with none; with it, the second check reads the first one's committed change.
  await repo.lockOrganization(db, ctx.actor.organizationId);
  const admins = (await repo.listUsers(db, ctx.actor.organizationId)).filter(
    (u) => u.status === 'active' && u.roles.includes('admin') && u.id !== userId,
  );
  if (admins.length === 0) throw new DomainError('RULE_VIOLATION', 'The organization must keep at least one active admin');
}

function auditBase(ctx: ActorCtx) {
  return {
    organizationId: ctx.actor.organizationId,
    userId: ctx.actor.userId,
    outcome: 'success' as const,
    clientIp: ctx.ip,
    requestId: ctx.requestId,
  };
}

function dedupe<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

import type { Role } from '../../../domain/access/roles.js';
import { DomainError, fieldError } from '../../../domain/errors.js';
import { isModality, modalityLabel, type Modality } from '../../../domain/programs/modalities.js';
import { validateAvailability, type AvailabilityWindow } from '../../../domain/staff/availability.js';
import type { ActorCtx, AppDeps } from '../../context.js';
import type { Db } from '../../db/database.js';
import { auditBase } from '../sites/sites.service.js';
import { existingSiteIds, replaceSites } from '../users/users.repository.js';
import * as repo from './staff.repository.js';

// Staff profiles are configuration: reads are not audited, every change is (field names only).

export type StaffDto = {
  userId: string;
  displayName: string;
  email: string;
  status: repo.StaffMember['status'];
  roles: Role[];
  siteIds: string[];
  licenceType: string;
  licensedStates: string[];
  modalities: Modality[];
  weeklyAvailability: AvailabilityWindow[];
  cosignSupervisorId: string | null;
  counselingNotesAccess: boolean;
  profileUpdatedAt: string | null;
};

export type ProfileInput = {
  licenceType: string;
  licensedStates: string[];
  modalities: Modality[];
  weeklyAvailability: { weekday: number; start: string; end: string }[];
  siteIds: string[];
  /** Left out: unchanged. */
  cosignSupervisorId?: string | null | undefined;
  counselingNotesAccess?: boolean | undefined;
};

const CLINICAL_ROLES: readonly Role[] = ['clinician', 'psychiatrist', 'director'];

/** A co-signing supervisor is another active clinical staff member of the organization. */
async function assertSupervisor(db: Db, organizationId: string, userId: string, supervisorId: string): Promise<void> {
  if (supervisorId === userId) throw fieldError('cosignSupervisorId', 'a staff member cannot co-sign their own notes');
  const [supervisor] = await repo.findStaff(db, organizationId, [supervisorId]);
  if (!supervisor) throw fieldError('cosignSupervisorId', 'unknown staff member');
  if (supervisor.status === 'deactivated' || !supervisor.roles.some((role) => CLINICAL_ROLES.includes(role)))
    throw fieldError('cosignSupervisorId', 'must be an active clinician, psychiatrist or director');
}

function toDto(member: repo.StaffMember): StaffDto {
  return { ...member, modalities: member.modalities.filter(isModality), profileUpdatedAt: member.profileUpdatedAt?.toISOString() ?? null };
}

async function mustFind(db: Db, organizationId: string, userId: string): Promise<repo.StaffMember> {
  const [member] = await repo.findStaff(db, organizationId, [userId]);
  if (!member) throw new DomainError('NOT_FOUND', 'No such staff member');
  return member;
}

function dedupe<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

export async function listStaff(deps: AppDeps, ctx: ActorCtx, filters: repo.StaffFilters): Promise<StaffDto[]> {
  return (await repo.listStaff(deps.db, ctx.actor.organizationId, filters)).map(toDto);
}

export async function getProfile(deps: AppDeps, ctx: ActorCtx, userId: string): Promise<StaffDto> {
  return toDto(await mustFind(deps.db, ctx.actor.organizationId, userId));
}

/** Replaces the whole profile (PUT): credentials, modalities, availability and work sites. */
export async function putProfile(deps: AppDeps, ctx: ActorCtx, userId: string, input: ProfileInput): Promise<StaffDto> {
  const weeklyAvailability = validateAvailability(input.weeklyAvailability);
  return deps.db.transaction().execute(async (trx) => {
    const organizationId = ctx.actor.organizationId;
    if (!(await repo.lockUser(trx, organizationId, userId))) throw new DomainError('NOT_FOUND', 'No such staff member');
    const before = await mustFind(trx, organizationId, userId);
    const siteIds = dedupe(input.siteIds);
    const found = await existingSiteIds(trx, organizationId, siteIds);
    const unknown = siteIds.find((id) => !found.includes(id));
    if (unknown) throw fieldError('siteIds', `unknown site ${unknown}`);
    const cosignSupervisorId = input.cosignSupervisorId === undefined ? before.cosignSupervisorId : input.cosignSupervisorId;
    if (input.cosignSupervisorId) await assertSupervisor(trx, organizationId, userId, input.cosignSupervisorId);
    const after = {
      licenceType: input.licenceType,
      licensedStates: dedupe(input.licensedStates).sort(),
      modalities: dedupe(input.modalities),
      weeklyAvailability,
      siteIds: [...siteIds].sort(),
      cosignSupervisorId,
      counselingNotesAccess: input.counselingNotesAccess ?? before.counselingNotesAccess,
    };
    const fields = (
      [
        'licenceType',
        'licensedStates',
        'modalities',
        'weeklyAvailability',
        'siteIds',
        'cosignSupervisorId',
        'counselingNotesAccess',
      ] as const
    ).filter((key) => JSON.stringify(key === 'siteIds' ? [...before.siteIds].sort() : before[key]) !== JSON.stringify(after[key]));
    if (fields.length === 0 && before.profileUpdatedAt !== null) return toDto(before);
    await repo.upsertProfile(trx, { organizationId, userId, ...after, now: ctx.now });
    if (fields.includes('siteIds')) await replaceSites(trx, organizationId, userId, after.siteIds);
    await deps.audit(trx, {
      ...auditBase(ctx),
      action: 'staff_profile.updated',
      entityType: 'user',
      entityId: userId,
      details: { fields: [...fields] },
    });
    return toDto(await mustFind(trx, organizationId, userId));
  });
}

export type FacilitatorProblem = { userId: string; reason: 'unknown' | 'deactivated' | 'not_qualified'; message: string };
export type Qualification = { ok: true } | { ok: false; problems: FacilitatorProblem[] };

/**
 * Whether every given user may lead a group of the modality: a user of the organization, not
 * deactivated, whose staff profile lists the modality. Problems come back in the order of `userIds`.
 * Reads only; pass the caller's transaction as `db` to check inside it.
 */
export async function staffQualifiedFor(
  db: Db,
  organizationId: string,
  userIds: readonly string[],
  modality: Modality,
): Promise<Qualification> {
  const members = new Map((await repo.findStaff(db, organizationId, dedupe(userIds))).map((member) => [member.userId, member]));
  const problems: FacilitatorProblem[] = [];
  for (const userId of dedupe(userIds)) {
    const member = members.get(userId);
    if (!member) problems.push({ userId, reason: 'unknown', message: `No staff member ${userId} in this organization` });
    else if (member.status === 'deactivated')
      problems.push({ userId, reason: 'deactivated', message: `${member.displayName} is deactivated` });
    else if (!member.modalities.includes(modality))
      problems.push({
        userId,
        reason: 'not_qualified',
        message: `${member.displayName} is not qualified to lead ${modalityLabel(modality)}`,
      });
  }
  return problems.length === 0 ? { ok: true } : { ok: false, problems };
}

/**
 * staffQualifiedFor as a check that throws: an unknown user is a 400 naming `<path>.<index>`; a
 * deactivated or unqualified one is a 422 (RULE_VIOLATION) whose details name each such entry.
 */
export async function assertStaffQualifiedFor(
  db: Db,
  organizationId: string,
  userIds: readonly string[],
  modality: Modality,
  path = 'facilitatorIds',
): Promise<void> {
  const result = await staffQualifiedFor(db, organizationId, userIds, modality);
  if (result.ok) return;
  const at = (userId: string) => `${path}.${userIds.indexOf(userId)}`;
  const unknown = result.problems.find((problem) => problem.reason === 'unknown');
  if (unknown) throw fieldError(at(unknown.userId), 'unknown staff member');
  throw new DomainError('RULE_VIOLATION', result.problems.map((problem) => problem.message).join('; '), {
    details: result.problems.map((problem) => ({ path: at(problem.userId), message: problem.message })),
  });
}

export type StaffProfileFacts = {
  userId: string;
  status: repo.StaffMember['status'];
  siteIds: string[];
  licensedStates: string[];
  modalities: Modality[];
  weeklyAvailability: AvailabilityWindow[];
};

/** Profiles of the given users of one organization, keyed by user id; unknown ids are absent. */
export async function staffProfilesFor(
  db: Db,
  organizationId: string,
  userIds: readonly string[],
): Promise<Map<string, StaffProfileFacts>> {
  const members = await repo.findStaff(db, organizationId, dedupe(userIds));
  return new Map(
    members.map((m) => [
      m.userId,
      {
        userId: m.userId,
        status: m.status,
        siteIds: m.siteIds,
        licensedStates: m.licensedStates,
        modalities: m.modalities.filter(isModality),
        weeklyAvailability: m.weeklyAvailability,
      },
    ]),
  );
}

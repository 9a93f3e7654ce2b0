import { DomainError } from '../../../domain/errors.js';
import { assertTimeZone } from '../../../domain/scheduling/local-time.js';
import type { ActorCtx, AppDeps } from '../../context.js';
import type { Db } from '../../db/database.js';
import * as repo from './sites.repository.js';

// Site names, addresses and time zones are organization settings, not patient data: reading them is
// not audited; changing them is.

export type SiteDto = { id: string; name: string; address: string; timeZone: string };

function toDto(site: repo.Site): SiteDto {
  return { id: site.id, name: site.name, address: site.address, timeZone: site.timeZone };
}

/** The site of the caller's organization, or NOT_FOUND (also for another organization's site). */
export async function mustFindSite(
  db: Db,
  organizationId: string,
  siteId: string,
  options: { forUpdate?: boolean } = {},
): Promise<repo.Site> {
  const site = await repo.findSite(db, organizationId, siteId, options);
  if (!site) throw new DomainError('NOT_FOUND', 'No such site');
  return site;
}

export async function sitesForActor(deps: AppDeps, ctx: ActorCtx): Promise<SiteDto[]> {
  return (await repo.listSites(deps.db, ctx.actor.organizationId)).map(toDto);
}

export async function getSite(deps: AppDeps, ctx: ActorCtx, siteId: string): Promise<SiteDto> {
  return toDto(await mustFindSite(deps.db, ctx.actor.organizationId, siteId));
}

export async function createSite(
  deps: AppDeps,
  ctx: ActorCtx,
  input: { name: string; address: string; timeZone: string },
): Promise<SiteDto> {
  assertTimeZone(input.timeZone, 'timeZone');
  return deps.db.transaction().execute(async (trx) => {
    const organizationId = ctx.actor.organizationId;
    const siteId = await repo.insertSite(trx, {
      organizationId,
      name: input.name,
      address: input.address,
      timeZone: input.timeZone,
      now: ctx.now,
    });
    await deps.audit(trx, { ...auditBase(ctx), action: 'site.created', entityType: 'site', entityId: siteId });
    return toDto(await mustFindSite(trx, organizationId, siteId));
  });
}

export async function updateSite(
  deps: AppDeps,
  ctx: ActorCtx,
  siteId: string,
  input: { name?: string | undefined; address?: string | undefined; timeZone?: string | undefined },
): Promise<SiteDto> {
  if (input.timeZone !== undefined) assertTimeZone(input.timeZone, 'timeZone');
  return deps.db.transaction().execute(async (trx) => {
    const organizationId = ctx.actor.organizationId;
    const before = await mustFindSite(trx, organizationId, siteId, { forUpdate: true });
    const changes = {
      ...(input.name !== undefined && input.name !== before.name ? { name: input.name } : {}),
      ...(input.address !== undefined && input.address !== before.address ? { address: input.address } : {}),
      ...(input.timeZone !== undefined && input.timeZone !== before.timeZone ? { timeZone: input.timeZone } : {}),
    };
    const fields = Object.keys(changes);
    if (fields.length === 0) return toDto(before);
    if (changes.timeZone !== undefined) await refuseZoneChangeWithSessions(trx, organizationId, siteId, before.timeZone);
    await repo.updateSite(trx, organizationId, siteId, changes, ctx.now);
    await deps.audit(trx, { ...auditBase(ctx), action: 'site.updated', entityType: 'site', entityId: siteId, details: { fields } });
    return toDto(await mustFindSite(trx, organizationId, siteId));
  });
}

// Sessions store UTC instants computed from local times in the site's zone, and intensity weeks are
// counted in that zone: a new zone would silently move every placed session and re-bucket history.
async function refuseZoneChangeWithSessions(db: Db, organizationId: string, siteId: string, zone: string): Promise<void> {
  const sessions = await repo.countSessionsAtSite(db, organizationId, siteId);
  if (sessions > 0) {
    throw new DomainError(
      'RULE_VIOLATION',
      `The time zone cannot change: ${sessions} session(s) are already placed at this site in ${zone}`,
      {
        details: [{ path: 'timeZone', message: 'sessions already exist at this site' }],
      },
    );
  }
}

export function auditBase(ctx: ActorCtx) {
  return {
    organizationId: ctx.actor.organizationId,
    userId: ctx.actor.userId,
    outcome: 'success' as const,
    clientIp: ctx.ip,
    requestId: ctx.requestId,
  };
}

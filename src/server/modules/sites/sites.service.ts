import type { ActorCtx, AppDeps } from '../../context.js';
import { listSites, type Site } from './sites.repository.js';

// Site names and time zones are organization settings, not patient data: reading them is not audited.
export function sitesForActor(deps: AppDeps, ctx: ActorCtx): Promise<Site[]> {
  return listSites(deps.db, ctx.actor.organizationId);
}

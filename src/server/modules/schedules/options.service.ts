import type { ActorCtx, AppDeps } from '../../context.js';
import {
  listPrograms,
  listRooms,
  listSchedulableStaff,
  listSites,
  type ProgramOption,
  type RoomOption,
  type SitePlace,
  type StaffOption,
} from './lookups.repository.js';

export type ScheduleOptions = { sites: SitePlace[]; programs: ProgramOption[]; rooms: RoomOption[]; staff: StaffOption[] };

/**
 * What the schedule forms choose from: sites, programs, rooms and the staff who can lead groups or see
 * patients, with their modalities and licensed states. Organization settings, no patient data, so
 * reading them is not audited.
 */
export async function scheduleOptions(deps: AppDeps, ctx: ActorCtx): Promise<ScheduleOptions> {
  const organizationId = ctx.actor.organizationId;
  const [sites, programs, rooms, staff] = await Promise.all([
    listSites(deps.db, organizationId),
    listPrograms(deps.db, organizationId),
    listRooms(deps.db, organizationId),
    listSchedulableStaff(deps.db, organizationId),
  ]);
  return { sites, programs, rooms, staff };
}

import { DomainError } from '../../../domain/errors.js';
import type { ActorCtx, AppDeps } from '../../context.js';
import type { Db } from '../../db/database.js';
import { isUniqueViolation } from '../../db/pg-errors.js';
import * as repo from './sites.repository.js';
import { auditBase, mustFindSite } from './sites.service.js';

export type RoomDto = repo.Room;

async function mustFindRoom(db: Db, organizationId: string, roomId: string, options: { forUpdate?: boolean } = {}): Promise<repo.Room> {
  const room = await repo.findRoom(db, organizationId, roomId, options);
  if (!room) throw new DomainError('NOT_FOUND', 'No such room');
  return room;
}

function duplicateName(name: string): DomainError {
  return new DomainError('DUPLICATE', `This site already has a room named "${name}"`, {
    details: [{ path: 'name', message: 'already used at this site' }],
  });
}

/** Runs a write that may hit the one-name-per-site rule and reports it as a 409 naming `name`. */
async function withUniqueName<T>(name: string | undefined, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (name !== undefined && isUniqueViolation(error, repo.ROOM_NAME_UNIQUE)) throw duplicateName(name);
    throw error;
  }
}

export async function listRooms(deps: AppDeps, ctx: ActorCtx, siteId: string, options: { includeInactive: boolean }): Promise<RoomDto[]> {
  await mustFindSite(deps.db, ctx.actor.organizationId, siteId);
  return repo.listRooms(deps.db, ctx.actor.organizationId, siteId, options);
}

export async function createRoom(
  deps: AppDeps,
  ctx: ActorCtx,
  siteId: string,
  input: { name: string; capacity: number },
): Promise<RoomDto> {
  return withUniqueName(input.name, () =>
    deps.db.transaction().execute(async (trx) => {
      const organizationId = ctx.actor.organizationId;
      await mustFindSite(trx, organizationId, siteId);
      const roomId = await repo.insertRoom(trx, { organizationId, siteId, name: input.name, capacity: input.capacity });
      await deps.audit(trx, {
        ...auditBase(ctx),
        action: 'room.created',
        entityType: 'room',
        entityId: roomId,
        details: { siteId, capacity: input.capacity },
      });
      return mustFindRoom(trx, organizationId, roomId);
    }),
  );
}

export async function updateRoom(
  deps: AppDeps,
  ctx: ActorCtx,
  roomId: string,
  input: { name?: string | undefined; capacity?: number | undefined },
): Promise<RoomDto> {
  return withUniqueName(input.name, () =>
    deps.db.transaction().execute(async (trx) => {
      const organizationId = ctx.actor.organizationId;
      const before = await mustFindRoom(trx, organizationId, roomId, { forUpdate: true });
      const changes = {
        ...(input.name !== undefined && input.name !== before.name ? { name: input.name } : {}),
        ...(input.capacity !== undefined && input.capacity !== before.capacity ? { capacity: input.capacity } : {}),
      };
      const fields = Object.keys(changes);
      if (fields.length === 0) return before;
      await repo.updateRoom(trx, organizationId, roomId, changes);
      await deps.audit(trx, { ...auditBase(ctx), action: 'room.updated', entityType: 'room', entityId: roomId, details: { fields } });
      return mustFindRoom(trx, organizationId, roomId);
    }),
  );
}

export async function setRoomActive(deps: AppDeps, ctx: ActorCtx, roomId: string, active: boolean): Promise<RoomDto> {
  return deps.db.transaction().execute(async (trx) => {
    const organizationId = ctx.actor.organizationId;
    const room = await mustFindRoom(trx, organizationId, roomId, { forUpdate: true });
    if (room.active === active) return room;
    if (!active) {
      // A room that groups or appointments still use would leave them pointing at a closed door.
      const { activeTemplates, upcomingSessions } = await repo.roomBookings(trx, organizationId, roomId, ctx.now);
      if (activeTemplates > 0 || upcomingSessions > 0) {
        throw new DomainError(
          'RULE_VIOLATION',
          `The room is still booked by ${activeTemplates} active group series and ${upcomingSessions} upcoming session(s); move them first`,
        );
      }
    }
    await repo.updateRoom(trx, organizationId, roomId, { active });
    await deps.audit(trx, {
      ...auditBase(ctx),
      action: active ? 'room.reactivated' : 'room.deactivated',
      entityType: 'room',
      entityId: roomId,
    });
    return mustFindRoom(trx, organizationId, roomId);
  });
}

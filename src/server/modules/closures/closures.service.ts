import { DomainError, fieldError } from '../../../domain/errors.js';
import { assertLocalDate, daysBetween } from '../../../domain/scheduling/local-time.js';
import type { Closure } from '../../../domain/scheduling/session-generation.js';
import { materializeRange } from '../schedules/templates.service.js';
import type { ActorCtx, AppDeps } from '../../context.js';
import type { Db } from '../../db/database.js';
import { isUniqueViolation } from '../../db/pg-errors.js';
import { findSite } from '../sites/sites.repository.js';
import { auditBase } from '../sites/sites.service.js';
import * as repo from './closures.repository.js';

// Closures (holidays, building closed) are configuration: reads are not audited, changes are. The
// reason is free text, so the audit row names the date and site only.

export type ClosureDto = repo.ClosureRecord;

/** A listing covers at most two years, enough for a holiday calendar and this year's and next. */
export const MAX_CLOSURE_RANGE_DAYS = 731;

function checkRange(range: { from: string; to: string }): void {
  assertLocalDate(range.from, 'from');
  assertLocalDate(range.to, 'to');
  const days = daysBetween(range.from, range.to) + 1;
  if (days < 1) throw fieldError('to', 'must not be before from');
  if (days > MAX_CLOSURE_RANGE_DAYS) throw fieldError('to', `the range may cover at most ${MAX_CLOSURE_RANGE_DAYS} days`);
}

export async function listClosures(
  deps: AppDeps,
  ctx: ActorCtx,
  query: { from: string; to: string; siteId?: string | undefined },
): Promise<ClosureDto[]> {
  checkRange(query);
  const organizationId = ctx.actor.organizationId;
  if (query.siteId !== undefined && !(await findSite(deps.db, organizationId, query.siteId))) throw fieldError('siteId', 'unknown site');
  return repo.listClosures(deps.db, organizationId, query, query.siteId);
}

function duplicate(message: string): DomainError {
  return new DomainError('DUPLICATE', message, { details: [{ path: 'date', message: 'already closed on this date' }] });
}

export async function createClosure(
  deps: AppDeps,
  ctx: ActorCtx,
  input: { siteId: string | null; date: string; reason: string },
): Promise<ClosureDto> {
  assertLocalDate(input.date, 'date');
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const organizationId = ctx.actor.organizationId;
      if (input.siteId !== null) {
        if (!(await findSite(trx, organizationId, input.siteId))) throw fieldError('siteId', 'unknown site');
        // A whole-organization closure already closes this site on that day.
        if (await repo.findOrganizationClosure(trx, organizationId, input.date))
          throw duplicate(`Every site is already closed on ${input.date}`);
      }
      const closureId = await repo.insertClosure(trx, { organizationId, ...input });
      // The day's generated group sessions are cancelled now, in the same transaction.
      const summary = await materializeRange(
        trx,
        organizationId,
        { from: input.date, to: input.date },
        { siteId: input.siteId ?? undefined },
        ctx.now,
      );
      await deps.audit(trx, {
        ...auditBase(ctx),
        action: 'closure.created',
        entityType: 'closure',
        entityId: closureId,
        details: { date: input.date, siteId: input.siteId, sessionsCancelled: summary.cancelledByClosure },
      });
      return { id: closureId, ...input };
    });
  } catch (error) {
    if (isUniqueViolation(error, repo.CLOSURE_UNIQUE))
      throw duplicate(
        input.siteId === null ? `The organization is already closed on ${input.date}` : `This site is already closed on ${input.date}`,
      );
    throw error;
  }
}

/** Removes a closure; the sessions it cancelled are scheduled again (unless staff changed them). */
export async function deleteClosure(deps: AppDeps, ctx: ActorCtx, closureId: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const organizationId = ctx.actor.organizationId;
    const closure = await repo.findClosure(trx, organizationId, closureId);
    if (!closure) throw new DomainError('NOT_FOUND', 'No such closure');
    await repo.deleteClosure(trx, organizationId, closureId);
    await materializeRange(trx, organizationId, { from: closure.date, to: closure.date }, { siteId: closure.siteId ?? undefined }, ctx.now);
    await deps.audit(trx, {
      ...auditBase(ctx),
      action: 'closure.deleted',
      entityType: 'closure',
      entityId: closureId,
      details: { date: closure.date, siteId: closure.siteId },
    });
  });
}

/**
 * Closures of one organization in a range of local dates (both inclusive), in the shape session
 * generation takes (`generateSessions(template, range, closures)`). Without `siteId` every closure
 * of the organization; with it, that site's and the organization-wide ones.
 */
export async function closuresBetween(
  db: Db,
  organizationId: string,
  range: { from: string; to: string },
  siteId?: string,
): Promise<Closure[]> {
  const records = await repo.listClosures(db, organizationId, range, siteId);
  return records.map((closure) => ({ date: closure.date, reason: closure.reason, siteId: closure.siteId }));
}

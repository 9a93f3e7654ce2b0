import ical, { ICalEventStatus } from 'ical-generator';
import { DomainError } from '../../../domain/errors.js';
import { addDays } from '../../../domain/scheduling/local-time.js';
import type { ActorCtx, AppDeps } from '../../context.js';
import { newToken, sha256 } from '../../lib/secrets.js';
import { sessionsInView, type SessionDto } from '../schedules/sessions.service.js';
import * as repo from './feed.repository.js';

// A clinician's own schedule as an iCalendar feed behind a secret URL (decision 0012). The token is
// shown once and stored as a SHA-256 hash (its 256 random bits make a slow hash unnecessary). The
// feed carries no patient names or ids: titles are "Group: <series title>" or the appointment kind.

export const FEED_PAST_DAYS = 14;
export const FEED_AHEAD_DAYS = 8 * 7;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export type FeedStatusDto = { active: boolean; createdAt: string | null };
export type NewFeedDto = { url: string; createdAt: string };

const INDIVIDUAL_TITLES: Record<Exclude<SessionDto['kind'], 'group'>, string> = {
  individual_therapy: 'Individual session',
  family_session: 'Family session',
  psychiatric_evaluation: 'Psychiatric evaluation',
  medication_management: 'Medication management',
};

function feedPath(token: string): string {
  return `/api/v1/calendar/feed/${token}.ics`;
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

export async function feedStatus(deps: AppDeps, ctx: ActorCtx): Promise<FeedStatusDto> {
  const feed = await repo.activeFeedOf(deps.db, ctx.actor.organizationId, ctx.actor.userId);
  return { active: feed !== undefined, createdAt: feed?.createdAt.toISOString() ?? null };
}

/** A new secret feed URL for the caller; any earlier URL stops working. */
export async function createFeed(deps: AppDeps, ctx: ActorCtx): Promise<NewFeedDto> {
  return deps.db.transaction().execute(async (trx) => {
    const organizationId = ctx.actor.organizationId;
    const replaced = await repo.revokeFeeds(trx, organizationId, ctx.actor.userId, ctx.now);
    const token = newToken();
    const feed = await repo.insertFeed(trx, { organizationId, userId: ctx.actor.userId, tokenHash: sha256(token), now: ctx.now });
    await deps.audit(trx, {
      ...auditBase(ctx),
      action: 'calendar_feed.created',
      entityType: 'calendar_feed',
      entityId: feed.id,
      details: { replaced },
    });
    return { url: feedPath(token), createdAt: feed.createdAt.toISOString() };
  });
}

export async function revokeFeed(deps: AppDeps, ctx: ActorCtx): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const revoked = await repo.revokeFeeds(trx, ctx.actor.organizationId, ctx.actor.userId, ctx.now);
    if (revoked > 0)
      await deps.audit(trx, { ...auditBase(ctx), action: 'calendar_feed.revoked', entityType: 'calendar_feed', details: { revoked } });
  });
}

function summaryOf(session: SessionDto): string {
  const title = session.kind === 'group' ? `Group: ${session.title}` : INDIVIDUAL_TITLES[session.kind];
  return session.status === 'cancelled' ? `Cancelled: ${title}` : title;
}

function locationOf(session: SessionDto): string {
  if (session.room !== null) return session.telehealth ? `${session.room.name} and telehealth` : session.room.name;
  return 'Telehealth';
}

/** The feed's calendar text; an unknown, malformed or revoked token is 404. */
export async function renderFeed(deps: AppDeps, token: string, now: Date): Promise<string> {
  if (!TOKEN_SHAPE.test(token)) throw new DomainError('NOT_FOUND', 'No such calendar feed');
  const feed = await repo.findFeedByHash(deps.db, sha256(token));
  if (!feed) throw new DomainError('NOT_FOUND', 'No such calendar feed');
  const today = now.toISOString().slice(0, 10);
  const sessions = await sessionsInView(
    deps.db,
    feed.organizationId,
    { by: 'clinician', id: feed.userId },
    addDays(today, -FEED_PAST_DAYS),
    addDays(today, FEED_AHEAD_DAYS),
  );
  const calendar = ical({ name: 'OpenIOP schedule', prodId: { company: 'OpenIOP', product: 'Schedule', language: 'EN' }, ttl: 60 * 60 });
  for (const session of sessions) {
    calendar.createEvent({
      id: `${session.id}@openiop`,
      start: new Date(session.startsAt),
      end: new Date(session.endsAt),
      stamp: now,
      sequence: session.version,
      summary: summaryOf(session),
      location: locationOf(session),
      status: session.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}

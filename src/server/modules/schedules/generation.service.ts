import { DomainError, fieldError } from '../../../domain/errors.js';
import type { DateRange, GroupTemplate } from '../../../domain/scheduling/group-template.js';
import {
  addDays,
  assertLocalDate,
  assertTimeZone,
  daysBetween,
  isoWeekday,
  localDateOf,
  localTimeOf,
} from '../../../domain/scheduling/local-time.js';
import {
  expandSessions,
  isSeriesDate,
  type GeneratedSession,
  type OccurrenceException,
} from '../../../domain/scheduling/session-generation.js';
import type { Db } from '../../db/database.js';
import { closuresFor } from './lookups.repository.js';
import * as sessions from './sessions.repository.js';
import type { TemplateRecord } from './templates.repository.js';

// Materializes a template's occurrences into sessions_of_care with the domain's generateSessions
// rules (docs/domain/scheduling.md), keyed by (template_id, occurrence_date). Rules (decision 0012):
// - an occurrence that has started, has attendance or whose day is closed is never touched;
// - one changed individually (moved, cancelled by staff, substitute) keeps its change; only a
//   closure's cancellation is added to or lifted from it, because a closed site is closed either way;
// - every other occurrence follows the template: updated, created, or removed when the series no
//   longer has its date.

export type GenerationSummary = {
  from: string;
  to: string;
  templates: number;
  created: number;
  updated: number;
  removed: number;
  cancelledByClosure: number;
  keptChanged: number;
  keptStarted: number;
};

/** How far ahead a template's occurrences are materialized when it is created or changed. */
export const GENERATE_AHEAD_DAYS = 8 * 7;
export const MAX_GENERATE_DAYS = 366;

export function emptySummary(range: DateRange): GenerationSummary {
  return {
    from: range.from,
    to: range.to,
    templates: 0,
    created: 0,
    updated: 0,
    removed: 0,
    cancelledByClosure: 0,
    keptChanged: 0,
    keptStarted: 0,
  };
}

export function addSummaries(total: GenerationSummary, part: GenerationSummary): GenerationSummary {
  return {
    from: total.from,
    to: total.to,
    templates: total.templates + part.templates,
    created: total.created + part.created,
    updated: total.updated + part.updated,
    removed: total.removed + part.removed,
    cancelledByClosure: total.cancelledByClosure + part.cancelledByClosure,
    keptChanged: total.keptChanged + part.keptChanged,
    keptStarted: total.keptStarted + part.keptStarted,
  };
}

/** The site-local date of an instant; refuses a site whose stored zone is unknown (422). */
export function siteToday(timeZone: string, now: Date): string {
  assertSiteZone(timeZone);
  return localDateOf(now.getTime(), timeZone);
}

export function assertSiteZone(timeZone: string): void {
  try {
    assertTimeZone(timeZone, 'site.timeZone');
  } catch {
    throw new DomainError('RULE_VIOLATION', `The site's time zone "${timeZone}" is not a known IANA time zone; correct the site first`, {
      details: [{ path: 'site.timeZone', message: `"${timeZone}" is not a known IANA time zone` }],
    });
  }
}

export function toDomainTemplate(template: TemplateRecord): GroupTemplate {
  return {
    id: template.id,
    siteId: template.siteId,
    timeZone: template.timeZone,
    daysOfWeek: template.daysOfWeek.map(isoWeekday),
    startTime: template.startTime,
    durationMinutes: template.durationMinutes,
    startsOn: template.startsOn,
    endsOn: template.endsOn,
    facilitatorId: null,
  };
}

export function isIndividuallyChanged(session: sessions.SessionRecord): boolean {
  return session.moved || session.substituteFacilitatorId !== null || session.cancelledBy === 'staff';
}

/** Started, attended or day closed: history that generation never rewrites. */
export function isSettled(session: sessions.SessionRecord, now: Date): boolean {
  return session.startsAt.getTime() <= now.getTime() || session.hasAttendance || session.dayClosedAt !== null;
}

function minutesOf(session: { startsAt: Date; endsAt: Date }): number {
  return Math.round((session.endsAt.getTime() - session.startsAt.getTime()) / 60_000);
}

function exceptionOf(session: sessions.SessionRecord, timeZone: string): OccurrenceException {
  const exception: OccurrenceException = { occurrenceDate: session.occurrenceDate ?? session.localDate };
  if (session.moved)
    exception.movedTo = {
      date: session.localDate,
      startTime: localTimeOf(session.startsAt.getTime(), timeZone),
      durationMinutes: minutesOf(session),
    };
  if (session.cancelledBy === 'staff') exception.cancelledReason = session.cancelReason ?? 'Cancelled';
  if (session.substituteFacilitatorId !== null) exception.substituteFacilitatorId = session.substituteFacilitatorId;
  return exception;
}

function fieldsFor(template: TemplateRecord, generated: GeneratedSession): sessions.SessionFields {
  return {
    siteId: template.siteId,
    programId: template.programId,
    kind: 'group',
    templateId: template.id,
    occurrenceDate: generated.occurrenceDate,
    patientId: null,
    episodeId: null,
    title: template.title,
    modality: template.modality,
    startsAt: new Date(generated.startUtc),
    endsAt: new Date(generated.endUtc),
    localDate: generated.localDate,
    roomId: template.roomId,
    telehealth: template.telehealth,
    capacity: template.capacity,
    clinicianIds: template.facilitatorIds,
    substituteFacilitatorId: null,
    moved: false,
    status: generated.status,
    cancelReason: generated.cancellation?.reason ?? null,
    cancelledBy: generated.cancellation === null ? null : generated.cancellation.source === 'closure' ? 'closure' : 'staff',
  };
}

function differs(row: sessions.SessionRecord, fields: sessions.SessionFields): boolean {
  return (
    row.siteId !== fields.siteId ||
    row.programId !== fields.programId ||
    row.title !== fields.title ||
    row.modality !== fields.modality ||
    row.startsAt.getTime() !== fields.startsAt.getTime() ||
    row.endsAt.getTime() !== fields.endsAt.getTime() ||
    row.localDate !== fields.localDate ||
    row.roomId !== fields.roomId ||
    row.telehealth !== fields.telehealth ||
    row.capacity !== fields.capacity ||
    [...row.clinicianIds].sort().join() !== [...fields.clinicianIds].sort().join() ||
    row.status !== fields.status ||
    row.cancelReason !== fields.cancelReason ||
    row.cancelledBy !== fields.cancelledBy
  );
}

/** Brings one template's occurrences in range up to date. The caller holds the template's row lock. */
export async function materializeTemplate(db: Db, template: TemplateRecord, range: DateRange, now: Date): Promise<GenerationSummary> {
  assertSiteZone(template.timeZone);
  const summary = { ...emptySummary(range), templates: 1 };
  const organizationId = template.organizationId;
  const domainTemplate = toDomainTemplate(template);
  const rows = await sessions.sessionsOfTemplate(db, organizationId, template.id, range.from, range.to);
  const byOccurrence = new Map(rows.map((row) => [row.occurrenceDate, row]));
  const exceptions = rows
    .filter((row) => isIndividuallyChanged(row) && row.occurrenceDate !== null && isSeriesDate(domainTemplate, row.occurrenceDate))
    .map((row) => exceptionOf(row, template.timeZone));
  const closures = await closuresFor(db, organizationId, template.siteId, range.from, range.to);
  const generated = expandSessions(domainTemplate, range, closures, exceptions);

  const inserts: sessions.SessionFields[] = [];
  const seen = new Set<string>();
  for (const occurrence of generated) {
    seen.add(occurrence.occurrenceDate);
    const fields = fieldsFor(template, occurrence);
    const row = byOccurrence.get(occurrence.occurrenceDate);
    if (!row) {
      inserts.push(fields);
      if (fields.cancelledBy === 'closure') summary.cancelledByClosure += 1;
      continue;
    }
    if (isSettled(row, now)) {
      summary.keptStarted += 1;
    } else if (isIndividuallyChanged(row)) {
      summary.keptChanged += 1;
      const closure = occurrence.cancellation?.source === 'closure' ? occurrence.cancellation : null;
      if (closure && row.status === 'scheduled') {
        await sessions.updateSession(
          db,
          organizationId,
          row.id,
          { status: 'cancelled', cancelledBy: 'closure', cancelReason: closure.reason },
          now,
        );
        summary.cancelledByClosure += 1;
      } else if (!closure && row.cancelledBy === 'closure') {
        await sessions.updateSession(db, organizationId, row.id, { status: 'scheduled', cancelledBy: null, cancelReason: null }, now);
      }
    } else if (differs(row, fields)) {
      await sessions.updateSession(db, organizationId, row.id, fields, now);
      summary.updated += 1;
      if (fields.cancelledBy === 'closure' && row.cancelledBy !== 'closure') summary.cancelledByClosure += 1;
    }
  }
  summary.created = await sessions.insertSessions(db, organizationId, inserts, now);

  // Occurrences whose series date is in range but no longer part of the series (days changed,
  // series ended or starts later). Individually changed ones stay for staff to decide.
  const removable = rows.filter(
    (row) =>
      row.occurrenceDate !== null &&
      row.occurrenceDate >= range.from &&
      row.occurrenceDate <= range.to &&
      !seen.has(row.occurrenceDate) &&
      !isSettled(row, now) &&
      !isIndividuallyChanged(row),
  );
  for (const row of rows) {
    if (
      row.occurrenceDate !== null &&
      !seen.has(row.occurrenceDate) &&
      !removable.includes(row) &&
      row.occurrenceDate >= range.from &&
      row.occurrenceDate <= range.to
    ) {
      if (isSettled(row, now)) summary.keptStarted += 1;
      else summary.keptChanged += 1;
    }
  }
  await sessions.deleteSessions(
    db,
    organizationId,
    removable.map((row) => row.id),
  );
  summary.removed = removable.length;
  return summary;
}

/** The window a template is regenerated over after a change: from today (site-local) 8 weeks ahead,
 * or further when occurrences were already materialized further out. */
export async function windowAfterChange(db: Db, template: TemplateRecord, now: Date): Promise<DateRange> {
  const today = siteToday(template.timeZone, now);
  const ahead = addDays(today, GENERATE_AHEAD_DAYS - 1);
  const last = await sessions.lastOccurrenceDate(db, template.organizationId, template.id);
  return { from: today, to: last !== null && last > ahead ? last : ahead };
}

export function checkGenerateRange(range: DateRange): void {
  assertLocalDate(range.from, 'from');
  assertLocalDate(range.to, 'to');
  const days = daysBetween(range.from, range.to) + 1;
  if (days < 1) throw fieldError('to', 'must not be before from');
  if (days > MAX_GENERATE_DAYS) throw fieldError('to', `the range may cover at most ${MAX_GENERATE_DAYS} days`);
}

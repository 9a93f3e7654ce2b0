import { DomainError } from '../../../domain/errors.js';
import { forecastWeek, type WeekForecast } from '../../../domain/intensity/week-forecast.js';
import {
  assessWeek,
  isBillableDay,
  summarizeWeek,
  type AttendanceFact,
  type DayIntensity,
  type WeekCompliance,
} from '../../../domain/intensity/weekly-intensity.js';
import type { IsoWeek } from '../../../domain/scheduling/local-time.js';
import type { ActorCtx, AppDeps } from '../../context.js';
import type { Db } from '../../db/database.js';
import { parseIsoWeek, weekBounds, weekContaining } from './iso-week.js';
import * as repo from './intensity.repository.js';
import type { Compliance, EpisodeRef, Forecast, PatientIntensity, WeeklyReport } from './intensity.schemas.js';

function auditBase(ctx: ActorCtx) {
  return {
    organizationId: ctx.actor.organizationId,
    userId: ctx.actor.userId,
    outcome: 'success' as const,
    clientIp: ctx.ip,
    requestId: ctx.requestId,
  };
}

/** SQL day sums -> the domain's week, judged by the domain's assessWeek. */
export function assessAggregate(week: IsoWeek, row: repo.WeeklyAggregateRow): WeekCompliance {
  const days: DayIntensity[] = row.days.map((day) => ({ ...day, billable: isBillableDay(day.minutes, row.rules) }));
  let minutes = 0;
  let daysAttended = 0;
  let billableDays = 0;
  for (const day of days) {
    minutes += day.minutes;
    if (day.minutes > 0) daysAttended += 1;
    if (day.billable) billableDays += 1;
  }
  return assessWeek({ week, minutes, daysAttended, billableDays, days }, row.rules);
}

function toCompliance(value: WeekCompliance): Compliance {
  return {
    minutes: value.minutes,
    daysAttended: value.daysAttended,
    billableDays: value.billableDays,
    days: value.days,
    status: value.status,
    findings: value.findings,
    reasons: value.reasons,
  };
}

export function toEpisodeRef(episode: repo.WeekEpisode): EpisodeRef {
  return {
    episodeId: episode.episodeId,
    episodeStatus: episode.episodeStatus,
    programId: episode.programId,
    programName: episode.programName,
    siteId: episode.siteId,
    levelOfCare: episode.levelOfCare,
    timeZone: episode.timeZone,
  };
}

export function toForecast(value: WeekForecast): Forecast {
  return {
    status: value.status,
    minutes: value.minutes,
    days: value.days,
    billableDays: value.billableDays,
    remainingSessions: value.remainingSessions,
    remainingMinutes: value.remainingMinutes,
    overCeiling: value.overCeiling,
    reasons: value.reasons,
  };
}

async function mustExist(check: Promise<boolean>, what: string): Promise<void> {
  if (!(await check)) throw new DomainError('NOT_FOUND', `No such ${what}`);
}

/**
 * Weekly intensity of every patient whose episode covers the week: one SQL aggregate, then the
 * domain's assessWeek. The report names many patients, so it is audited as one event listing
 * their ids (decision 0013), in the same transaction as the read.
 */
export async function weeklyReport(
  deps: AppDeps,
  ctx: ActorCtx,
  input: { week: string; siteId?: string | undefined; programId?: string | undefined },
): Promise<WeeklyReport> {
  const week = parseIsoWeek(input.week);
  const organizationId = ctx.actor.organizationId;
  return deps.db.transaction().execute(async (trx) => {
    if (input.siteId !== undefined) await mustExist(repo.siteExists(trx, organizationId, input.siteId), 'site');
    if (input.programId !== undefined) await mustExist(repo.programExists(trx, organizationId, input.programId), 'program');
    await repo.preferIndexedPlans(trx);
    const aggregate = await repo.weeklyAggregate(trx, organizationId, week, input);
    const summary = { patients: aggregate.length, compliant: 0, belowFloor: 0, aboveCeiling: 0 };
    const programs = new Map<string, WeeklyReport['programs'][number]>();
    const rows: WeeklyReport['rows'] = [];
    for (const row of aggregate) {
      const assessed = assessAggregate(week, row);
      if (assessed.status === 'compliant') summary.compliant += 1;
      else if (assessed.status === 'below_floor') summary.belowFloor += 1;
      else summary.aboveCeiling += 1;
      if (!programs.has(row.programId)) {
        programs.set(row.programId, {
          programId: row.programId,
          programName: row.programName,
          siteId: row.siteId,
          levelOfCare: row.levelOfCare,
          timeZone: row.timeZone,
          rules: row.rules,
        });
      }
      rows.push({
        patientId: row.patientId,
        name: row.patientName,
        episodeId: row.episodeId,
        programId: row.programId,
        minutes: assessed.minutes,
        daysAttended: assessed.daysAttended,
        billableDays: assessed.billableDays,
        days: assessed.days,
        status: assessed.status,
        findings: assessed.findings.map((finding) => finding.code),
        reasons: assessed.reasons,
      });
    }
    await deps.audit(trx, {
      ...auditBase(ctx),
      action: 'intensity.weekly_report_viewed',
      entityType: 'intensity_report',
      entityId: null,
      details: {
        week: week.key,
        siteId: input.siteId ?? null,
        programId: input.programId ?? null,
        patients: rows.length,
        patientIds: rows.map((row) => row.patientId),
      },
    });
    return { week, programs: [...programs.values()], rows, summary };
  });
}

/** The instant a forecast is taken at: now, clamped into the week (a past week is final, a future one untouched). */
export function forecastInstant(now: Date, bounds: { from: Date; to: Date }): Date {
  if (now.getTime() < bounds.from.getTime()) return bounds.from;
  if (now.getTime() >= bounds.to.getTime()) return new Date(bounds.to.getTime() - 1);
  return now;
}

/** A patient's week and its forecast with the domain's forecastWeek. */
export async function patientIntensity(
  deps: AppDeps,
  ctx: ActorCtx,
  patientId: string,
  weekKey: string | undefined,
): Promise<PatientIntensity> {
  const requested = weekKey === undefined ? null : parseIsoWeek(weekKey);
  return deps.db.transaction().execute(async (trx) => {
    const organizationId = ctx.actor.organizationId;
    await mustExist(repo.patientExists(trx, organizationId, patientId), 'patient');
    const episode = await repo.episodeOfPatient(trx, organizationId, patientId, requested);
    const zone = episode?.timeZone ?? 'UTC';
    const current = weekContaining(ctx.now, zone);
    const week = requested ?? current;
    const result = episode ? await judge(trx, organizationId, episode, week, ctx.now) : null;
    await deps.audit(trx, {
      ...auditBase(ctx),
      action: 'intensity.patient_viewed',
      entityType: 'patient',
      entityId: patientId,
      patientId,
      details: { week: week.key },
    });
    return {
      patientId,
      week,
      asOf: forecastInstant(ctx.now, weekBounds(week, zone)).toISOString(),
      isCurrentWeek: week.key === current.key,
      episode: episode ? toEpisodeRef(episode) : null,
      rules: episode?.rules ?? null,
      intensity: result ? toCompliance(result.intensity) : null,
      forecast: result ? toForecast(result.forecast) : null,
    };
  });
}

/** Attended and still-planned sessions of one or more patients' weeks, judged by the domain. */
export async function judge(
  db: Db,
  organizationId: string,
  episode: repo.WeekEpisode,
  week: IsoWeek,
  now: Date,
): Promise<{ intensity: WeekCompliance; forecast: WeekForecast }> {
  const bounds = weekBounds(week, episode.timeZone);
  const asOf = forecastInstant(now, bounds);
  const facts = await repo.attendanceFacts(db, organizationId, [{ patientId: episode.patientId, ...bounds }]);
  const planned = await repo.plannedSessions(db, organizationId, [{ patientId: episode.patientId, from: asOf, to: bounds.to }]);
  return judgeFacts(episode, week, asOf, facts.get(episode.patientId) ?? [], planned.get(episode.patientId) ?? []);
}

export function judgeFacts(
  episode: repo.WeekEpisode,
  week: IsoWeek,
  asOf: Date,
  facts: readonly AttendanceFact[],
  planned: Parameters<typeof forecastWeek>[1],
): { intensity: WeekCompliance; forecast: WeekForecast } {
  const intensity = assessWeek(summarizeWeek(facts, episode.rules, episode.timeZone, week.monday), episode.rules);
  const forecast = forecastWeek(facts, planned, episode.rules, asOf, episode.timeZone);
  return { intensity, forecast };
}

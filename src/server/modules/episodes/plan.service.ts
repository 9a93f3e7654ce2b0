import { planIntensity, type PlanIntensity } from '../../../domain/episodes/weekly-plan.js';
import { fieldError } from '../../../domain/errors.js';
import type { GroupTemplate } from '../../../domain/scheduling/group-template.js';
import { isoWeekday, localDateOf, localTimeOf, parseInstant, weekdayName } from '../../../domain/scheduling/local-time.js';
import { templatesOverlap } from '../../../domain/scheduling/overlaps.js';
import type { ActorCtx, AppDeps } from '../../context.js';
import type { Db } from '../../db/database.js';
import { auditBase } from '../patients/patients.service.js';
import { conflict, ruleError, staleVersion } from './episode-errors.js';
import * as episodes from './episodes.repository.js';
import { mustFindEpisode } from './episodes.service.js';
import * as repo from './plan.repository.js';

type SeriesDto = Omit<repo.SeriesRecord, 'siteId' | 'siteName' | 'population' | 'seriesActive'>;

export type PlanDto = {
  episodeId: string;
  patientId: string;
  episodeStatus: 'open' | 'closed';
  version: number;
  admittedOn: string;
  dischargedOn: string | null;
  program: Pick<episodes.ProgramRecord, 'id' | 'name' | 'levelOfCare' | 'population' | 'siteId' | 'timeZone' | 'rules'>;
  enrolments: (SeriesDto & { seriesActive: boolean; startsOn: string; endsOn: string | null; inEffect: boolean })[];
  weekly: Omit<PlanIntensity, 'findings'> & { asOf: string };
  available: SeriesDto[];
};

export type PlanRow = { templateId: string; startsOn: string; endsOn: string | null };

function seriesDto(series: repo.SeriesRecord): SeriesDto {
  return {
    templateId: series.templateId,
    title: series.title,
    modality: series.modality,
    programId: series.programId,
    programName: series.programName,
    daysOfWeek: series.daysOfWeek,
    startTime: series.startTime,
    durationMinutes: series.durationMinutes,
    telehealth: series.telehealth,
    seriesStartsOn: series.seriesStartsOn,
    seriesEndsOn: series.seriesEndsOn,
  };
}

function covers(startsOn: string, endsOn: string | null, date: string): boolean {
  return startsOn <= date && (endsOn === null || endsOn >= date);
}

/** The day the weekly totals describe: today at the site, kept inside the episode's own dates. */
function defaultAsOf(now: Date, episode: episodes.EpisodeRecord): string {
  const today = localDateOf(now.getTime(), episode.timeZone);
  if (today < episode.admittedOn) return episode.admittedOn;
  if (episode.dischargedOn !== null && today > episode.dischargedOn) return episode.dischargedOn;
  return today;
}

async function mustFindProgram(db: Db, ctx: ActorCtx, programId: string): Promise<episodes.ProgramRecord> {
  const program = await episodes.findProgram(db, ctx.actor.organizationId, programId);
  if (!program) throw new Error("an episode's program is missing");
  return program;
}

async function buildPlan(db: Db, ctx: ActorCtx, episode: episodes.EpisodeRecord, asOfInput: string | undefined): Promise<PlanDto> {
  const organizationId = ctx.actor.organizationId;
  const program = await mustFindProgram(db, ctx, episode.programId);
  const asOf = asOfInput ?? defaultAsOf(ctx.now, episode);
  const rows = await repo.enrolmentsOf(db, organizationId, episode.id);
  const enrolments = rows.map((row) => ({
    ...seriesDto(row),
    seriesActive: row.seriesActive,
    startsOn: row.startsOn,
    endsOn: row.endsOn,
    // A series counts in the week when both the patient's enrolment and the series itself run that day.
    inEffect: row.seriesActive && covers(row.startsOn, row.endsOn, asOf) && covers(row.seriesStartsOn, row.seriesEndsOn, asOf),
  }));
  const intensity = planIntensity(
    enrolments.filter((row) => row.inEffect),
    program.rules,
  );
  const available =
    episode.status === 'open' ? await repo.availableSeries(db, organizationId, program.siteId, program.population, asOf) : [];
  return {
    episodeId: episode.id,
    patientId: episode.patientId,
    episodeStatus: episode.status,
    version: episode.version,
    admittedOn: episode.admittedOn,
    dischargedOn: episode.dischargedOn,
    program: {
      id: program.id,
      name: program.name,
      levelOfCare: program.levelOfCare,
      population: program.population,
      siteId: program.siteId,
      timeZone: program.timeZone,
      rules: program.rules,
    },
    enrolments,
    weekly: {
      asOf,
      minutes: intensity.minutes,
      days: intensity.days,
      billableDays: intensity.billableDays,
      byWeekday: intensity.byWeekday,
      status: intensity.status,
      reasons: intensity.reasons,
    },
    available: available.map(seriesDto),
  };
}

export async function getPlan(deps: AppDeps, ctx: ActorCtx, episodeId: string, asOf: string | undefined): Promise<PlanDto> {
  return deps.db.transaction().execute(async (trx) => {
    const episode = await mustFindEpisode(trx, ctx, episodeId);
    const plan = await buildPlan(trx, ctx, episode, asOf);
    await deps.audit(trx, {
      ...auditBase(ctx),
      action: 'episode.plan_viewed',
      entityType: 'episode',
      entityId: episodeId,
      patientId: episode.patientId,
    });
    return plan;
  });
}

/** Rule: a series joins a plan only if it meets at the episode program's site and is for the same population (decision 0011). */
function checkRow(
  row: PlanRow,
  index: number,
  series: repo.SeriesRecord | undefined,
  program: episodes.ProgramRecord,
  episode: episodes.EpisodeRecord,
): repo.SeriesRecord {
  const at = `enrolments.${index}`;
  if (!series) throw fieldError(`${at}.templateId`, 'is not a group series of this organization');
  if (series.siteId !== program.siteId)
    throw ruleError(`${at}.templateId`, `${series.title} meets at ${series.siteName}; this plan takes series at ${program.siteName} only`);
  if (series.population !== program.population)
    throw ruleError(
      `${at}.templateId`,
      `${series.title} is a group for ${series.population} patients; ${program.name} is for ${program.population} patients`,
    );
  if (!series.seriesActive) throw ruleError(`${at}.templateId`, `${series.title} is not active`);
  if (row.startsOn < episode.admittedOn) throw fieldError(`${at}.startsOn`, `must not be before the admission on ${episode.admittedOn}`);
  if (row.endsOn !== null && row.endsOn < row.startsOn) throw fieldError(`${at}.endsOn`, 'must not be before startsOn');
  if (series.seriesEndsOn !== null && row.startsOn > series.seriesEndsOn)
    throw ruleError(`${at}.startsOn`, `${series.title} ends on ${series.seriesEndsOn}`);
  return series;
}

type Checked = { row: PlanRow; series: repo.SeriesRecord; index: number };

/** The dates on which both the enrolment and its series run; null when they never meet. */
function runningDates(item: Checked): { from: string; to: string | null } {
  const from = item.row.startsOn > item.series.seriesStartsOn ? item.row.startsOn : item.series.seriesStartsOn;
  const ends = [item.row.endsOn, item.series.seriesEndsOn].filter((date): date is string => date !== null).sort();
  return { from, to: ends[0] ?? null };
}

function rangesMeet(
  a: { from: string; to: string | null },
  b: { from: string; to: string | null },
): { from: string; to: string | null } | null {
  const from = a.from > b.from ? a.from : b.from;
  const ends = [a.to, b.to].filter((date): date is string => date !== null).sort();
  const to = ends[0] ?? null;
  return to !== null && to < from ? null : { from, to };
}

function mayTouch(a: repo.SeriesRecord, b: repo.SeriesRecord): boolean {
  // A session running past midnight reaches into the next weekday, so only then can different days clash.
  const pastMidnight = (s: repo.SeriesRecord) =>
    Number(s.startTime.slice(0, 2)) * 60 + Number(s.startTime.slice(3, 5)) + s.durationMinutes > 24 * 60;
  return pastMidnight(a) || pastMidnight(b) || a.daysOfWeek.some((day) => b.daysOfWeek.includes(day));
}

function asTemplate(series: repo.SeriesRecord, timeZone: string, dates: { from: string; to: string | null }): GroupTemplate {
  return {
    id: series.templateId,
    siteId: series.siteId,
    timeZone,
    daysOfWeek: series.daysOfWeek.map(isoWeekday),
    startTime: series.startTime,
    durationMinutes: series.durationMinutes,
    startsOn: dates.from,
    endsOn: dates.to,
    facilitatorId: null,
  };
}

/** Refuses a row that repeats a series over overlapping dates, or whose sessions clash in time with another series of the plan. */
function checkClashes(items: Checked[], timeZone: string): void {
  for (let j = 1; j < items.length; j += 1) {
    const later = items[j];
    if (!later) continue;
    for (let i = 0; i < j; i += 1) {
      const earlier = items[i];
      if (!earlier) continue;
      const common = rangesMeet(runningDates(earlier), runningDates(later));
      if (earlier.series.templateId === later.series.templateId) {
        if (
          rangesMeet({ from: earlier.row.startsOn, to: earlier.row.endsOn }, { from: later.row.startsOn, to: later.row.endsOn }) !== null
        ) {
          throw fieldError(`enrolments.${later.index}.startsOn`, `${later.series.title} is already in the plan for these dates`);
        }
        continue;
      }
      if (common === null || !mayTouch(earlier.series, later.series)) continue;
      const overlap = templatesOverlap(asTemplate(earlier.series, timeZone, common), asTemplate(later.series, timeZone, common));
      if (overlap === null) continue;
      const end = (endUtc: string) => localTimeOf(parseInstant(endUtc, 'endUtc'), timeZone);
      throw ruleError(
        `enrolments.${later.index}.templateId`,
        `${later.series.title} and ${earlier.series.title} meet at the same time on ${weekdayName(overlap.first.localDate)} ${overlap.first.localDate} (${overlap.second.localStartTime}–${end(overlap.second.endUtc)} and ${overlap.first.localStartTime}–${end(overlap.first.endUtc)})`,
      );
    }
  }
}

export async function putPlan(
  deps: AppDeps,
  ctx: ActorCtx,
  episodeId: string,
  input: { version: number; enrolments: PlanRow[] },
): Promise<PlanDto> {
  return deps.db.transaction().execute(async (trx) => {
    const organizationId = ctx.actor.organizationId;
    const episode = await mustFindEpisode(trx, ctx, episodeId, { lock: true });
    if (episode.status === 'closed')
      throw conflict(`This episode was closed on ${episode.dischargedOn ?? ''}; its plan can no longer change`, { episodeId });
    if (episode.version !== input.version) throw staleVersion('episode', input.version, episode.version);
    const program = await mustFindProgram(trx, ctx, episode.programId);
    const series = await repo.seriesByIds(
      trx,
      organizationId,
      input.enrolments.map((row) => row.templateId),
    );
    const checked = input.enrolments.map((row, index) => ({
      row,
      index,
      series: checkRow(row, index, series.get(row.templateId), program, episode),
    }));
    checkClashes(checked, program.timeZone);

    const before = await repo.enrolmentsOf(trx, organizationId, episodeId);
    await repo.replaceEnrolments(trx, organizationId, episodeId, input.enrolments);
    await episodes.bumpEpisodeVersion(trx, organizationId, episodeId, ctx.now);
    const beforeIds = new Set(before.map((row) => row.templateId));
    const afterIds = new Set(input.enrolments.map((row) => row.templateId));
    await deps.audit(trx, {
      ...auditBase(ctx),
      action: 'episode.plan_changed',
      entityType: 'episode',
      entityId: episodeId,
      patientId: episode.patientId,
      details: {
        added: [...afterIds].filter((id) => !beforeIds.has(id)),
        removed: [...beforeIds].filter((id) => !afterIds.has(id)),
        rows: input.enrolments.length,
      },
    });
    const updated = await mustFindEpisode(trx, ctx, episodeId);
    return buildPlan(trx, ctx, updated, undefined);
  });
}

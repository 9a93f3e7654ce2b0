// Population outcomes of a program over a period (issue #5; definitions in docs/domain/outcomes.md):
// counts and rates only, no names. Still audited, viewed and exported alike: the numbers come from
// patients' clinical data, and accreditation reviewers ask who ran which report.
import { stringify } from 'csv-stringify/sync';
import { DomainError, fieldError } from '../../../domain/errors.js';
import type { Instrument } from '../../../domain/instruments/instrument.js';
import { findEnabledInstrument } from '../../../domain/instruments/library.js';
import { populationOutcomes, type PopulationOutcomes, type Rate } from '../../../domain/outcomes/population.js';
import { addDays, daysBetween, localDateOf } from '../../../domain/scheduling/local-time.js';
import type { ActorCtx, AppDeps } from '../../context.js';
import { auditBase } from '../patients/patients.service.js';
import * as repo from './outcomes.repository.js';

export type OutcomesQuery = { programId: string; from?: string | undefined; to?: string | undefined; instrument?: string | undefined };

export type OutcomesReport = PopulationOutcomes & {
  program: { id: string; name: string };
  instrument: { code: string; name: string };
  from: string;
  to: string;
  timeZone: string;
  reliabilitySources: string[];
};

/** The report reads every response of the program's episodes in the period: a few years at most. */
const MAX_DAYS = 3 * 366;

function mustFindInstrument(deps: AppDeps, code: string): Instrument {
  const instrument = findEnabledInstrument(code, deps.config.instrumentsEnabled);
  if (!instrument) throw fieldError('instrument', 'is not an enabled instrument');
  // Only instruments whose data says how change is read (a remission line or SD and reliability):
  // a screen such as ASQ or AUDIT-C is not an outcome measure (docs/domain/outcomes.md).
  const { remissionBelow, sd, reliability } = instrument.change;
  if (remissionBelow === null && (sd === null || reliability === null)) throw fieldError('instrument', 'is not an outcome measure');
  return instrument;
}

async function buildReport(deps: AppDeps, ctx: ActorCtx, query: OutcomesQuery): Promise<OutcomesReport> {
  const instrument = mustFindInstrument(deps, query.instrument ?? 'phq-9');
  const organizationId = ctx.actor.organizationId;
  const program = await repo.findProgram(deps.db, organizationId, query.programId);
  if (!program) throw new DomainError('NOT_FOUND', 'No such program');
  // Periods are days at the program's site, both ends included; by default the last 90 days.
  const to = query.to ?? localDateOf(ctx.now.getTime(), program.timeZone);
  const from = query.from ?? addDays(to, -89);
  if (from > to) throw fieldError('to', `must not be before from (${from})`);
  if (daysBetween(from, to) > MAX_DAYS) throw fieldError('from', 'the period may be at most three years');
  const episodes = await repo.programEpisodes(deps.db, organizationId, program.id, from, to);
  const stored = await repo.episodeResponses(
    deps.db,
    organizationId,
    episodes.map((episode) => episode.id),
    instrument.code,
  );
  const responses = stored.map((response) => ({
    ...response,
    localDate: localDateOf(response.administeredAt.getTime(), program.timeZone),
  }));
  const outcomes = populationOutcomes(instrument, episodes, responses, { from, to });
  const { sd, reliability } = instrument.change;
  return {
    ...outcomes,
    program: { id: program.id, name: program.name },
    instrument: { code: instrument.code, name: instrument.name },
    from,
    to,
    timeZone: program.timeZone,
    reliabilitySources: sd && reliability ? [sd.source, reliability.source] : [],
  };
}

async function audited(deps: AppDeps, ctx: ActorCtx, report: OutcomesReport, action: string): Promise<void> {
  await deps.db.transaction().execute((trx) =>
    deps.audit(trx, {
      ...auditBase(ctx),
      action,
      entityType: 'program',
      entityId: report.program.id,
      details: { instrument: report.instrument.code, from: report.from, to: report.to, episodes: report.episodes },
    }),
  );
}

export async function outcomesReport(deps: AppDeps, ctx: ActorCtx, query: OutcomesQuery): Promise<OutcomesReport> {
  const report = await buildReport(deps, ctx, query);
  await audited(deps, ctx, report, 'outcomes.report_viewed');
  return report;
}

function rateRow(measure: string, value: Rate | null): [string, number | null, number | null, number | null] {
  return value === null ? [measure, null, null, null] : [measure, value.numerator, value.denominator, value.percent];
}

/** One self-contained row per measure (program, instrument and period on every row), ready for a spreadsheet. */
export async function outcomesReportCsv(deps: AppDeps, ctx: ActorCtx, query: OutcomesQuery): Promise<{ csv: string; filename: string }> {
  const report = await buildReport(deps, ctx, query);
  const measures: [string, number | null, number | null, number | null][] = [
    ['episodes_in_period', null, null, report.episodes],
    ['with_baseline', null, null, report.withBaseline],
    rateRow('with_follow_up_percent', report.followUp),
    ['mean_change', report.meanChange.sum, report.meanChange.count, report.meanChange.mean],
    rateRow('response_percent', report.response),
    rateRow('remission_percent', report.remission),
    rateRow('reliable_improvement_percent', report.reliableImprovement),
    rateRow('reliable_deterioration_percent', report.reliableDeterioration),
  ];
  await audited(deps, ctx, report, 'outcomes.report_exported');
  // The program's name is left out: staff-entered text has no place in a formula-capable cell, and the id names it.
  const verified = report.reliabilityVerified === null ? 'n/a' : String(report.reliabilityVerified);
  const rows = measures.map(([measure, numerator, denominator, value]) => [
    report.program.id,
    report.instrument.code,
    report.from,
    report.to,
    measure,
    numerator,
    denominator,
    value,
    verified,
  ]);
  const header = ['program_id', 'instrument', 'from', 'to', 'measure', 'numerator', 'denominator', 'value', 'reliability_verified'];
  return { csv: stringify([header, ...rows]), filename: `outcomes-${report.instrument.code}-${report.from}-to-${report.to}.csv` };
}

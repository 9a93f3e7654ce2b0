import { stringify } from 'csv-stringify/sync';
import { percentile } from '../../../domain/admissions/response-clock.js';
import { INQUIRY_STAGES, closedReasonCode } from '../../../domain/admissions/stage-rules.js';
import { fieldError } from '../../../domain/errors.js';
import type { ActorCtx, AppDeps } from '../../context.js';
import { auditBase } from '../patients/patients.service.js';
import * as repo from './admissions-report.repository.js';

// The conversion report: arrivals in a date range (UTC days, both ends included) by source and by
// current stage, the response time, time to admission and why people were lost. Counts only: no
// names, so the report itself is not a read of any one person's data; its export is audited.

const DAY_MS = 86_400_000;
const SOURCES = ['web_form', 'api', 'staff'] as const;

export type ReportQuery = { from?: string | undefined; to?: string | undefined };
type Count = { key: string; count: number };

function minutesBetween(from: Date, to: Date): number {
  return Math.max(0, Math.floor((to.getTime() - from.getTime()) / 60_000));
}

function counted(keys: readonly string[], values: readonly string[]): Count[] {
  return keys.map((key) => ({ key, count: values.filter((value) => value === key).length }));
}

function tally(values: readonly string[]): Count[] {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts.entries()].map(([key, count]) => ({ key, count })).sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

function range(ctx: ActorCtx, query: ReportQuery): { from: string; to: string } {
  const to = query.to ?? ctx.now.toISOString().slice(0, 10);
  const from = query.from ?? new Date(Date.parse(to) - 29 * DAY_MS).toISOString().slice(0, 10);
  if (from > to) throw fieldError('to', `must not be before from (${from})`);
  // A few years at most: the report reads every arrival in the range.
  if (Date.parse(to) - Date.parse(from) > 3 * 366 * DAY_MS) throw fieldError('from', 'the period may be at most three years');
  return { from, to };
}

async function buildReport(deps: AppDeps, ctx: ActorCtx, query: ReportQuery) {
  const { from, to } = range(ctx, query);
  const rows = await repo.reportRows(
    deps.db,
    ctx.actor.organizationId,
    new Date(`${from}T00:00:00Z`),
    new Date(Date.parse(`${to}T00:00:00Z`) + DAY_MS),
  );
  const contacted = rows.flatMap((row) => (row.firstContactAt === null ? [] : [minutesBetween(row.createdAt, row.firstContactAt)]));
  const admitted = rows.flatMap((row) => (row.admittedAt === null ? [] : [minutesBetween(row.createdAt, row.admittedAt)]));
  return {
    from,
    to,
    total: rows.length,
    bySource: counted(
      SOURCES,
      rows.map((row) => row.source),
    ),
    byStage: counted(
      INQUIRY_STAGES,
      rows.map((row) => row.stage),
    ),
    firstContact: { contacted: contacted.length, medianMinutes: percentile(contacted, 50), p90Minutes: percentile(contacted, 90) },
    admission: {
      admitted: admitted.length,
      medianMinutes: percentile(admitted, 50),
      conversionPercent: rows.length === 0 ? null : Math.round((admitted.length / rows.length) * 1000) / 10,
    },
    closedReasons: tally(
      rows.flatMap((row) => (row.stage === 'closed' && row.closedReason !== null ? [closedReasonCode(row.closedReason)] : [])),
    ),
    referredTo: tally(rows.flatMap((row) => (row.stage === 'referred' && row.referredTo !== null ? [row.referredTo] : []))),
  };
}

/** Free text opened in a spreadsheet must not start a formula. */
function spreadsheetSafe(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export function admissionsReport(deps: AppDeps, ctx: ActorCtx, query: ReportQuery) {
  return buildReport(deps, ctx, query);
}

export async function admissionsReportCsv(
  deps: AppDeps,
  ctx: ActorCtx,
  query: ReportQuery,
): Promise<{ csv: string; from: string; to: string }> {
  const report = await buildReport(deps, ctx, query);
  const lines: (string | number | null)[][] = [
    ['total', 'inquiries', report.total],
    ...report.bySource.map((c) => ['source', c.key, c.count]),
    ...report.byStage.map((c) => ['stage', c.key, c.count]),
    ['first_contact', 'contacted', report.firstContact.contacted],
    ['first_contact', 'median_minutes', report.firstContact.medianMinutes],
    ['first_contact', 'p90_minutes', report.firstContact.p90Minutes],
    ['admission', 'admitted', report.admission.admitted],
    ['admission', 'median_minutes', report.admission.medianMinutes],
    ['admission', 'conversion_percent', report.admission.conversionPercent],
    ...report.closedReasons.map((c) => ['closed_reason', c.key, c.count]),
    ...report.referredTo.map((c) => ['referred_to', spreadsheetSafe(c.key), c.count]),
  ];
  await deps.db.transaction().execute((trx) =>
    deps.audit(trx, {
      ...auditBase(ctx),
      action: 'admissions.report_exported',
      entityType: 'admissions_report',
      details: { from: report.from, to: report.to, rows: lines.length },
    }),
  );
  return { csv: stringify([['section', 'key', 'value'], ...lines]), from: report.from, to: report.to };
}

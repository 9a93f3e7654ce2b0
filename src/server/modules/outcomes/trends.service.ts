// A patient's trends (issue #5): each instrument over time with its severity bands, baseline and
// markers, and the level-of-care changes to read them against (docs/domain/outcomes.md).
import { totalRange, type Instrument } from '../../../domain/instruments/instrument.js';
import { enabledInstruments } from '../../../domain/instruments/library.js';
import { trendSeries } from '../../../domain/outcomes/trends.js';
import { localDateOf } from '../../../domain/scheduling/local-time.js';
import type { ActorCtx, AppDeps } from '../../context.js';
import { auditBase, mustFindPatient } from '../patients/patients.service.js';
import * as repo from './outcomes.repository.js';

export type LevelMarkerDto = {
  kind: 'admitted' | 'transferred_in' | 'transferred_out' | 'stepped_up' | 'stepped_down' | 'level_changed' | 'discharged' | 'assessment';
  date: string;
  fromLevel: string | null;
  toLevel: string | null;
};

export type TrendDto = {
  code: string;
  name: string;
  range: { min: number; max: number };
  bands: { min: number; max: number; name: string }[];
  remissionBelow: number | null;
  reliability: { sd: number; reliability: number; verified: boolean; sources: string[] } | null;
  baselines: { episodeId: string | null; administeredAt: string; total: number }[];
  points: {
    id: string;
    episodeId: string | null;
    administeredAt: string;
    total: number;
    band: string | null;
    isBaseline: boolean;
    baselineTotal: number;
    change: number;
    response: boolean;
    remission: boolean | null;
    reliable: 'improvement' | 'deterioration' | 'none' | null;
  }[];
  incomplete: { id: string; administeredAt: string }[];
};

export type PatientTrendsDto = { patientId: string; instruments: TrendDto[]; levelOfCare: LevelMarkerDto[] };

function trendOf(instrument: Instrument, responses: readonly repo.StoredResponse[]): TrendDto {
  const series = trendSeries(instrument, responses);
  const { sd, reliability } = instrument.change;
  return {
    code: instrument.code,
    name: instrument.name,
    range: totalRange(instrument),
    bands: instrument.bands.map((band) => ({ min: band.min, max: band.max, name: band.name })),
    remissionBelow: instrument.change.remissionBelow,
    reliability:
      sd && reliability
        ? {
            sd: sd.value,
            reliability: reliability.value,
            verified: sd.verified && reliability.verified,
            sources: [sd.source, reliability.source],
          }
        : null,
    baselines: series.baselines.map((b) => ({ episodeId: b.episodeId, administeredAt: b.administeredAt.toISOString(), total: b.total })),
    points: series.points.map((p) => ({ ...p, administeredAt: p.administeredAt.toISOString() })),
    incomplete: series.incomplete.map((r) => ({ id: r.id, administeredAt: r.administeredAt.toISOString() })),
  };
}

/** Every instrument the patient has answered, in library order. Audited as a read of the patient's data. */
export async function patientTrends(deps: AppDeps, ctx: ActorCtx, patientId: string): Promise<PatientTrendsDto> {
  return deps.db.transaction().execute(async (trx) => {
    await mustFindPatient(trx, ctx, patientId);
    const organizationId = ctx.actor.organizationId;
    const responses = await repo.patientResponses(trx, organizationId, patientId);
    const events = await repo.patientLevelEvents(trx, organizationId, patientId);
    const assessments = await repo.patientLevelAssessments(trx, organizationId, patientId);
    const timeZone = (await repo.patientTimeZone(trx, organizationId, patientId)) ?? 'UTC';
    const byInstrument = new Map<string, repo.StoredResponse[]>();
    for (const response of responses) byInstrument.set(response.instrument, [...(byInstrument.get(response.instrument) ?? []), response]);
    const instruments: TrendDto[] = [];
    // A response to an instrument switched off since keeps its row but gets no chart.
    for (const instrument of enabledInstruments(deps.config.instrumentsEnabled)) {
      const list = byInstrument.get(instrument.code);
      if (list) instruments.push(trendOf(instrument, list));
    }
    const levelOfCare: LevelMarkerDto[] = [
      ...events.map((event) => ({ kind: event.kind, date: event.effectiveOn, fromLevel: event.fromLevel, toLevel: event.toLevel })),
      ...assessments.map((assessment) => ({
        kind: 'assessment' as const,
        date: localDateOf(assessment.assessedAt.getTime(), timeZone),
        fromLevel: null,
        toLevel: assessment.finalLevel,
      })),
    ].sort((a, b) => a.date.localeCompare(b.date));
    await deps.audit(trx, {
      ...auditBase(ctx),
      action: 'patient_trends.viewed',
      entityType: 'patient',
      entityId: patientId,
      patientId,
      details: { responses: responses.length, instruments: instruments.map((i) => i.code) },
    });
    return { patientId, instruments, levelOfCare };
  });
}

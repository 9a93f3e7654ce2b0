// A patient's series for one instrument, ready for a trend chart: each complete response as a point
// with its change from the episode's baseline and the markers of DOMAIN.md section 4 (response,
// remission, Jacobson-Truax reliable change). Definitions: docs/domain/outcomes.md. Pure.
import { reliableChange, remission, responseAchieved } from '../instruments/change.js';
import type { Instrument } from '../instruments/instrument.js';

/** One stored response, as the trend needs it. `episodeId` null: recorded outside any episode. */
export type SeriesResponse = {
  id: string;
  episodeId: string | null;
  administeredAt: Date;
  complete: boolean;
  total: number | null;
  band: string | null;
};

export type ReliableDirection = 'improvement' | 'deterioration' | 'none';

export type TrendPoint = {
  id: string;
  episodeId: string | null;
  administeredAt: Date;
  total: number;
  band: string | null;
  isBaseline: boolean;
  baselineTotal: number;
  /** total - baseline: negative is improvement (every instrument here scores higher for worse). */
  change: number;
  /** A drop of at least 50% from baseline; false at the baseline itself. */
  response: boolean;
  /** Below the instrument's remission line; null where the instrument defines none. */
  remission: boolean | null;
  /** Null where the instrument has no SD or reliability. */
  reliable: ReliableDirection | null;
};

export type Baseline = { episodeId: string | null; responseId: string; administeredAt: Date; total: number };

export type TrendSeries = {
  points: TrendPoint[];
  /** One per episode with a complete response: its first complete response. */
  baselines: Baseline[];
  /** Incomplete forms: dated, never plotted as a total (docs/domain/instruments.md). */
  incomplete: { id: string; administeredAt: Date }[];
  /** Whether the SD and reliability behind `reliable` are verified against their source; null without them. */
  reliabilityVerified: boolean | null;
};

function byTime(a: SeriesResponse, b: SeriesResponse): number {
  return a.administeredAt.getTime() - b.administeredAt.getTime() || a.id.localeCompare(b.id);
}

/** The episode's baseline: its first complete response (ties broken by id, so the choice is stable). */
export function baselineOf(responses: readonly SeriesResponse[]): SeriesResponse | null {
  let first: SeriesResponse | null = null;
  for (const response of responses) {
    if (!response.complete || response.total === null) continue;
    if (first === null || byTime(response, first) < 0) first = response;
  }
  return first;
}

export function trendSeries(instrument: Instrument, responses: readonly SeriesResponse[]): TrendSeries {
  const sorted = [...responses].sort(byTime);
  const baselines = new Map<string | null, Baseline>();
  const points: TrendPoint[] = [];
  const incomplete: { id: string; administeredAt: Date }[] = [];
  for (const response of sorted) {
    if (!response.complete || response.total === null) {
      incomplete.push({ id: response.id, administeredAt: response.administeredAt });
      continue;
    }
    let baseline = baselines.get(response.episodeId);
    if (!baseline) {
      baseline = { episodeId: response.episodeId, responseId: response.id, administeredAt: response.administeredAt, total: response.total };
      baselines.set(response.episodeId, baseline);
    }
    const isBaseline = baseline.responseId === response.id;
    const reliable = reliableChange(baseline.total, response.total, instrument);
    points.push({
      id: response.id,
      episodeId: response.episodeId,
      administeredAt: response.administeredAt,
      total: response.total,
      band: response.band,
      isBaseline,
      baselineTotal: baseline.total,
      change: response.total - baseline.total,
      response: !isBaseline && responseAchieved(baseline.total, response.total),
      remission: remission(response.total, instrument),
      reliable: reliable === null ? null : isBaseline ? 'none' : reliable.direction,
    });
  }
  const sample = reliableChange(0, 0, instrument);
  return { points, baselines: [...baselines.values()], incomplete, reliabilityVerified: sample === null ? null : sample.verified };
}

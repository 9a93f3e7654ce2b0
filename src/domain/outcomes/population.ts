// Population outcomes of one program over one period for one instrument (issue #5, DOMAIN.md
// section 4; Joint Commission CTS.03.01.09 and CARF 2.A.12 ask for aggregate outcome analysis).
// Who counts and how each number is made: docs/domain/outcomes.md. Pure: dates are local dates of
// the program's site, computed by the caller.
import { reliableChange, remission, responseAchieved } from '../instruments/change.js';
import type { Instrument } from '../instruments/instrument.js';

export type Period = { from: string; to: string };

export type EpisodeInput = { id: string; admittedOn: string; dischargedOn: string | null };

export type OutcomeResponse = {
  id: string;
  episodeId: string;
  administeredAt: Date;
  /** The administration's date at the program's site. */
  localDate: string;
  complete: boolean;
  total: number | null;
};

/** numerator / denominator, and the percentage rounded to one decimal (null when nobody is in the denominator). */
export type Rate = { numerator: number; denominator: number; percent: number | null };

export type PopulationOutcomes = {
  /** Episodes of the program that overlap the period. */
  episodes: number;
  withBaseline: number;
  withFollowUp: number;
  /** withFollowUp / withBaseline. */
  followUp: Rate;
  /** Mean of (follow-up - baseline) over episodes with a follow-up; negative is improvement. */
  meanChange: { sum: number; count: number; mean: number | null };
  response: Rate;
  /** Null where the instrument defines no remission line. */
  remission: Rate | null;
  /** Null where the instrument has no SD or reliability. */
  reliableImprovement: Rate | null;
  reliableDeterioration: Rate | null;
  /** false while the SD or reliability used is a placeholder (instrument data `verified: false`). */
  reliabilityVerified: boolean | null;
};

export function rate(numerator: number, denominator: number): Rate {
  return { numerator, denominator, percent: denominator === 0 ? null : Math.round((numerator / denominator) * 1000) / 10 };
}

/** An episode counts when it was open on at least one day of the period (both ends included). */
export function overlaps(episode: EpisodeInput, period: Period): boolean {
  return episode.admittedOn <= period.to && (episode.dischargedOn === null || episode.dischargedOn >= period.from);
}

function earlier(a: OutcomeResponse, b: OutcomeResponse): boolean {
  const diff = a.administeredAt.getTime() - b.administeredAt.getTime();
  return diff < 0 || (diff === 0 && a.id < b.id);
}

export type EpisodeOutcome = { episodeId: string; baseline: number; followUp: number | null };

/**
 * Baseline: the episode's first complete response, administered on or before the period's last day
 * (it may precede the period). Follow-up: the episode's last complete response after the baseline
 * and within the period.
 */
export function episodeOutcome(episodeId: string, responses: readonly OutcomeResponse[], period: Period): EpisodeOutcome | null {
  let baseline: OutcomeResponse | null = null;
  for (const response of responses) {
    if (response.episodeId !== episodeId || !response.complete || response.total === null) continue;
    if (baseline === null || earlier(response, baseline)) baseline = response;
  }
  if (baseline === null || baseline.total === null || baseline.localDate > period.to) return null;
  let followUp: OutcomeResponse | null = null;
  for (const response of responses) {
    if (response.episodeId !== episodeId || !response.complete || response.total === null || response.id === baseline.id) continue;
    if (!earlier(baseline, response)) continue;
    if (response.localDate < period.from || response.localDate > period.to) continue;
    if (followUp === null || earlier(followUp, response)) followUp = response;
  }
  return { episodeId, baseline: baseline.total, followUp: followUp?.total ?? null };
}

export function populationOutcomes(
  instrument: Instrument,
  episodes: readonly EpisodeInput[],
  responses: readonly OutcomeResponse[],
  period: Period,
): PopulationOutcomes {
  const counted = episodes.filter((episode) => overlaps(episode, period));
  const byEpisode = new Map<string, OutcomeResponse[]>();
  for (const response of responses) {
    const list = byEpisode.get(response.episodeId);
    if (list) list.push(response);
    else byEpisode.set(response.episodeId, [response]);
  }
  let withBaseline = 0;
  let withFollowUp = 0;
  let sum = 0;
  let responders = 0;
  let remitted = 0;
  let improved = 0;
  let deteriorated = 0;
  for (const episode of counted) {
    const outcome = episodeOutcome(episode.id, byEpisode.get(episode.id) ?? [], period);
    if (outcome === null) continue;
    withBaseline += 1;
    if (outcome.followUp === null) continue;
    withFollowUp += 1;
    sum += outcome.followUp - outcome.baseline;
    if (responseAchieved(outcome.baseline, outcome.followUp)) responders += 1;
    if (remission(outcome.followUp, instrument) === true) remitted += 1;
    const reliable = reliableChange(outcome.baseline, outcome.followUp, instrument);
    if (reliable?.direction === 'improvement') improved += 1;
    if (reliable?.direction === 'deterioration') deteriorated += 1;
  }
  const hasRemission = instrument.change.remissionBelow !== null;
  const sample = reliableChange(0, 0, instrument);
  return {
    episodes: counted.length,
    withBaseline,
    withFollowUp,
    followUp: rate(withFollowUp, withBaseline),
    meanChange: { sum, count: withFollowUp, mean: withFollowUp === 0 ? null : Math.round((sum / withFollowUp) * 100) / 100 },
    response: rate(responders, withFollowUp),
    remission: hasRemission ? rate(remitted, withFollowUp) : null,
    reliableImprovement: sample === null ? null : rate(improved, withFollowUp),
    reliableDeterioration: sample === null ? null : rate(deteriorated, withFollowUp),
    reliabilityVerified: sample === null ? null : sample.verified,
  };
}

// Change between two complete totals, for trends and outcome reports (DOMAIN.md section 4). Every
// instrument here scores higher for worse, so improvement is a fall. Pure; no instrument named.
import type { Instrument, Statistic } from './instrument.js';

/** Response: a drop of at least 50% from baseline. A baseline of 0 has nothing to drop. */
export function responseAchieved(baseline: number, current: number): boolean {
  if (baseline <= 0) return false;
  return (baseline - current) / baseline >= 0.5;
}

/** Remission: below the instrument's remission line (PHQ-9 < 5, GAD-7 < 5); null where none is defined. */
export function remission(current: number, instrument: Instrument): boolean | null {
  const below = instrument.change.remissionBelow;
  return below === null ? null : current < below;
}

export type ReliableChange = {
  change: number;
  sediff: number;
  index: number;
  direction: 'improvement' | 'deterioration' | 'none';
  /** false while the SD or reliability used is not verified against its source. */
  verified: boolean;
};

/**
 * Jacobson-Truax reliable change: |change| / SEdiff > 1.96 with SEdiff = SD * sqrt(2) * sqrt(1 - r).
 * SD and r are instrument data with their source; a caller may pass its own (e.g. from its population).
 * Null where the instrument has none.
 */
export function reliableChange(
  baseline: number,
  current: number,
  instrument: Instrument,
  override: { sd?: number; reliability?: number } = {},
): ReliableChange | null {
  const sd: Statistic | null = override.sd === undefined ? instrument.change.sd : { value: override.sd, source: 'caller', verified: true };
  const reliability: Statistic | null =
    override.reliability === undefined ? instrument.change.reliability : { value: override.reliability, source: 'caller', verified: true };
  if (!sd || !reliability || reliability.value >= 1 || sd.value <= 0) return null;
  const sediff = sd.value * Math.SQRT2 * Math.sqrt(1 - reliability.value);
  const change = current - baseline;
  const index = change / sediff;
  const direction = Math.abs(index) > 1.96 ? (change < 0 ? 'improvement' : 'deterioration') : 'none';
  return { change, sediff, index, direction, verified: sd.verified && reliability.verified };
}

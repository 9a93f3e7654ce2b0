// Plain arithmetic for the SVG charts: linear scales, date ticks, and the words a screen reader hears
// for each point. No chart library (the charts are small and must be fully labelled).
import type { LevelMarkerDto, TrendPointDto } from './outcomes-api';

const DAY_MS = 86_400_000;

export type Scale = (value: number) => number;

/** Maps [d0, d1] onto [r0, r1]; a degenerate domain maps to the middle of the range. */
export function linearScale(d0: number, d1: number, r0: number, r1: number): Scale {
  if (d1 === d0) return () => (r0 + r1) / 2;
  return (value) => r0 + ((value - d0) / (d1 - d0)) * (r1 - r0);
}

/** The time span to draw: every point and level-of-care event, padded by a few days on each side. */
export function timeDomain(points: readonly { administeredAt: string }[], events: readonly LevelMarkerDto[]): [number, number] {
  const times = points.map((p) => Date.parse(p.administeredAt));
  if (times.length === 0) return [0, 1];
  const first = Math.min(...times);
  const last = Math.max(...times);
  // Level-of-care events widen the window only by up to two weeks, so an old admission does not squash the series.
  const eventTimes = events
    .map((e) => Date.parse(`${e.date}T12:00:00Z`))
    .filter((t) => t >= first - 14 * DAY_MS && t <= last + 14 * DAY_MS);
  const start = Math.min(first, ...eventTimes);
  const end = Math.max(last, ...eventTimes);
  const pad = Math.max(2 * DAY_MS, (end - start) * 0.04);
  return [start - pad, end + pad];
}

/** About `count` evenly spaced ticks on whole days. */
export function dateTicks(domain: [number, number], count: number): number[] {
  const [start, end] = domain;
  const step = Math.max(DAY_MS, Math.ceil((end - start) / count / DAY_MS) * DAY_MS);
  const first = Math.ceil(start / DAY_MS) * DAY_MS;
  const ticks: number[] = [];
  for (let t = first; t <= end; t += step) ticks.push(t);
  return ticks;
}

const dayFormat = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });
const fullDayFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium' });

export function shortDay(ms: number): string {
  return dayFormat.format(ms);
}

export function fullDay(iso: string): string {
  return fullDayFormat.format(Date.parse(iso));
}

/** What the point means, in words: used for its <title>, the hidden table and the legend. */
export function pointMarkers(point: TrendPointDto): string[] {
  const markers: string[] = [];
  if (point.isBaseline) markers.push('baseline');
  if (point.response) markers.push('response (50% or more below baseline)');
  if (point.remission === true) markers.push('remission');
  if (point.reliable === 'improvement') markers.push('reliable improvement');
  if (point.reliable === 'deterioration') markers.push('reliable deterioration');
  return markers;
}

export function signed(value: number): string {
  return value > 0 ? `+${value}` : value < 0 ? `−${Math.abs(value)}` : '0';
}

export function pointLabel(point: TrendPointDto): string {
  const band = point.band === null ? '' : ` (${point.band})`;
  const change = point.isBaseline ? '' : `, ${signed(point.change)} from baseline ${point.baselineTotal}`;
  const markers = pointMarkers(point).filter((m) => m !== 'baseline');
  return `${fullDay(point.administeredAt)}: ${point.total}${band}${point.isBaseline ? ', baseline' : change}${markers.length > 0 ? `; ${markers.join(', ')}` : ''}`;
}

const LEVEL_KIND: Record<LevelMarkerDto['kind'], string> = {
  admitted: 'Admitted',
  transferred_in: 'Transferred in',
  transferred_out: 'Transferred out',
  stepped_up: 'Stepped up',
  stepped_down: 'Stepped down',
  level_changed: 'Level changed',
  discharged: 'Discharged',
  assessment: 'Level-of-care assessment',
};

export function levelLabel(event: LevelMarkerDto): string {
  const levels =
    event.fromLevel !== null && event.toLevel !== null
      ? ` ${event.fromLevel} → ${event.toLevel}`
      : event.toLevel !== null
        ? `: ${event.toLevel}`
        : '';
  return `${LEVEL_KIND[event.kind]}${levels}`;
}

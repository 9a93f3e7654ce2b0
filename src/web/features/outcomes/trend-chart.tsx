import { useId, type ReactNode } from 'react';
import { dateTicks, fullDay, levelLabel, linearScale, pointLabel, shortDay, timeDomain } from './chart-geometry';
import type { LevelMarkerDto, TrendDto, TrendPointDto } from './outcomes-api';

// One instrument over time as plain SVG: severity bands shaded, the baseline dashed, a point per
// complete response with its markers, and dotted verticals at level-of-care changes. Every point has
// a <title>; the section also renders the values as a table for screen readers.

const WIDTH = 680;
const HEIGHT = 260;
const M = { top: 14, right: 12, bottom: 30, left: 36 };
/** Lightest first; low scores are better for every instrument charted here. */
const BAND_FILLS = ['#e6f4ea', '#f4f7dc', '#fdf3d8', '#fde7d6', '#fbdada'];
export const COLORS = {
  line: '#1c4f8a',
  improvement: '#1b7a3a',
  deterioration: '#b3261e',
  neutral: '#ffffff',
  level: '#5c5f66',
  text: '#212529',
};

function bandFill(index: number, count: number): string {
  // Spread fewer bands over the scale so the worst is always the reddest.
  const at = count <= 1 ? 0 : Math.round((index / (count - 1)) * (BAND_FILLS.length - 1));
  return BAND_FILLS[at] ?? '#f1f3f5';
}

function pointFill(point: TrendPointDto): string {
  if (point.reliable === 'improvement') return COLORS.improvement;
  if (point.reliable === 'deterioration') return COLORS.deterioration;
  return COLORS.neutral;
}

/** Consecutive points of one episode, so a line never joins two episodes. */
function byEpisode(points: readonly TrendPointDto[]): TrendPointDto[][] {
  const runs: TrendPointDto[][] = [];
  for (const point of points) {
    const last = runs.at(-1);
    if (last && last[0]?.episodeId === point.episodeId) last.push(point);
    else runs.push([point]);
  }
  return runs;
}

export function TrendChart({ trend, levelOfCare }: { trend: TrendDto; levelOfCare: readonly LevelMarkerDto[] }) {
  const id = useId();
  const domain = timeDomain(trend.points, levelOfCare);
  const x = linearScale(domain[0], domain[1], M.left, WIDTH - M.right);
  const y = linearScale(trend.range.min, trend.range.max, HEIGHT - M.bottom, M.top);
  const ticks = dateTicks(domain, 6);
  const events = levelOfCare.filter((event) => {
    const at = Date.parse(`${event.date}T12:00:00Z`);
    return at >= domain[0] && at <= domain[1];
  });
  const last = trend.points.at(-1);
  const summary =
    last === undefined
      ? 'No complete responses.'
      : `${trend.points.length} complete responses; latest ${last.total}${last.band === null ? '' : ` (${last.band})`} on ${fullDay(last.administeredAt)}.`;
  return (
    <svg
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      width="100%"
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      style={{ maxWidth: WIDTH, display: 'block' }}
      data-testid={`trend-chart-${trend.code}`}
    >
      <title id={`${id}-title`}>{`${trend.name} over time`}</title>
      <desc id={`${id}-desc`}>{summary}</desc>
      <g aria-hidden="true">
        {trend.bands.map((band, index) => {
          // A band covers its whole points: from just below min to just above max.
          const top = y(Math.min(trend.range.max, band.max + 0.5));
          const bottom = y(Math.max(trend.range.min, band.min - 0.5));
          return (
            <g key={band.name}>
              <rect x={M.left} y={top} width={WIDTH - M.left - M.right} height={bottom - top} fill={bandFill(index, trend.bands.length)} />
              <text x={WIDTH - M.right - 4} y={top + 11} fontSize={10} textAnchor="end" fill={COLORS.text}>
                {band.name}
              </text>
            </g>
          );
        })}
        <line x1={M.left} x2={M.left} y1={M.top} y2={HEIGHT - M.bottom} stroke={COLORS.level} />
        <line x1={M.left} x2={WIDTH - M.right} y1={HEIGHT - M.bottom} y2={HEIGHT - M.bottom} stroke={COLORS.level} />
        {[trend.range.min, Math.round((trend.range.min + trend.range.max) / 2), trend.range.max].map((value) => (
          <text key={value} x={M.left - 6} y={y(value) + 4} fontSize={10} textAnchor="end" fill={COLORS.text}>
            {value}
          </text>
        ))}
        {ticks.map((tick) => (
          <text key={tick} x={x(tick)} y={HEIGHT - M.bottom + 16} fontSize={10} textAnchor="middle" fill={COLORS.text}>
            {shortDay(tick)}
          </text>
        ))}
        {events.map((event, index) => {
          const at = x(Date.parse(`${event.date}T12:00:00Z`));
          return (
            <g key={`${event.kind}-${event.date}-${index}`} data-testid="level-marker">
              <line x1={at} x2={at} y1={M.top} y2={HEIGHT - M.bottom} stroke={COLORS.level} strokeDasharray="2 3" />
              <text x={at + 3} y={M.top + 10 + (index % 3) * 11} fontSize={9} fill={COLORS.text}>
                {levelLabel(event)}
              </text>
            </g>
          );
        })}
        {trend.baselines.map((baseline) => {
          const episodePoints = trend.points.filter((p) => p.episodeId === baseline.episodeId);
          const end = episodePoints.at(-1)?.administeredAt ?? baseline.administeredAt;
          return (
            <line
              key={`${baseline.episodeId ?? 'none'}-${baseline.administeredAt}`}
              x1={x(Date.parse(baseline.administeredAt))}
              x2={Math.max(x(Date.parse(end)), x(Date.parse(baseline.administeredAt)) + 8)}
              y1={y(baseline.total)}
              y2={y(baseline.total)}
              stroke={COLORS.line}
              strokeDasharray="6 4"
              data-testid="baseline-line"
            />
          );
        })}
        {byEpisode(trend.points).map((run) => (
          <polyline
            key={run[0]?.id}
            points={run.map((p) => `${x(Date.parse(p.administeredAt))},${y(p.total)}`).join(' ')}
            fill="none"
            stroke={COLORS.line}
            strokeWidth={2}
          />
        ))}
      </g>
      {trend.points.map((point) => {
        const cx = x(Date.parse(point.administeredAt));
        const cy = y(point.total);
        return (
          <g key={point.id} data-testid="trend-point">
            <title>{pointLabel(point)}</title>
            {point.remission === true && (
              <rect x={cx - 8} y={cy - 8} width={16} height={16} fill="none" stroke={COLORS.improvement} strokeWidth={2} />
            )}
            <circle cx={cx} cy={cy} r={5} fill={pointFill(point)} stroke={COLORS.line} strokeWidth={2} />
            {point.response && <path d={`M ${cx - 5} ${cy - 16} L ${cx + 5} ${cy - 16} L ${cx} ${cy - 9} Z`} fill={COLORS.improvement} />}
          </g>
        );
      })}
    </svg>
  );
}

/** The symbols of the chart, drawn the same way, with words. */
export function TrendLegend() {
  const item = (symbol: ReactNode, label: string) => (
    <li style={{ display: 'inline-flex', alignItems: 'center', gap: 4, marginRight: 16 }}>
      <svg width={18} height={18} viewBox="0 0 18 18" aria-hidden="true">
        {symbol}
      </svg>
      {label}
    </li>
  );
  return (
    <ul aria-label="Chart legend" style={{ listStyle: 'none', padding: 0, margin: 0, fontSize: 13 }}>
      {item(<circle cx={9} cy={9} r={5} fill={COLORS.neutral} stroke={COLORS.line} strokeWidth={2} />, 'Score')}
      {item(<line x1={1} x2={17} y1={9} y2={9} stroke={COLORS.line} strokeDasharray="4 3" strokeWidth={2} />, 'Baseline')}
      {item(<path d="M 4 4 L 14 4 L 9 12 Z" fill={COLORS.improvement} />, 'Response (≥ 50% below baseline)')}
      {item(<rect x={2} y={2} width={14} height={14} fill="none" stroke={COLORS.improvement} strokeWidth={2} />, 'Remission')}
      {item(<circle cx={9} cy={9} r={5} fill={COLORS.improvement} stroke={COLORS.line} strokeWidth={2} />, 'Reliable improvement')}
      {item(<circle cx={9} cy={9} r={5} fill={COLORS.deterioration} stroke={COLORS.line} strokeWidth={2} />, 'Reliable deterioration')}
      {item(<line x1={9} x2={9} y1={1} y2={17} stroke={COLORS.level} strokeDasharray="2 3" strokeWidth={2} />, 'Level-of-care change')}
    </ul>
  );
}

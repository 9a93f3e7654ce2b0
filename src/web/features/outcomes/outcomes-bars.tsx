import type { OutcomesDto, RateDto } from './outcomes-api';
import { COLORS } from './trend-chart';

// A horizontal bar per rate, 0-100%, labelled with the percentage and its counts. Plain SVG.

const WIDTH = 640;
const ROW = 30;
const LABEL = 190;
const RIGHT = 120;

export function OutcomesBars({ report }: { report: OutcomesDto }) {
  const bars: { label: string; rate: RateDto | null; color: string }[] = [
    { label: 'With a follow-up', rate: report.followUp, color: COLORS.line },
    { label: 'Response', rate: report.response, color: COLORS.improvement },
    { label: 'Remission', rate: report.remission, color: COLORS.improvement },
    { label: 'Reliable improvement', rate: report.reliableImprovement, color: COLORS.improvement },
    { label: 'Reliable deterioration', rate: report.reliableDeterioration, color: COLORS.deterioration },
  ];
  const shown = bars.filter((bar): bar is { label: string; rate: RateDto; color: string } => bar.rate !== null);
  const height = shown.length * ROW + 8;
  const span = WIDTH - LABEL - RIGHT;
  const text = (rate: RateDto) =>
    rate.percent === null ? 'no one to count' : `${rate.percent}% (${rate.numerator} of ${rate.denominator})`;
  return (
    <svg
      viewBox={`0 0 ${WIDTH} ${height}`}
      width="100%"
      style={{ maxWidth: WIDTH, display: 'block' }}
      role="img"
      aria-label="Outcome rates"
    >
      {shown.map((bar, index) => {
        const y = 4 + index * ROW;
        const width = ((bar.rate.percent ?? 0) / 100) * span;
        return (
          <g key={bar.label}>
            <title>{`${bar.label}: ${text(bar.rate)}`}</title>
            <text x={LABEL - 8} y={y + 17} fontSize={12} textAnchor="end" fill={COLORS.text}>
              {bar.label}
            </text>
            <rect x={LABEL} y={y + 4} width={span} height={18} fill="#f1f3f5" />
            <rect x={LABEL} y={y + 4} width={width} height={18} fill={bar.color} />
            <text x={LABEL + span + 6} y={y + 17} fontSize={12} fill={COLORS.text}>
              {text(bar.rate)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

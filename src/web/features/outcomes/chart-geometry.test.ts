import { describe, expect, it } from 'vitest';
import { dateTicks, levelLabel, linearScale, pointLabel, timeDomain } from './chart-geometry';
import type { TrendPointDto } from './outcomes-api';

const point = (over: Partial<TrendPointDto>): TrendPointDto => ({
  id: 'r',
  episodeId: 'e',
  administeredAt: '2026-10-12T15:00:00Z',
  total: 12,
  band: 'moderate',
  isBaseline: false,
  baselineTotal: 20,
  change: -8,
  response: false,
  remission: false,
  reliable: 'improvement',
  ...over,
});

describe('linearScale', () => {
  it.each([
    [0, 200],
    [27, 20],
    [13.5, 110],
  ])('maps a total of %d to y %d (higher scores draw higher)', (total, y) => {
    expect(linearScale(0, 27, 200, 20)(total)).toBeCloseTo(y);
  });

  it('puts everything in the middle for a single value', () => {
    expect(linearScale(5, 5, 0, 100)(5)).toBe(50);
  });
});

describe('timeDomain and ticks', () => {
  it('pads a single point by two days each side', () => {
    const [start, end] = timeDomain([{ administeredAt: '2026-10-12T00:00:00Z' }], []);
    expect(end - start).toBe(4 * 86_400_000);
  });

  it('takes in a level-of-care change close to the series but not one months before', () => {
    const points = [{ administeredAt: '2026-10-05T00:00:00Z' }, { administeredAt: '2026-10-26T00:00:00Z' }];
    const near = timeDomain(points, [{ kind: 'stepped_down', date: '2026-10-30', fromLevel: 'IOP', toLevel: 'OP' }]);
    const far = timeDomain(points, [{ kind: 'admitted', date: '2026-06-01', fromLevel: null, toLevel: 'IOP' }]);
    expect(near[1]).toBeGreaterThan(Date.parse('2026-10-30T12:00:00Z'));
    expect(far[0]).toBeGreaterThan(Date.parse('2026-09-01T00:00:00Z'));
  });

  it('gives whole-day ticks inside the domain', () => {
    const domain: [number, number] = [Date.parse('2026-10-01T06:00:00Z'), Date.parse('2026-10-29T06:00:00Z')];
    const ticks = dateTicks(domain, 4);
    expect(ticks.length).toBeGreaterThanOrEqual(4);
    expect(ticks.every((t) => t % 86_400_000 === 0 && t >= domain[0] && t <= domain[1])).toBe(true);
  });
});

describe('words for screen readers', () => {
  it('says the value, band, change and markers of a point', () => {
    expect(pointLabel(point({ total: 4, band: 'minimal', change: -16, response: true, remission: true }))).toBe(
      'Oct 12, 2026: 4 (minimal), −16 from baseline 20; response (50% or more below baseline), remission, reliable improvement',
    );
    expect(pointLabel(point({ isBaseline: true, total: 20, band: 'severe', change: 0, reliable: 'none' }))).toBe(
      'Oct 12, 2026: 20 (severe), baseline',
    );
  });

  it('names level-of-care changes', () => {
    expect(levelLabel({ kind: 'stepped_down', date: '2026-10-19', fromLevel: 'IOP', toLevel: 'OP' })).toBe('Stepped down IOP → OP');
    expect(levelLabel({ kind: 'assessment', date: '2026-10-15', fromLevel: null, toLevel: 'OP' })).toBe('Level-of-care assessment: OP');
  });
});

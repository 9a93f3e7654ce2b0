import { describe, expect, it } from 'vitest';
import { closureWhere, defaultRange, formatClosureDate, localDate } from './closures-state';

// Tests run with TZ=UTC, so local and UTC dates agree here.
describe('closure dates', () => {
  it.each([
    ['2026-03-15T10:00:00Z', { from: '2026-03-15', to: '2027-03-15' }],
    ['2028-02-29T10:00:00Z', { from: '2028-02-29', to: '2029-02-28' }],
    ['2026-12-31T23:59:00Z', { from: '2026-12-31', to: '2027-12-31' }],
  ])('at %s the default range is %j', (instant, range) => {
    expect(defaultRange(Date.parse(instant))).toEqual(range);
  });

  it('pads months and days', () => {
    expect(localDate(Date.parse('2026-01-05T12:00:00Z'))).toBe('2026-01-05');
  });

  it('names the weekday of the calendar date itself', () => {
    expect(formatClosureDate('2026-12-25')).toContain('25');
    expect(formatClosureDate('2026-12-25')).toMatch(/Fri/);
    expect(formatClosureDate('not a date')).toBe('not a date');
  });

  it('says where a closure applies', () => {
    const sites = [{ id: 's1', name: 'North', address: '', timeZone: 'UTC' }];
    expect(closureWhere({ id: 'c', siteId: null, date: '2026-01-01', reason: 'x' }, sites)).toBe('All sites');
    expect(closureWhere({ id: 'c', siteId: 's1', date: '2026-01-01', reason: 'x' }, sites)).toBe('North');
    expect(closureWhere({ id: 'c', siteId: 's2', date: '2026-01-01', reason: 'x' }, sites)).toBe('Unknown site');
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import { auditFilterQuery, auditPageQuery, localDayStart, readAuditView, writeAuditView } from './audit-params';

// Node applies a change of the TZ environment variable to Date at once.
afterEach(() => {
  vi.unstubAllEnvs();
});

describe('audit view in the address bar', () => {
  it('round-trips filters, sort and paging', () => {
    const params = new URLSearchParams('userId=u1&action=auth.login&from=2025-01-01&sort=occurredAt&page=3&limit=25');
    expect(writeAuditView(readAuditView(params)).toString()).toBe(params.toString());
  });

  it('falls back to newest first, page 1 and 50 rows for missing or odd values', () => {
    const view = readAuditView(new URLSearchParams('sort=name&page=-2&limit=7'));
    expect(view).toMatchObject({ sort: '-occurredAt', page: 1, limit: 50 });
  });
});

describe('audit API query', () => {
  it('sends whole local days as UTC instants, the end day included', () => {
    vi.stubEnv('TZ', 'UTC');
    const view = readAuditView(new URLSearchParams('from=2025-01-01&to=2025-01-31&page=2&limit=25'));
    expect(auditPageQuery(view)).toEqual({
      userId: undefined,
      patientId: undefined,
      action: undefined,
      from: '2025-01-01T00:00:00.000Z',
      to: '2025-02-01T00:00:00.000Z',
      sort: '-occurredAt',
      limit: 25,
      offset: 25,
    });
  });

  it('keeps the CSV export unpaged', () => {
    const query = auditFilterQuery(readAuditView(new URLSearchParams('page=4&action=x')));
    expect(query).not.toHaveProperty('limit');
    expect(query).not.toHaveProperty('offset');
  });

  it('handles the 23-hour day when clocks spring forward', () => {
    vi.stubEnv('TZ', 'America/New_York');
    expect(localDayStart('2024-03-10')).toBe('2024-03-10T05:00:00.000Z');
    expect(localDayStart('2024-03-10', 1)).toBe('2024-03-11T04:00:00.000Z');
  });

  it('ignores a malformed date', () => {
    expect(localDayStart('10/03/2024')).toBeUndefined();
  });
});

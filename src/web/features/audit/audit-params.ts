import type { QueryParams } from '../../lib/api';

// The audit page keeps its filters in the address bar (so Back works and a view can be shared)
// and turns them into the query of GET /api/v1/audit/events and its CSV twin.

export type AuditSort = 'occurredAt' | '-occurredAt';

export type AuditFilters = {
  userId: string;
  patientId: string;
  action: string;
  /** Calendar dates (YYYY-MM-DD) in the browser's time zone, both inclusive. */
  from: string;
  to: string;
};

export type AuditView = AuditFilters & { sort: AuditSort; page: number; limit: number };

export const PAGE_SIZES = [25, 50, 100, 200] as const;
const DEFAULT_LIMIT = 50;

export const EMPTY_FILTERS: AuditFilters = { userId: '', patientId: '', action: '', from: '', to: '' };

export function readAuditView(params: URLSearchParams): AuditView {
  const page = Number(params.get('page') ?? '1');
  const limit = Number(params.get('limit') ?? String(DEFAULT_LIMIT));
  return {
    userId: params.get('userId') ?? '',
    patientId: params.get('patientId') ?? '',
    action: params.get('action') ?? '',
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
    sort: params.get('sort') === 'occurredAt' ? 'occurredAt' : '-occurredAt',
    page: Number.isInteger(page) && page >= 1 ? page : 1,
    limit: PAGE_SIZES.some((size) => size === limit) ? limit : DEFAULT_LIMIT,
  };
}

export function writeAuditView(view: AuditView): URLSearchParams {
  const params = new URLSearchParams();
  const entries: [string, string][] = [
    ['userId', view.userId.trim()],
    ['patientId', view.patientId.trim()],
    ['action', view.action.trim()],
    ['from', view.from],
    ['to', view.to],
    ['sort', view.sort === '-occurredAt' ? '' : view.sort],
    ['page', view.page === 1 ? '' : String(view.page)],
    ['limit', view.limit === DEFAULT_LIMIT ? '' : String(view.limit)],
  ];
  for (const [key, value] of entries) if (value !== '') params.set(key, value);
  return params;
}

/**
 * Midnight at the start of a local calendar date, as a UTC date-time. Sending instants rather
 * than bare dates leaves no doubt about time zones or whether `to` includes its day.
 */
export function localDayStart(date: string, dayOffset = 0): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (match === null) return undefined;
  const [, year, month, day] = match;
  return new Date(Number(year), Number(month) - 1, Number(day) + dayOffset).toISOString();
}

/** Filters and sort for the API; `to` becomes the start of the following day. */
export function auditFilterQuery(view: AuditView): QueryParams {
  return {
    userId: view.userId.trim() || undefined,
    patientId: view.patientId.trim() || undefined,
    action: view.action.trim() || undefined,
    from: localDayStart(view.from),
    to: localDayStart(view.to, 1),
    sort: view.sort,
  };
}

export function auditPageQuery(view: AuditView): QueryParams {
  return { ...auditFilterQuery(view), limit: view.limit, offset: (view.page - 1) * view.limit };
}

import type { ClosureDto, SiteDto } from '../../lib/api-types';

/** The browser's calendar date of an instant, as YYYY-MM-DD. */
export function localDate(epochMs: number): string {
  const date = new Date(epochMs);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** From today to the same day next year: the holidays a director plans for. */
export function defaultRange(epochMs: number): { from: string; to: string } {
  const today = localDate(epochMs);
  const [year = '2000', rest = ''] = today.split(/-(.*)/s);
  // 29 February has no twin next year; 28 February keeps the range within 366 days.
  const nextYear = `${Number(year) + 1}-${rest === '02-29' ? '02-28' : rest}`;
  return { from: today, to: nextYear };
}

/** "All sites" or the site's name. */
export function closureWhere(closure: ClosureDto, sites: readonly SiteDto[]): string {
  if (closure.siteId === null) return 'All sites';
  return sites.find((site) => site.id === closure.siteId)?.name ?? 'Unknown site';
}

const weekdayDate = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  timeZone: 'UTC',
});

/** A calendar date with its weekday; read as UTC so the browser's zone cannot move the day. */
export function formatClosureDate(date: string): string {
  const ms = Date.parse(`${date}T00:00:00Z`);
  return Number.isNaN(ms) ? date : weekdayDate.format(ms);
}

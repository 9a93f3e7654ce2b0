// The weekly pattern a public program page shows ("Mon–Thu 9:00–12:15"), from the program's group
// templates. Template start times are local to the program's site (docs/domain/scheduling.md), so
// the pattern reads the same in daylight-saving and standard weeks. Pure: today is an argument.

export type TemplateForPattern = {
  /** ISO weekdays, 1 = Monday ... 7 = Sunday. */
  daysOfWeek: readonly number[];
  /** Local start time HH:MM in the site's time zone. */
  startTime: string;
  durationMinutes: number;
  startsOn: string;
  endsOn: string | null;
};

export type PatternSegment = { days: number[]; start: string; end: string };

const MINUTES_PER_DAY = 24 * 60;

function minutesOf(time: string): number {
  const [hours = '0', minutes = '0'] = time.split(':');
  return Number(hours) * 60 + Number(minutes);
}

function timeOf(minutes: number): string {
  const wrapped = ((minutes % MINUTES_PER_DAY) + MINUTES_PER_DAY) % MINUTES_PER_DAY;
  return `${Math.floor(wrapped / 60)}:${String(wrapped % 60).padStart(2, '0')}`;
}

/**
 * Each weekday's window from its earliest start to its latest end, over templates still running on
 * or after `today`; weekdays with the same window are grouped, in weekday order.
 */
export function schedulePattern(templates: readonly TemplateForPattern[], today: string): PatternSegment[] {
  const windows = new Map<number, { start: number; end: number }>();
  for (const template of templates) {
    if (template.endsOn !== null && template.endsOn < today) continue;
    const start = minutesOf(template.startTime);
    const end = start + template.durationMinutes;
    for (const day of template.daysOfWeek) {
      const current = windows.get(day);
      windows.set(day, current ? { start: Math.min(current.start, start), end: Math.max(current.end, end) } : { start, end });
    }
  }
  const segments: PatternSegment[] = [];
  for (const day of [...windows.keys()].sort((a, b) => a - b)) {
    const window = windows.get(day);
    if (!window) continue;
    const start = timeOf(window.start);
    const end = timeOf(window.end);
    const same = segments.find((segment) => segment.start === start && segment.end === end);
    if (same) same.days.push(day);
    else segments.push({ days: [day], start, end });
  }
  return segments;
}

export type PatternLanguage = 'en' | 'es';

const DAY_NAMES: Record<PatternLanguage, readonly string[]> = {
  en: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
  es: ['lun', 'mar', 'mié', 'jue', 'vie', 'sáb', 'dom'],
};

function dayList(days: readonly number[], language: PatternLanguage): string {
  const names = DAY_NAMES[language];
  const name = (day: number) => names[day - 1] ?? String(day);
  const runs: number[][] = [];
  for (const day of days) {
    const last = runs[runs.length - 1];
    if (last && last[last.length - 1] === day - 1) last.push(day);
    else runs.push([day]);
  }
  const parts: string[] = [];
  for (const run of runs) {
    const first = run[0] ?? 0;
    const lastDay = run[run.length - 1] ?? 0;
    // Three days or more in a row read better as a range; two stay a list.
    if (run.length >= 3) parts.push(`${name(first)}–${name(lastDay)}`);
    else parts.push(...run.map(name));
  }
  return parts.join(', ');
}

/** "Mon–Thu 9:00–12:15; Fri 9:00–10:30", or "" when no template runs. */
export function formatSchedulePattern(segments: readonly PatternSegment[], language: PatternLanguage): string {
  return segments.map((segment) => `${dayList(segment.days, language)} ${segment.start}–${segment.end}`).join('; ');
}

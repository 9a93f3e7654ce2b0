import type { PatientLanguage } from '../../../domain/patients/patient-language';
import type { Disposition, EpisodeDto, EpisodeEventDto, MoveKind } from '../../lib/api-types';

// Words and dates for the patient pages. Pure, so they are unit-tested next to this file.

type Named = { legalFirstName: string; legalLastName: string; preferredName: string | null };

/** "Synthetic, Avery (Ave)": sorted the way the list is, preferred name in brackets. */
export function listName(patient: Named): string {
  const preferred = patient.preferredName !== null && patient.preferredName !== patient.legalFirstName ? ` (${patient.preferredName})` : '';
  return `${patient.legalLastName}, ${patient.legalFirstName}${preferred}`;
}

const LANGUAGE_LABELS: Record<PatientLanguage, string> = { en: 'English', es: 'Español' };

/** The language the patient's link pages open in, as the patient form names it; null = not recorded. */
export function languageLabel(language: PatientLanguage | null): string {
  return language === null ? 'Not recorded' : LANGUAGE_LABELS[language];
}

/** What staff call the patient: preferred first name if given, then the legal last name. */
export function displayName(patient: Named): string {
  return `${patient.preferredName ?? patient.legalFirstName} ${patient.legalLastName}`;
}

const LEVEL_LABELS: Record<string, string> = {
  OP: 'Outpatient (OP)',
  IOP: 'Intensive outpatient (IOP)',
  PHP: 'Partial hospitalization (PHP)',
  inpatient: 'Inpatient care',
};

export function levelLabel(level: string | null): string {
  if (level === null) return '—';
  return LEVEL_LABELS[level] ?? level;
}

export const DISPOSITIONS: readonly { value: Disposition; label: string }[] = [
  { value: 'completed', label: 'Completed' },
  { value: 'stepped_down', label: 'Stepped down' },
  { value: 'stepped_up', label: 'Stepped up' },
  { value: 'left_against_advice', label: 'Left against advice' },
  { value: 'administrative', label: 'Administrative' },
  { value: 'transferred', label: 'Transferred' },
];

export function dispositionLabel(disposition: Disposition | null): string {
  return DISPOSITIONS.find((item) => item.value === disposition)?.label ?? '—';
}

export const MOVE_KINDS: readonly { value: MoveKind; label: string }[] = [
  { value: 'step_down', label: 'Step down' },
  { value: 'step_up', label: 'Step up' },
  { value: 'transfer', label: 'Transfer (same level)' },
];

const dateFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' });

/** A calendar date (YYYY-MM-DD) as "Mar 10, 2026"; read at UTC midnight so no zone can move it. */
export function formatDate(date: string | null): string {
  if (date === null) return '—';
  const ms = Date.parse(`${date}T00:00:00Z`);
  return Number.isNaN(ms) ? date : dateFormat.format(ms);
}

/** +15035550142 -> "+1 (503) 555-0142"; other countries stay in E.164 as stored. */
export function formatPhone(phone: string | null): string {
  if (phone === null) return '—';
  const us = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(phone);
  return us === null ? phone : `+1 (${us[1]}) ${us[2]}-${us[3]}`;
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** [1, 3, 5] -> "Mon, Wed, Fri" (ISO weekdays, 1 = Monday). */
export function weekdayList(days: readonly number[]): string {
  return days.map((day) => WEEKDAYS[day - 1] ?? String(day)).join(', ');
}

/** Today's calendar date on this computer, for form defaults. */
export function localToday(now: Date = new Date()): string {
  const month = String(now.getMonth() + 1).padStart(2, '0');
  const day = String(now.getDate()).padStart(2, '0');
  return `${now.getFullYear()}-${month}-${day}`;
}

function levels(event: EpisodeEventDto): string {
  return `${event.fromLevel ?? '?'} → ${event.toLevel ?? '?'}`;
}

/** One line per level-of-care event, in plain words. */
export function eventTitle(event: EpisodeEventDto, episode: Pick<EpisodeDto, 'disposition'>): string {
  const to = event.toProgramName ?? levelLabel(event.toLevel);
  switch (event.kind) {
    case 'admitted':
      return `Admitted to ${to} (${event.toLevel ?? ''})`;
    case 'transferred_in':
      return `Moved in from ${event.fromProgramName ?? '?'} (${levels(event)})`;
    case 'transferred_out':
      return `Transferred to ${to} (${levels(event)})`;
    case 'stepped_up':
      return event.toProgramId === null
        ? `Stepped up to inpatient care (referred out; ${levels(event)})`
        : `Stepped up to ${to} (${levels(event)})`;
    case 'stepped_down':
      return `Stepped down to ${to} (${levels(event)})`;
    case 'level_changed':
      return `Level changed (${levels(event)})`;
    case 'discharged':
      return `Discharged from ${event.fromProgramName ?? '?'}: ${dispositionLabel(episode.disposition).toLowerCase()}`;
  }
}

export type TimelineEntry = {
  key: string;
  date: string;
  title: string;
  reason: string;
  by: string | null;
  episodeId: string;
};

/**
 * The patient's whole level-of-care history across episodes, oldest first. A move writes an event on
 * both episodes; the arriving side is left out when the departing side is in the list, so each move
 * shows once.
 */
export function careTimeline(episodes: readonly EpisodeDto[]): TimelineEntry[] {
  const ids = new Set(episodes.map((episode) => episode.id));
  const entries: { entry: TimelineEntry; recordedAt: string }[] = [];
  for (const episode of episodes) {
    for (const event of episode.events) {
      if (event.kind === 'transferred_in' && episode.previousEpisodeId !== null && ids.has(episode.previousEpisodeId)) continue;
      const entry = {
        key: event.id,
        date: event.effectiveOn,
        title: eventTitle(event, episode),
        reason: event.reason,
        by: event.recordedByName,
        episodeId: episode.id,
      };
      entries.push({ entry, recordedAt: event.recordedAt });
    }
  }
  entries.sort((a, b) => a.entry.date.localeCompare(b.entry.date) || a.recordedAt.localeCompare(b.recordedAt));
  return entries.map((item) => item.entry);
}

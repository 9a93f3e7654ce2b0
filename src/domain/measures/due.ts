// What measures a patient owes at a given day: the program's schedule applied to the episode and the
// responses already given. Pure: the day is an argument. Rules: docs/domain/measures.md.
import { addDays, daysBetween } from '../scheduling/local-time.js';

export type ScheduleRule = {
  instrument: string;
  /** Due on the admission day. */
  baseline: boolean;
  /** Due this many days after the last complete response (or admission). */
  everyDays: number | null;
  /** Due after this many attended sessions since the last complete response (or admission). */
  everySessions: number | null;
  atLevelChange: boolean;
  atDischarge: boolean;
};

export type EpisodeFacts = {
  admittedOn: string;
  /** Local dates of level-of-care changes within the episode. */
  levelChangesOn: readonly string[];
  dischargedOn: string | null;
  /** Local dates of attended sessions, one entry per session. */
  attendedOn: readonly string[];
};

export type PastResponse = { instrument: string; administeredOn: string; complete: boolean };

export type DueReason = 'baseline' | 'every_days' | 'every_sessions' | 'level_change' | 'discharge';

export type DueMeasure = { instrument: string; reason: DueReason; dueOn: string; status: 'due' | 'overdue' };

/**
 * Days after the due day before a measure counts as overdue. Two days: a weekly measure due on a
 * day the patient does not attend is still on time at their next group day of a 3-day program.
 */
export const GRACE_DAYS = 2;

/** A discharge measure taken this many days before the discharge day counts (the last week's visit). */
export const DISCHARGE_WINDOW_DAYS = 3;

function completeOn(responses: readonly PastResponse[], instrument: string): string[] {
  return responses
    .filter((response) => response.instrument === instrument && response.complete)
    .map((response) => response.administeredOn)
    .sort();
}

function status(dueOn: string, today: string): 'due' | 'overdue' {
  return daysBetween(dueOn, today) > GRACE_DAYS ? 'overdue' : 'due';
}

/** One rule's open obligations: the earliest-due reason first, at most one per reason. */
function dueForRule(rule: ScheduleRule, episode: EpisodeFacts, taken: readonly string[], today: string): DueMeasure[] {
  const due: DueMeasure[] = [];
  const add = (reason: DueReason, dueOn: string) => {
    if (dueOn <= today) due.push({ instrument: rule.instrument, reason, dueOn, status: status(dueOn, today) });
  };
  const sinceAdmission = taken.filter((day) => day >= episode.admittedOn);
  const last = sinceAdmission.at(-1) ?? null;

  if (episode.dischargedOn !== null) {
    // After discharge only the discharge measure is owed.
    const from = addDays(episode.dischargedOn, -DISCHARGE_WINDOW_DAYS);
    if (rule.atDischarge && !sinceAdmission.some((day) => day >= from)) add('discharge', episode.dischargedOn);
    return due;
  }
  if (rule.baseline && last === null) add('baseline', episode.admittedOn);
  if (rule.everyDays !== null) {
    const from = last ?? episode.admittedOn;
    // With a baseline still owed, the first repeat is counted from admission like any other.
    add('every_days', addDays(from, rule.everyDays));
  }
  if (rule.everySessions !== null) {
    const from = last ?? episode.admittedOn;
    const attended = episode.attendedOn.filter((day) => (last === null ? day >= from : day > from)).sort();
    const nth = attended[rule.everySessions - 1];
    if (nth !== undefined) add('every_sessions', nth);
  }
  if (rule.atLevelChange) {
    const change = [...episode.levelChangesOn].sort().at(-1);
    if (change !== undefined && !sinceAdmission.some((day) => day >= change)) add('level_change', change);
  }
  return due;
}

/** Every measure due or overdue on `today` (a local date), overdue first, then by due day. */
export function measuresDue(
  rules: readonly ScheduleRule[],
  episode: EpisodeFacts,
  responses: readonly PastResponse[],
  today: string,
): DueMeasure[] {
  const due: DueMeasure[] = [];
  for (const rule of rules) due.push(...dueForRule(rule, episode, completeOn(responses, rule.instrument), today));
  return due.sort((a, b) => {
    if (a.status !== b.status) return a.status === 'overdue' ? -1 : 1;
    if (a.dueOn !== b.dueOn) return a.dueOn < b.dueOn ? -1 : 1;
    return a.instrument < b.instrument ? -1 : a.instrument > b.instrument ? 1 : 0;
  });
}

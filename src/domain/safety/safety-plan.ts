import type { FieldIssue } from '../errors.js';

// The Stanley-Brown safety plan: six parts, each a list of short entries (DOMAIN.md section 6,
// docs/domain/safety.md). Order and wording follow the published structure.

export const SAFETY_PLAN_PARTS = [
  {
    key: 'warningSigns',
    title: 'Warning signs',
    hint: 'Thoughts, images, moods, situations or behaviours that a crisis may be developing',
  },
  {
    key: 'internalCoping',
    title: 'Internal coping strategies',
    hint: 'Things I can do to take my mind off my problems without contacting anyone',
  },
  {
    key: 'socialDistraction',
    title: 'People and social places for distraction',
    hint: 'People and places that help me think about something else',
  },
  { key: 'peopleToAsk', title: 'People I can ask for help', hint: 'Names and phone numbers' },
  {
    key: 'professionals',
    title: 'Professionals and crisis lines',
    hint: 'Clinicians, the center, 988 Suicide & Crisis Lifeline, Crisis Text Line (text HOME to 741741), 911',
  },
  { key: 'safeEnvironment', title: 'Making the environment safe', hint: 'Steps to limit access to lethal means' },
] as const;

export type SafetyPlanPartKey = (typeof SAFETY_PLAN_PARTS)[number]['key'];
export type SafetyPlanContent = Record<SafetyPlanPartKey, string[]>;

export const MAX_ENTRIES_PER_PART = 20;
export const MAX_ENTRY_LENGTH = 300;

export type PlanCheck = { ok: true; plan: SafetyPlanContent } | { ok: false; issues: FieldIssue[] };

/**
 * Trims entries and drops empty ones; refuses an over-long entry or list, and a plan with no entry
 * at all (an empty plan helps nobody in a crisis). A part may be empty while the plan is worked on.
 */
export function checkSafetyPlan(input: SafetyPlanContent): PlanCheck {
  const issues: FieldIssue[] = [];
  const plan = {} as SafetyPlanContent;
  let entries = 0;
  for (const part of SAFETY_PLAN_PARTS) {
    const kept: string[] = [];
    input[part.key].forEach((raw, index) => {
      const entry = raw.trim();
      if (entry === '') return;
      if (entry.length > MAX_ENTRY_LENGTH)
        issues.push({ path: `${part.key}.${index}`, message: `use at most ${MAX_ENTRY_LENGTH} characters` });
      kept.push(entry);
    });
    if (kept.length > MAX_ENTRIES_PER_PART) issues.push({ path: part.key, message: `use at most ${MAX_ENTRIES_PER_PART} entries` });
    entries += kept.length;
    plan[part.key] = kept;
  }
  if (entries === 0 && issues.length === 0) issues.push({ path: 'warningSigns', message: 'write at least one entry in the plan' });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, plan };
}

export function emptySafetyPlan(): SafetyPlanContent {
  return { warningSigns: [], internalCoping: [], socialDistraction: [], peopleToAsk: [], professionals: [], safeEnvironment: [] };
}

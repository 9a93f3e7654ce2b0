// What a treatment plan version needs before a clinician may sign it (docs/domain/treatment-plans.md).
// A draft may be incomplete while it is written; signing checks everything at once and names each
// missing or malformed field by its path, e.g. "problems[0].goals[1].objectives[0].targetDate".
import type { FieldIssue } from '../errors.js';
import type { TreatmentPlanContent } from './plan-content.js';

/**
 * ICD-10-CM: a letter, two characters (a digit, then a digit or letter, e.g. F33, C4A), then
 * optionally a dot and up to four more characters (e.g. F33.1, F10.20, T43.011A; CMS ICD-10-CM
 * Official Guidelines, section I.A.2-4). Plans and notes both check codes here. The code must
 * also exist in the code set; that list is not shipped, so only the shape is checked.
 */
const ICD10CM = /^[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$/;

/** Trimmed and upper-cased, the way codes are stored. */
export function normalizeDiagnosisCode(code: string): string {
  return code.trim().toUpperCase();
}

export function isIcd10CmCode(code: string): boolean {
  return ICD10CM.test(code);
}

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

function isCalendarDate(value: string): boolean {
  if (!LOCAL_DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

const blank = (value: string | undefined) => value === undefined || value.trim() === '';

export type SignContext = {
  /** The date of signing in the program's zone ('YYYY-MM-DD'). */
  today: string;
  /** Active staff who may be responsible for an intervention (clinical roles). */
  responsibleStaffIds: ReadonlySet<string>;
  plannedDaysPerWeek: number | null;
  plannedMinutesPerWeek: number | null;
};

/** Every reason the version cannot be signed yet; empty when it is complete. */
export function planCompletenessIssues(content: TreatmentPlanContent, context: SignContext): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const issue = (path: string, message: string) => issues.push({ path, message });
  if (content.problems.length === 0) issue('problems', 'add at least one problem');
  content.problems.forEach((problem, p) => {
    const at = `problems[${p}]`;
    if (blank(problem.statement)) issue(`${at}.statement`, 'describe the problem');
    if (problem.diagnosisCodes.length === 0) issue(`${at}.diagnosisCodes`, 'link the problem to at least one ICD-10-CM diagnosis');
    problem.diagnosisCodes.forEach((code, c) => {
      if (!isIcd10CmCode(code)) issue(`${at}.diagnosisCodes[${c}]`, 'is not an ICD-10-CM code (e.g. F33.1)');
    });
    if (problem.goals.length === 0) issue(`${at}.goals`, 'add at least one goal');
    problem.goals.forEach((goal, g) => {
      const goalAt = `${at}.goals[${g}]`;
      if (blank(goal.statement)) issue(`${goalAt}.statement`, 'describe the goal');
      if (goal.objectives.length === 0) issue(`${goalAt}.objectives`, 'add at least one measurable objective');
      goal.objectives.forEach((objective, o) => {
        const objectiveAt = `${goalAt}.objectives[${o}]`;
        if (blank(objective.statement))
          issue(`${objectiveAt}.statement`, 'describe what the patient will do, how much and how it is measured');
        if (!isCalendarDate(objective.targetDate)) issue(`${objectiveAt}.targetDate`, 'give a target date (YYYY-MM-DD)');
        else if (objective.status === 'open' && objective.targetDate < context.today)
          issue(
            `${objectiveAt}.targetDate`,
            `an open objective's target date ${objective.targetDate} has passed: set a new date or a status`,
          );
      });
      if (goal.interventions.length === 0) issue(`${goalAt}.interventions`, 'add at least one intervention');
      goal.interventions.forEach((intervention, i) => {
        const interventionAt = `${goalAt}.interventions[${i}]`;
        if (blank(intervention.modality)) issue(`${interventionAt}.modality`, 'name the modality (e.g. CBT)');
        if (blank(intervention.frequency)) issue(`${interventionAt}.frequency`, 'say how often (e.g. 3 groups a week)');
        if (blank(intervention.responsibleUserId)) issue(`${interventionAt}.responsibleUserId`, 'choose the responsible staff member');
        else if (!context.responsibleStaffIds.has(intervention.responsibleUserId))
          issue(`${interventionAt}.responsibleUserId`, 'is not an active clinical staff member of this organization');
      });
    });
  });
  if (context.plannedDaysPerWeek === null) issue('plannedDaysPerWeek', 'give the planned days per week');
  if (context.plannedMinutesPerWeek === null) issue('plannedMinutesPerWeek', 'give the planned minutes per week');
  return issues;
}

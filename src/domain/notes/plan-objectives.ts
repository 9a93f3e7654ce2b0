// The objectives a note may cite ("addressed in session"), read from an episode's treatment plan
// versions.
import type { TreatmentPlanContent } from '../treatment-plans/plan-content.js';
import { objectivesOf } from '../treatment-plans/plan-ids.js';

export type ObjectiveChoice = { id: string; statement: string; goal: string };

function choicesOf(content: TreatmentPlanContent): ObjectiveChoice[] {
  return objectivesOf(content).map(({ objective, goal }) => ({ id: objective.id, statement: objective.statement, goal }));
}

/**
 * What a note of an episode may cite, from its plan versions newest first: the latest version's
 * objectives are the choices; an id of any version is known (ids survive revisions), under its
 * newest statement.
 */
export function citableObjectives(versionsNewestFirst: readonly TreatmentPlanContent[]): {
  choices: ObjectiveChoice[];
  known: Map<string, string>;
} {
  const known = new Map<string, string>();
  for (const content of versionsNewestFirst) {
    for (const { objective } of objectivesOf(content)) if (!known.has(objective.id)) known.set(objective.id, objective.statement);
  }
  const [latest] = versionsNewestFirst;
  return { choices: latest === undefined ? [] : choicesOf(latest), known };
}

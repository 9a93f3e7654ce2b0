// The objectives a note may cite ("addressed in session"), read from a treatment plan version's
// content. Stored JSON is read defensively: anything not shaped like an objective is skipped.

export type ObjectiveChoice = { id: string; statement: string; goal: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Every objective of one plan version (TreatmentPlanContent), in plan order, with its goal's statement. */
export function objectivesOf(content: unknown): ObjectiveChoice[] {
  const found: ObjectiveChoice[] = [];
  if (!isRecord(content)) return found;
  for (const problem of list(content.problems)) {
    if (!isRecord(problem)) continue;
    for (const goal of list(problem.goals)) {
      if (!isRecord(goal)) continue;
      const goalStatement = typeof goal.statement === 'string' ? goal.statement : '';
      for (const objective of list(goal.objectives)) {
        if (isRecord(objective) && typeof objective.id === 'string' && typeof objective.statement === 'string')
          found.push({ id: objective.id, statement: objective.statement, goal: goalStatement });
      }
    }
  }
  return found;
}

/**
 * What a note of an episode may cite, from its plan versions newest first: the latest version's
 * objectives are the choices; an id of any version is known (ids survive revisions), under its
 * newest statement.
 */
export function citableObjectives(versionsNewestFirst: readonly unknown[]): { choices: ObjectiveChoice[]; known: Map<string, string> } {
  const known = new Map<string, string>();
  for (const content of versionsNewestFirst) {
    for (const objective of objectivesOf(content)) if (!known.has(objective.id)) known.set(objective.id, objective.statement);
  }
  const [latest] = versionsNewestFirst;
  return { choices: latest === undefined ? [] : objectivesOf(latest), known };
}

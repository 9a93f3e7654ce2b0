// Ids of problems, goals, objectives and interventions (decision 0025): a note cites an objective by
// id, so an item keeps its id through every save and revision. New items, and anything whose id
// the draft does not already hold (a pasted or forged id), get a fresh one.
import type { PlanGoal, PlanIntervention, PlanObjective, PlanProblem, TreatmentPlanContent } from './plan-content.js';

type WithOptionalId<T> = Omit<T, 'id'> & { id?: string | undefined };

export type ObjectiveInput = WithOptionalId<PlanObjective>;
export type InterventionInput = WithOptionalId<PlanIntervention>;
export type GoalInput = WithOptionalId<Omit<PlanGoal, 'objectives' | 'interventions'>> & {
  objectives: ObjectiveInput[];
  interventions: InterventionInput[];
};
export type ProblemInput = WithOptionalId<Omit<PlanProblem, 'goals'>> & { goals: GoalInput[] };
export type PlanContentInput = Omit<TreatmentPlanContent, 'problems'> & { problems: ProblemInput[] };

/** Every id in the content, by kind. */
export function idsOf(content: TreatmentPlanContent): Record<'problem' | 'goal' | 'objective' | 'intervention', Set<string>> {
  const ids = { problem: new Set<string>(), goal: new Set<string>(), objective: new Set<string>(), intervention: new Set<string>() };
  for (const problem of content.problems) {
    ids.problem.add(problem.id);
    for (const goal of problem.goals) {
      ids.goal.add(goal.id);
      for (const objective of goal.objectives) ids.objective.add(objective.id);
      for (const intervention of goal.interventions) ids.intervention.add(intervention.id);
    }
  }
  return ids;
}

/**
 * The content with every item's id settled. `known` is the content the draft holds now (for a
 * revision, a copy of the previous version); `newId` makes a fresh id (the caller's UUID source).
 */
export function assignIds(input: PlanContentInput, known: TreatmentPlanContent | null, newId: () => string): TreatmentPlanContent {
  const knownIds = known ? idsOf(known) : idsOf({ problems: [], patientStrengthsAndPreferences: '' });
  const used = new Set<string>();
  const settle = (id: string | undefined, kind: keyof typeof knownIds): string => {
    if (id !== undefined && knownIds[kind].has(id) && !used.has(id)) {
      used.add(id);
      return id;
    }
    const fresh = newId();
    used.add(fresh);
    return fresh;
  };
  const { problems, ...rest } = input;
  return {
    ...rest,
    problems: problems.map((problem) => ({
      ...problem,
      id: settle(problem.id, 'problem'),
      goals: problem.goals.map((goal) => ({
        ...goal,
        id: settle(goal.id, 'goal'),
        objectives: goal.objectives.map((objective) => ({ ...objective, id: settle(objective.id, 'objective') })),
        interventions: goal.interventions.map((intervention) => ({ ...intervention, id: settle(intervention.id, 'intervention') })),
      })),
    })),
  };
}

/** The objectives of a version with their place in it, for citing and for the history view. */
export function objectivesOf(content: TreatmentPlanContent): { objective: PlanObjective; problem: string; goal: string }[] {
  const result: { objective: PlanObjective; problem: string; goal: string }[] = [];
  for (const problem of content.problems) {
    for (const goal of problem.goals) {
      for (const objective of goal.objectives) result.push({ objective, problem: problem.statement, goal: goal.statement });
    }
  }
  return result;
}

// Ids of problems, goals, objectives and interventions (decision 0025): a note cites an objective by
// id, so an item keeps its id through every save and revision (a revision starts from a copy of the
// previous version, ids included). The editor makes the id of a new item itself (a UUID), so an
// autosave never renames what the user is typing in; an item without one, or with an id already used
// elsewhere in the same content, gets a fresh one.
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

/** The content with every item's id settled; `newId` makes a fresh id (the caller's UUID source). */
export function assignIds(input: PlanContentInput, newId: () => string): TreatmentPlanContent {
  const used = new Set<string>();
  const settle = (id: string | undefined): string => {
    const settled = id === undefined || id === '' || used.has(id) ? newId() : id;
    used.add(settled);
    return settled;
  };
  const { problems, ...rest } = input;
  return {
    ...rest,
    problems: problems.map((problem) => ({
      ...problem,
      id: settle(problem.id),
      goals: problem.goals.map((goal) => ({
        ...goal,
        id: settle(goal.id),
        objectives: goal.objectives.map((objective) => ({ ...objective, id: settle(objective.id) })),
        interventions: goal.interventions.map((intervention) => ({ ...intervention, id: settle(intervention.id) })),
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

import { Button, Group, NativeSelect, Paper, SimpleGrid, Stack, Textarea, TextInput, Title } from '@mantine/core';
import { CodesInput } from '../../components/codes-input';
import type {
  PlanGoal,
  PlanIntervention,
  PlanObjective,
  PlanProblem,
  TreatmentPlanContent,
} from '../../../domain/treatment-plans/plan-content';
import { blankGoal, blankIntervention, blankObjective, blankProblem, OBJECTIVE_STATUS_LABEL } from './plan-format';
import type { Person } from './treatment-plans-api';

// The problems → goals → objectives and interventions of a draft. Each change goes through `edit`,
// which clones the content, applies the change and schedules the autosave (plan-editor.tsx).

type Edit = (mutate: (content: TreatmentPlanContent) => void) => void;
type Option = { value: string; label: string };

const newId = () => crypto.randomUUID();

export function ProblemsEditor({ content, staff, edit }: { content: TreatmentPlanContent; staff: readonly Person[]; edit: Edit }) {
  const staffOptions = [{ value: '', label: 'Choose…' }, ...staff.map((person) => ({ value: person.id, label: person.name }))];
  return (
    <>
      {content.problems.map((problem, p) => (
        <ProblemEditor key={problem.id} problem={problem} p={p} staffOptions={staffOptions} edit={edit} />
      ))}
      <Group>
        <Button variant="light" onClick={() => edit((content) => content.problems.push(blankProblem(newId)))}>
          Add problem
        </Button>
      </Group>
    </>
  );
}

function ProblemEditor({ problem, p, staffOptions, edit }: { problem: PlanProblem; p: number; staffOptions: Option[]; edit: Edit }) {
  return (
    <Paper withBorder p="md" component="section" aria-label={`Problem ${p + 1}`}>
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h5">
            Problem {p + 1}
          </Title>
          <Button variant="subtle" color="red" size="xs" onClick={() => edit((content) => content.problems.splice(p, 1))}>
            Remove problem {p + 1}
          </Button>
        </Group>
        <Textarea
          label={`Problem ${p + 1} statement`}
          autosize
          minRows={1}
          value={problem.statement}
          onChange={(event) => {
            const value = event.currentTarget.value;
            edit((content) => withProblem(content, p, (it) => (it.statement = value)));
          }}
        />
        <CodesInput
          label={`Diagnosis codes (ICD-10-CM) for problem ${p + 1}`}
          codes={problem.diagnosisCodes}
          onChange={(codes) => edit((content) => withProblem(content, p, (it) => (it.diagnosisCodes = codes)))}
        />
        {problem.goals.map((goal, g) => (
          <GoalEditor key={goal.id} goal={goal} p={p} g={g} staffOptions={staffOptions} edit={edit} />
        ))}
        <Group>
          <Button
            variant="light"
            size="xs"
            onClick={() => edit((content) => withProblem(content, p, (it) => it.goals.push(blankGoal(newId))))}
          >
            Add goal to problem {p + 1}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function GoalEditor({ goal, p, g, staffOptions, edit }: { goal: PlanGoal; p: number; g: number; staffOptions: Option[]; edit: Edit }) {
  const n = `${p + 1}.${g + 1}`;
  return (
    <Paper withBorder p="sm" bg="gray.0" component="fieldset" aria-label={`Goal ${n}, its objectives and interventions`}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-end">
          <TextInput
            style={{ flex: 1 }}
            label={`Goal ${n}`}
            value={goal.statement}
            onChange={(event) => {
              const value = event.currentTarget.value;
              edit((content) => withGoal(content, p, g, (it) => (it.statement = value)));
            }}
          />
          <Button
            variant="subtle"
            color="red"
            size="xs"
            onClick={() => edit((content) => withProblem(content, p, (it) => it.goals.splice(g, 1)))}
          >
            Remove goal {n}
          </Button>
        </Group>
        {goal.objectives.map((objective, o) => {
          const on = `${n}.${o + 1}`;
          return (
            <SimpleGrid key={objective.id} cols={{ base: 1, md: 4 }} spacing="xs">
              <Textarea
                style={{ gridColumn: 'span 2' }}
                label={`Objective ${on} (measurable)`}
                autosize
                minRows={1}
                value={objective.statement}
                onChange={(event) => {
                  const value = event.currentTarget.value;
                  edit((content) => withObjective(content, p, g, o, (it) => (it.statement = value)));
                }}
              />
              <TextInput
                type="date"
                label={`Target date for objective ${on}`}
                value={objective.targetDate}
                onChange={(event) => {
                  const value = event.currentTarget.value;
                  edit((content) => withObjective(content, p, g, o, (it) => (it.targetDate = value)));
                }}
              />
              <NativeSelect
                label={`Status of objective ${on}`}
                data={Object.entries(OBJECTIVE_STATUS_LABEL).map(([value, label]) => ({ value, label }))}
                value={objective.status}
                onChange={(event) => {
                  const value = event.currentTarget.value as PlanObjective['status'];
                  edit((content) => withObjective(content, p, g, o, (it) => (it.status = value)));
                }}
              />
            </SimpleGrid>
          );
        })}
        {goal.interventions.map((intervention, i) => {
          const iN = `${n}.${i + 1}`;
          return (
            <SimpleGrid key={intervention.id} cols={{ base: 1, md: 4 }} spacing="xs">
              <TextInput
                label={`Modality for intervention ${iN}`}
                placeholder="CBT, DBT skills, MI…"
                value={intervention.modality}
                onChange={(event) => {
                  const value = event.currentTarget.value;
                  edit((content) => withIntervention(content, p, g, i, (it) => (it.modality = value)));
                }}
              />
              <TextInput
                label={`Frequency for intervention ${iN}`}
                placeholder="3 groups a week"
                value={intervention.frequency}
                onChange={(event) => {
                  const value = event.currentTarget.value;
                  edit((content) => withIntervention(content, p, g, i, (it) => (it.frequency = value)));
                }}
              />
              <NativeSelect
                label={`Responsible for intervention ${iN}`}
                data={staffOptions}
                value={intervention.responsibleUserId}
                onChange={(event) => {
                  const value = event.currentTarget.value;
                  edit((content) => withIntervention(content, p, g, i, (it) => (it.responsibleUserId = value)));
                }}
              />
              <TextInput
                label={`Description of intervention ${iN}`}
                value={intervention.description}
                onChange={(event) => {
                  const value = event.currentTarget.value;
                  edit((content) => withIntervention(content, p, g, i, (it) => (it.description = value)));
                }}
              />
            </SimpleGrid>
          );
        })}
        <Group gap="xs">
          <Button
            variant="light"
            size="xs"
            onClick={() => edit((content) => withGoal(content, p, g, (it) => it.objectives.push(blankObjective(newId))))}
          >
            Add objective to goal {n}
          </Button>
          <Button
            variant="light"
            size="xs"
            onClick={() => edit((content) => withGoal(content, p, g, (it) => it.interventions.push(blankIntervention(newId))))}
          >
            Add intervention to goal {n}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

/** Codes typed as text ("F33.1, F41.1"); the list is parsed as the user types, the text kept as typed. */

// Small helpers that reach one item of a cloned content, so each handler reads as one change.
function withProblem(content: TreatmentPlanContent, p: number, change: (problem: PlanProblem) => void) {
  const problem = content.problems[p];
  if (problem) change(problem);
}
function withGoal(content: TreatmentPlanContent, p: number, g: number, change: (goal: PlanGoal) => void) {
  const goal = content.problems[p]?.goals[g];
  if (goal) change(goal);
}
function withObjective(content: TreatmentPlanContent, p: number, g: number, o: number, change: (objective: PlanObjective) => void) {
  const objective = content.problems[p]?.goals[g]?.objectives[o];
  if (objective) change(objective);
}
function withIntervention(
  content: TreatmentPlanContent,
  p: number,
  g: number,
  i: number,
  change: (intervention: PlanIntervention) => void,
) {
  const intervention = content.problems[p]?.goals[g]?.interventions[i];
  if (intervention) change(intervention);
}

import {
  Alert,
  Button,
  Group,
  List,
  Modal,
  NativeSelect,
  NumberInput,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { PlanObjective, TreatmentPlanContent } from '../../../domain/treatment-plans/plan-content';
import { hasExceptionReason, plannedIntensityFindings } from '../../../domain/treatment-plans/planned-intensity';
import { ApiError } from '../../lib/api';
import { PlanContentView } from './plan-content-view';
import { blankGoal, blankIntervention, blankObjective, blankProblem, OBJECTIVE_STATUS_LABEL, parseCodes, savedAt } from './plan-format';
import { useSaveDraft, useSignPlan, type Person, type PlanDto } from './treatment-plans-api';

type Draft = { content: TreatmentPlanContent; days: number | null; minutes: number | null };
type SaveState = 'saved' | 'unsaved' | 'saving' | 'error';

const AUTOSAVE_MS = 800;
const newId = () => crypto.randomUUID();
const draftOf = (plan: PlanDto): Draft => ({ content: plan.content, days: plan.plannedDaysPerWeek, minutes: plan.plannedMinutesPerWeek });
const asCount = (value: number | string): number | null => (typeof value === 'number' ? value : value.trim() === '' ? null : Number(value));

/**
 * The draft of a plan version. Every change is saved to the server shortly after the user stops
 * typing (decision 0025); a save that meets a newer saved version (412) opens a dialog to keep one.
 */
export function PlanEditor({ plan, staff }: { plan: PlanDto; staff: readonly Person[] }) {
  const save = useSaveDraft(plan.id);
  const sign = useSignPlan();
  const [draft, setDraft] = useState<Draft>(() => draftOf(plan));
  const [state, setState] = useState<SaveState>('saved');
  const [lastSaved, setLastSaved] = useState(plan.updatedAt);
  const [conflict, setConflict] = useState<PlanDto | null>(null);
  const [tick, setTick] = useState(0);
  const draftRef = useRef(draft);
  const versionRef = useRef(plan.version);
  const dirty = useRef(false);
  const inFlight = useRef(false);

  const change = (next: Draft) => {
    draftRef.current = next;
    dirty.current = true;
    setDraft(next);
    setState('unsaved');
  };
  const edit = (mutate: (content: TreatmentPlanContent) => void) => {
    const content = structuredClone(draftRef.current.content);
    mutate(content);
    change({ ...draftRef.current, content });
  };

  const flush = useCallback(async () => {
    if (inFlight.current || !dirty.current) return;
    inFlight.current = true;
    dirty.current = false;
    setState('saving');
    const sent = draftRef.current;
    try {
      const saved = await save.mutateAsync({
        version: versionRef.current,
        content: sent.content,
        plannedDaysPerWeek: sent.days,
        plannedMinutesPerWeek: sent.minutes,
      });
      versionRef.current = saved.version;
      setLastSaved(saved.updatedAt);
      setState(dirty.current ? 'unsaved' : 'saved');
    } catch (error) {
      dirty.current = true;
      const current = error instanceof ApiError && error.status === 412 ? currentOf(error.details) : null;
      if (current) setConflict(current);
      setState('error');
    } finally {
      inFlight.current = false;
      if (dirty.current) setTick((n) => n + 1);
    }
  }, [save]);

  useEffect(() => {
    if (!dirty.current || conflict !== null || state === 'error') return undefined;
    const timer = setTimeout(() => void flush(), AUTOSAVE_MS);
    return () => clearTimeout(timer);
  }, [draft, tick, conflict, state, flush]);

  const findings =
    draft.days === null || draft.minutes === null
      ? []
      : plannedIntensityFindings({ daysPerWeek: draft.days, minutesPerWeek: draft.minutes }, plan.program.rules);
  const rules = plan.program.rules;
  const staffOptions = [{ value: '', label: 'Choose…' }, ...staff.map((person) => ({ value: person.id, label: person.name }))];
  const signError = sign.error instanceof ApiError ? sign.error : null;
  const signIssues =
    signError !== null && Array.isArray(signError.details) ? (signError.details as { path: string; message: string }[]) : [];

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Text size="sm" role="status" aria-live="polite" data-testid="autosave-status">
          {state === 'saved' && savedAt(lastSaved)}
          {state === 'unsaved' && 'Unsaved changes…'}
          {state === 'saving' && 'Saving…'}
          {state === 'error' && conflict === null && 'Not saved: '}
          {state === 'error' && conflict === null && (
            <Button variant="subtle" size="compact-sm" onClick={() => setState('unsaved')}>
              Try saving again
            </Button>
          )}
          {state === 'error' && conflict !== null && 'Not saved: someone else saved this plan'}
        </Text>
        <Button
          onClick={() => sign.mutate({ planId: plan.id, version: versionRef.current })}
          loading={sign.isPending}
          disabled={state !== 'saved'}
        >
          Sign plan as clinician
        </Button>
      </Group>
      {sign.isError && (
        <Alert color="red" title="The plan cannot be signed yet" role="alert">
          <Text size="sm">{sign.error.message}</Text>
          {signIssues.length > 1 && (
            <List size="sm">
              {signIssues.map((issue) => (
                <List.Item key={issue.path + issue.message}>
                  {issue.path}: {issue.message}
                </List.Item>
              ))}
            </List>
          )}
        </Alert>
      )}

      <Paper withBorder p="md" component="section" aria-labelledby="intensity-heading">
        <Stack gap="sm">
          <Title order={2} size="h5" id="intensity-heading">
            Planned intensity
          </Title>
          <Text size="sm" c="dimmed">
            {plan.program.name}: at least {rules.weeklyFloorMinutes} minutes over {rules.minDaysPerWeek} days a week
            {rules.weeklyCeilingMinutes === null ? '' : `, at most ${rules.weeklyCeilingMinutes} minutes`}.
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NumberInput
              label="Planned days per week"
              min={0}
              max={7}
              value={draft.days ?? ''}
              onChange={(value) => change({ ...draftRef.current, days: asCount(value) })}
            />
            <NumberInput
              label="Planned minutes per week"
              min={0}
              max={10080}
              step={30}
              value={draft.minutes ?? ''}
              onChange={(value) => change({ ...draftRef.current, minutes: asCount(value) })}
            />
          </SimpleGrid>
          {findings.length === 0 && draft.days !== null && draft.minutes !== null && (
            <Text size="sm" fw={600} data-testid="intensity-check">
              Within the program’s rules.
            </Text>
          )}
          {findings.length > 0 && (
            <Alert color="orange" title="Outside the program’s rules" data-testid="intensity-check">
              <List size="sm">
                {findings.map((finding) => (
                  <List.Item key={finding.code}>{finding.message}</List.Item>
                ))}
              </List>
              <Textarea
                mt="sm"
                label="Reason for planning outside the program’s intensity"
                description="Required to sign a plan outside the rules (for example a step-down week agreed with the payer)."
                autosize
                minRows={2}
                value={draft.content.intensityExceptionReason ?? ''}
                error={
                  hasExceptionReason(draft.content.intensityExceptionReason) ? undefined : 'Document the reason (at least 10 characters)'
                }
                onChange={(event) => {
                  const value = event.currentTarget.value;
                  edit((content) => (content.intensityExceptionReason = value));
                }}
              />
            </Alert>
          )}
        </Stack>
      </Paper>

      <Textarea
        label="Strengths and preferences, in the patient’s words"
        autosize
        minRows={2}
        value={draft.content.patientStrengthsAndPreferences}
        onChange={(event) => {
          const value = event.currentTarget.value;
          edit((content) => (content.patientStrengthsAndPreferences = value));
        }}
      />

      {draft.content.problems.map((problem, p) => (
        <Paper key={problem.id} withBorder p="md" component="section" aria-label={`Problem ${p + 1}`}>
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
            {problem.goals.map((goal, g) => {
              const n = `${p + 1}.${g + 1}`;
              return (
                <Paper
                  key={goal.id}
                  withBorder
                  p="sm"
                  bg="gray.0"
                  component="fieldset"
                  aria-label={`Goal ${n}, its objectives and interventions`}
                >
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
            })}
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
      ))}
      <Group>
        <Button variant="light" onClick={() => edit((content) => content.problems.push(blankProblem(newId)))}>
          Add problem
        </Button>
      </Group>

      {conflict !== null && (
        <ConflictDialog
          mine={draft}
          saved={conflict}
          staff={staff}
          onKeepMine={() => {
            versionRef.current = conflict.version;
            dirty.current = true;
            setConflict(null);
            setState('unsaved');
          }}
          onKeepSaved={() => {
            versionRef.current = conflict.version;
            const next = draftOf(conflict);
            draftRef.current = next;
            dirty.current = false;
            setDraft(next);
            setLastSaved(conflict.updatedAt);
            setConflict(null);
            setState('saved');
          }}
        />
      )}
    </Stack>
  );
}

function currentOf(details: unknown): PlanDto | null {
  if (typeof details !== 'object' || details === null || !('current' in details)) return null;
  return details.current as PlanDto;
}

/** Codes typed as text ("F33.1, F41.1"); the list is parsed as the user types, the text kept as typed. */
function CodesInput({ label, codes, onChange }: { label: string; codes: string[]; onChange: (codes: string[]) => void }) {
  const [text, setText] = useState(codes.join(', '));
  return (
    <TextInput
      label={label}
      description="Separate codes with commas, e.g. F33.1, F41.1"
      value={text}
      onChange={(event) => {
        setText(event.currentTarget.value);
        onChange(parseCodes(event.currentTarget.value));
      }}
    />
  );
}

function ConflictDialog({
  mine,
  saved,
  staff,
  onKeepMine,
  onKeepSaved,
}: {
  mine: Draft;
  saved: PlanDto;
  staff: readonly Person[];
  onKeepMine: () => void;
  onKeepSaved: () => void;
}) {
  return (
    <Modal opened onClose={onKeepSaved} title="This plan was saved elsewhere" size="xl">
      <Stack gap="md">
        <Text size="sm">
          Someone (or you, in another window) saved this draft since you opened it. Choose which version to keep; the other is discarded.
        </Text>
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Paper withBorder p="sm" component="section" aria-labelledby="mine-heading">
            <Title order={3} size="h6" id="mine-heading" mb="xs">
              Your version
            </Title>
            <PlanContentView
              content={mine.content}
              staff={staff}
              plannedDaysPerWeek={mine.days}
              plannedMinutesPerWeek={mine.minutes}
              headingLevel={4}
            />
          </Paper>
          <Paper withBorder p="sm" component="section" aria-labelledby="saved-heading">
            <Title order={3} size="h6" id="saved-heading" mb="xs">
              The saved version ({savedAt(saved.updatedAt).toLowerCase()})
            </Title>
            <PlanContentView
              content={saved.content}
              staff={staff}
              plannedDaysPerWeek={saved.plannedDaysPerWeek}
              plannedMinutesPerWeek={saved.plannedMinutesPerWeek}
              headingLevel={4}
            />
          </Paper>
        </SimpleGrid>
        <Group justify="flex-end">
          <Button variant="default" onClick={onKeepSaved}>
            Keep the saved version
          </Button>
          <Button onClick={onKeepMine}>Keep my version</Button>
        </Group>
      </Stack>
    </Modal>
  );
}

// Small helpers that reach one item of a cloned content, so each handler reads as one change.
function withProblem(content: TreatmentPlanContent, p: number, change: (problem: TreatmentPlanContent['problems'][number]) => void) {
  const problem = content.problems[p];
  if (problem) change(problem);
}
function withGoal(
  content: TreatmentPlanContent,
  p: number,
  g: number,
  change: (goal: TreatmentPlanContent['problems'][number]['goals'][number]) => void,
) {
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
  change: (intervention: TreatmentPlanContent['problems'][number]['goals'][number]['interventions'][number]) => void,
) {
  const intervention = content.problems[p]?.goals[g]?.interventions[i];
  if (intervention) change(intervention);
}

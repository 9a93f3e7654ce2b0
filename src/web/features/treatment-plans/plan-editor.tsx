import { Alert, Button, Group, List, NumberInput, Paper, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import type { TreatmentPlanContent } from '../../../domain/treatment-plans/plan-content';
import { hasExceptionReason, plannedIntensityFindings } from '../../../domain/treatment-plans/planned-intensity';
import { AutosaveStatus, savedAtText } from '../../components/autosave-status';
import { ConflictDialog } from '../../components/conflict-dialog';
import { ApiError } from '../../lib/api';
import { useAutosave } from '../../lib/use-autosave';
import { PlanContentView } from './plan-content-view';
import { ProblemsEditor } from './plan-problems-editor';
import { describePath } from './plan-format';
import { useSaveDraft, useSignPlan, type Person, type PlanDto } from './treatment-plans-api';

type Draft = { content: TreatmentPlanContent; days: number | null; minutes: number | null };
const draftOf = (plan: PlanDto): Draft => ({ content: plan.content, days: plan.plannedDaysPerWeek, minutes: plan.plannedMinutesPerWeek });
const asCount = (value: number | string): number | null => (typeof value === 'number' ? value : value.trim() === '' ? null : Number(value));

/**
 * The draft of a plan version. Every change is saved to the server shortly after the user stops
 * typing (decision 0025); a save that meets a newer saved version (412) opens a dialog to keep one.
 */
export function PlanEditor({ plan, staff }: { plan: PlanDto; staff: readonly Person[] }) {
  const { mutateAsync: saveDraft } = useSaveDraft(plan.id);
  const sign = useSignPlan();
  const autosave = useAutosave({
    initial: draftOf(plan),
    version: plan.version,
    draftOf,
    save: (sent: Draft, version) =>
      saveDraft({ version, content: sent.content, plannedDaysPerWeek: sent.days, plannedMinutesPerWeek: sent.minutes }),
  });
  const { draft, update } = autosave;
  const saved = !autosave.dirty && !autosave.saving && autosave.error === null && autosave.conflict === null;
  const edit = (mutate: (content: TreatmentPlanContent) => void) =>
    update((previous) => {
      const content = structuredClone(previous.content);
      mutate(content);
      return { ...previous, content };
    });

  const findings =
    draft.days === null || draft.minutes === null
      ? []
      : plannedIntensityFindings({ daysPerWeek: draft.days, minutesPerWeek: draft.minutes }, plan.program.rules);
  const rules = plan.program.rules;
  const signError = sign.error instanceof ApiError ? sign.error : null;
  const signIssues =
    signError !== null && Array.isArray(signError.details) ? (signError.details as { path: string; message: string }[]) : [];

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Group gap="xs">
          {/* Until this editor saves, the draft was last saved when the server says. */}
          <AutosaveStatus saving={autosave.saving} dirty={autosave.dirty} savedAt={autosave.savedAt ?? plan.updatedAt} />
          {!autosave.saving && autosave.error !== null && (
            <Button variant="subtle" size="compact-sm" onClick={() => void autosave.flush()}>
              Not saved: try again
            </Button>
          )}
        </Group>
        <Button onClick={() => sign.mutate({ planId: plan.id, version: autosave.version })} loading={sign.isPending} disabled={!saved}>
          Sign plan as clinician
        </Button>
      </Group>
      {sign.isError && (
        <Alert color="red" title="The plan cannot be signed yet" role="alert">
          {signIssues.length === 0 ? <Text size="sm">{sign.error.message}</Text> : <Text size="sm">Fix these, then sign again:</Text>}
          {signIssues.length > 0 && (
            <List size="sm">
              {signIssues.map((issue) => (
                <List.Item key={issue.path + issue.message}>
                  {describePath(issue.path)}: {issue.message}
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
              onChange={(value) => update((previous) => ({ ...previous, days: asCount(value) }))}
            />
            <NumberInput
              label="Planned minutes per week"
              min={0}
              max={10080}
              step={30}
              value={draft.minutes ?? ''}
              onChange={(value) => update((previous) => ({ ...previous, minutes: asCount(value) }))}
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

      <ProblemsEditor content={draft.content} staff={staff} edit={edit} />

      {autosave.conflict !== null && (
        <ConflictDialog
          title="This plan was saved elsewhere"
          saved={autosave.conflict}
          savedHeading={`The saved version (${savedAtText(autosave.conflict.updatedAt).toLowerCase()})`}
          mine={<DraftView draft={draft} staff={staff} />}
          theirs={<DraftView draft={draftOf(autosave.conflict)} staff={staff} />}
          onKeepMine={autosave.keepMine}
          onKeepSaved={autosave.keepSaved}
        />
      )}
    </Stack>
  );
}

function DraftView({ draft, staff }: { draft: Draft; staff: readonly Person[] }) {
  return (
    <PlanContentView
      content={draft.content}
      staff={staff}
      plannedDaysPerWeek={draft.days}
      plannedMinutesPerWeek={draft.minutes}
      headingLevel={4}
    />
  );
}

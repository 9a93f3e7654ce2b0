import { Alert, Button, Group, List, NumberInput, Paper, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { TreatmentPlanContent } from '../../../domain/treatment-plans/plan-content';
import { hasExceptionReason, plannedIntensityFindings } from '../../../domain/treatment-plans/planned-intensity';
import { ApiError } from '../../lib/api';
import { ConflictDialog } from './conflict-dialog';
import { ProblemsEditor } from './plan-problems-editor';
import { describePath, savedAt } from './plan-format';
import { useSaveDraft, useSignPlan, type Person, type PlanDto } from './treatment-plans-api';

type Draft = { content: TreatmentPlanContent; days: number | null; minutes: number | null };
type SaveState = 'saved' | 'unsaved' | 'saving' | 'error';

const AUTOSAVE_MS = 800;
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

      <ProblemsEditor content={draft.content} staff={staff} edit={edit} />

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

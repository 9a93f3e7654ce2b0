import { Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type SubmitEvent } from 'react';
import { SAFETY_PLAN_PARTS, emptySafetyPlan, type SafetyPlanContent, type SafetyPlanPartKey } from '../../../domain/safety/safety-plan';
import { formErrorsFrom } from '../../lib/form-errors';
import { FormButtons, GeneralError } from '../patients/episode-dialogs';
import { useSavePlan, type PlanDto } from './safety-api';
import { Dialog } from '../../components/dialog';

const FIELDS = SAFETY_PLAN_PARTS.map((part) => part.key);

type Texts = Record<SafetyPlanPartKey, string>;

/** One entry per line: easy to write with the patient, and each line is one entry of the plan. */
function toTexts(plan: SafetyPlanContent): Texts {
  const texts = {} as Texts;
  for (const part of SAFETY_PLAN_PARTS) texts[part.key] = plan[part.key].join('\n');
  return texts;
}

function toPlan(texts: Texts): SafetyPlanContent {
  const plan = emptySafetyPlan();
  for (const part of SAFETY_PLAN_PARTS) plan[part.key] = texts[part.key].split('\n').filter((line) => line.trim() !== '');
  return plan;
}

/** Saves the next version of the plan; the versions before stay as they were. */
export function PlanEditorModal({ patientId, current, onClose }: { patientId: string; current: PlanDto | null; onClose: () => void }) {
  const save = useSavePlan(patientId);
  const [texts, setTexts] = useState<Texts>(toTexts(current ?? emptySafetyPlan()));
  const nextVersion = (current?.version ?? 0) + 1;

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    save.mutate(
      { ...toPlan(texts), basedOnVersion: current?.version ?? 0 },
      {
        onSuccess: (saved) => {
          notifications.show({ color: 'green', message: `Safety plan version ${saved.version} saved` });
          onClose();
        },
      },
    );
  }

  const errors = save.isError ? formErrorsFrom(save.error, FIELDS) : null;
  const title = current === null ? 'New safety plan' : `Edit safety plan (saves version ${nextVersion})`;
  return (
    <Dialog opened onClose={onClose} title={title} size="xl">
      <form onSubmit={submit} noValidate aria-label={title}>
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            Write one entry per line, in the patient’s own words where possible.
          </Text>
          {SAFETY_PLAN_PARTS.map((part, index) => (
            <Textarea
              key={part.key}
              label={`Step ${index + 1}: ${part.title}`}
              description={part.hint}
              autosize
              minRows={2}
              value={texts[part.key]}
              onChange={(event) => {
                const value = event.currentTarget.value;
                setTexts((previous) => ({ ...previous, [part.key]: value }));
              }}
              error={errors?.fields[part.key]}
            />
          ))}
          <GeneralError message={errors?.general} />
          <FormButtons submitLabel={`Save version ${nextVersion}`} pending={save.isPending} onClose={onClose} />
        </Stack>
      </form>
    </Dialog>
  );
}

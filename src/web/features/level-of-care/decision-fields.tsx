import { NativeSelect, Radio, Stack, Textarea } from '@mantine/core';
import type { LocResult } from '../../../domain/level-of-care/engine';
import { LOC_LEVELS, LOC_LEVEL_LABELS } from '../../../domain/level-of-care/pack';
import type { AssessmentDraft } from './assessment-draft';

/** Confirm the recommended level, or choose another one with a required reason. */
export function DecisionFields({
  draft,
  result,
  onChange,
  errors,
}: {
  draft: AssessmentDraft;
  result: LocResult;
  onChange: (change: Partial<AssessmentDraft>) => void;
  errors: { otherLevel?: string | undefined; overrideReason?: string | undefined };
}) {
  const others = LOC_LEVELS.filter((level) => !result.ok || level !== result.level);
  return (
    <>
      <Radio.Group
        label="Level of care"
        value={draft.decision}
        onChange={(value) => onChange({ decision: value === 'other' ? 'other' : 'confirm' })}
      >
        <Stack gap="xs" mt="xs">
          <Radio
            value="confirm"
            label={result.ok ? `Confirm recommended level (${LOC_LEVEL_LABELS[result.level]})` : 'Confirm recommended level'}
          />
          <Radio value="other" label="Choose another level" />
        </Stack>
      </Radio.Group>
      {draft.decision === 'other' && (
        <>
          <NativeSelect
            label="Chosen level"
            required
            data={[{ value: '', label: 'Choose a level' }, ...others.map((level) => ({ value: level, label: LOC_LEVEL_LABELS[level] }))]}
            value={draft.otherLevel}
            onChange={(event) => {
              const value = event.currentTarget.value;
              onChange({ otherLevel: LOC_LEVELS.find((level) => level === value) ?? '' });
            }}
            error={errors.otherLevel}
          />
          <Textarea
            label="Reason for choosing another level"
            required
            autosize
            minRows={2}
            maxLength={2000}
            value={draft.overrideReason}
            onChange={(event) => onChange({ overrideReason: event.currentTarget.value })}
            error={errors.overrideReason}
          />
        </>
      )}
    </>
  );
}

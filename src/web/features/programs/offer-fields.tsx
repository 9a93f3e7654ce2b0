import { Checkbox, Fieldset, SimpleGrid, TagsInput } from '@mantine/core';
import { CODE_FAMILY_HINT, CONDITIONS, type ConditionId } from '../../../domain/programs/conditions';
import { MODALITIES, MODALITY_LABELS, isModality } from '../../../domain/programs/modalities';
import type { ProgramForm } from './program-form-state';

function isConditionId(value: string): value is ConditionId {
  return CONDITIONS.some((condition) => condition.id === value);
}

/** Conditions treated (as ICD-10-CM families) and modalities offered. */
export function OfferFields({
  form,
  onChange,
  errors,
}: {
  form: ProgramForm;
  onChange: (changes: Partial<ProgramForm>) => void;
  errors: { conditions?: string | undefined; modalities?: string | undefined };
}) {
  return (
    <>
      <Fieldset legend="Conditions treated">
        <Checkbox.Group
          label="Common conditions"
          description="Each adds its ICD-10-CM code families."
          value={form.conditionIds}
          onChange={(values) => onChange({ conditionIds: values.filter(isConditionId) })}
        >
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" mt="xs">
            {CONDITIONS.map((condition) => (
              <Checkbox key={condition.id} value={condition.id} label={`${condition.label} (${condition.codeFamilies.join(', ')})`} />
            ))}
          </SimpleGrid>
        </Checkbox.Group>
        <TagsInput
          mt="md"
          label="Other ICD-10-CM code families"
          description={`Type a family and press Enter. Each ${CODE_FAMILY_HINT}.`}
          value={form.otherConditions}
          onChange={(otherConditions) => onChange({ otherConditions })}
          error={errors.conditions}
          clearable
        />
      </Fieldset>
      <Checkbox.Group
        label="Modalities offered"
        value={form.modalities}
        onChange={(values) => onChange({ modalities: values.filter(isModality) })}
        error={errors.modalities}
      >
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" mt="xs">
          {MODALITIES.map((modality) => (
            <Checkbox key={modality} value={modality} label={MODALITY_LABELS[modality]} />
          ))}
        </SimpleGrid>
      </Checkbox.Group>
    </>
  );
}

import { Alert, Button, Checkbox, Fieldset, Group, NativeSelect, NumberInput, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type SubmitEvent } from 'react';
import { ApiError } from '../../lib/api';
import type { ProgramDto, SiteDto } from '../../lib/api-types';
import { formErrorsFrom } from '../../lib/form-errors';
import { IntensityFieldset } from './intensity-fieldset';
import { OfferFields } from './offer-fields';
import { newProgramForm, numberOf, programBody, programForm, programPatch, withLevel, type ProgramForm } from './program-form-state';
import { FOCUS_LABELS, FORMAT_LABELS, LEVEL_LABELS, POPULATION_LABELS, keyOf, options } from './program-labels';
import { useCreateProgram, useUpdateProgram } from './programs-api';
import { Dialog } from '../../components/dialog';

const FIELDS = [
  'siteId',
  'name',
  'description',
  'levelOfCare',
  'population',
  'focus',
  'format',
  'weeklyFloorMinutes',
  'weeklyCeilingMinutes',
  'minDaysPerWeek',
  'minBillableDaysPerWeek',
  'minBillableDayMinutes',
  'groupCapacity',
  'conditions',
  'modalities',
  'isPart2',
  'published',
  'publicSummaryEn',
  'publicSummaryEs',
] as const;

type Props = {
  /** null: a new program. */
  program: ProgramDto | null;
  sites: SiteDto[];
  readOnly: boolean;
  onClose: () => void;
};

/** Rendered only while open (with a key per program), so the fields start from the program. */
export function ProgramFormModal({ program, sites, readOnly, onClose }: Props) {
  const create = useCreateProgram();
  const update = useUpdateProgram();
  const [form, setForm] = useState<ProgramForm>(() => (program === null ? newProgramForm(sites[0]?.id ?? '') : programForm(program)));
  const change = (changes: Partial<ProgramForm>) => setForm((current) => ({ ...current, ...changes }));
  const mutation = program === null ? create : update;

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const onSuccess = (saved: ProgramDto) => {
      notifications.show({ color: 'green', message: `Saved ${saved.name}` });
      onClose();
    };
    if (program === null) create.mutate(programBody(form), { onSuccess });
    else update.mutate({ programId: program.id, patch: programPatch(form, program.version) }, { onSuccess });
  }

  const errors = mutation.isError ? formErrorsFrom(mutation.error, FIELDS) : null;
  const stale = mutation.error instanceof ApiError && mutation.error.code === 'STALE_VERSION';
  const title = program === null ? 'New program' : readOnly ? program.name : `Edit ${program.name}`;
  return (
    <Dialog opened onClose={onClose} title={title} size="xl">
      <form onSubmit={submit} noValidate aria-label={title}>
        <Stack gap="md">
          <Fieldset variant="unstyled" disabled={readOnly}>
            <Stack gap="md">
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput
                  label="Name"
                  required
                  value={form.name}
                  error={errors?.fields.name}
                  onChange={(event) => change({ name: event.currentTarget.value })}
                />
                <NativeSelect
                  label="Site"
                  required
                  disabled={program !== null || readOnly}
                  description={program === null ? undefined : 'A program stays at the site it was created at.'}
                  data={sites.map((site) => ({ value: site.id, label: `${site.name} (${site.timeZone})` }))}
                  value={form.siteId}
                  error={errors?.fields.siteId}
                  onChange={(event) => change({ siteId: event.currentTarget.value })}
                />
              </SimpleGrid>
              <Textarea
                label="Description"
                autosize
                minRows={2}
                value={form.description}
                error={errors?.fields.description}
                onChange={(event) => change({ description: event.currentTarget.value })}
              />
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <NativeSelect
                  label="Level of care"
                  data={options(LEVEL_LABELS)}
                  value={form.levelOfCare}
                  error={errors?.fields.levelOfCare}
                  onChange={(event) => {
                    const level = keyOf(LEVEL_LABELS, event.currentTarget.value);
                    if (level) setForm((f) => withLevel(f, level, f.population));
                  }}
                />
                <NativeSelect
                  label="Population"
                  data={options(POPULATION_LABELS)}
                  value={form.population}
                  error={errors?.fields.population}
                  onChange={(event) => {
                    const population = keyOf(POPULATION_LABELS, event.currentTarget.value);
                    if (population) setForm((f) => withLevel(f, f.levelOfCare, population));
                  }}
                />
                <NativeSelect
                  label="Focus"
                  data={options(FOCUS_LABELS)}
                  value={form.focus}
                  error={errors?.fields.focus}
                  onChange={(event) => change({ focus: keyOf(FOCUS_LABELS, event.currentTarget.value) ?? form.focus })}
                />
                <NativeSelect
                  label="Format"
                  data={options(FORMAT_LABELS)}
                  value={form.format}
                  error={errors?.fields.format}
                  onChange={(event) => change({ format: keyOf(FORMAT_LABELS, event.currentTarget.value) ?? form.format })}
                />
                <NumberInput
                  label="Group capacity"
                  description="Most patients in one group session."
                  required
                  min={1}
                  max={200}
                  allowDecimal={false}
                  allowNegative={false}
                  clampBehavior="none"
                  value={form.groupCapacity}
                  error={errors?.fields.groupCapacity}
                  onChange={(value) => change({ groupCapacity: numberOf(value) })}
                />
              </SimpleGrid>
              <IntensityFieldset form={form} onChange={change} errors={errors?.fields ?? {}} />
              <OfferFields form={form} onChange={change} errors={errors?.fields ?? {}} />
              <Checkbox
                label="42 CFR Part 2 program (substance use records need written consent to disclose)"
                checked={form.isPart2}
                error={errors?.fields.isPart2}
                onChange={(event) => change({ isPart2: event.currentTarget.checked })}
              />
              <Checkbox
                label="Published on the public site"
                checked={form.published}
                onChange={(event) => change({ published: event.currentTarget.checked })}
              />
              <Textarea
                label="Public summary (English)"
                description="Shown on the public site's program pages; at most 1000 characters."
                autosize
                minRows={2}
                maxLength={1000}
                value={form.publicSummaryEn}
                error={errors?.fields.publicSummaryEn}
                onChange={(event) => change({ publicSummaryEn: event.currentTarget.value })}
              />
              <Textarea
                label="Public summary (Spanish)"
                description="Resumen público en español."
                autosize
                minRows={2}
                maxLength={1000}
                value={form.publicSummaryEs}
                error={errors?.fields.publicSummaryEs}
                onChange={(event) => change({ publicSummaryEs: event.currentTarget.value })}
              />
            </Stack>
          </Fieldset>
          {errors !== null && errors.general !== null && (
            <Alert color="red" role="alert" title={stale ? 'Changed by someone else' : undefined}>
              {stale
                ? 'Someone saved this program after you opened it. Close this form, open the program again and re-apply your change.'
                : errors.general}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {readOnly ? 'Close' : 'Cancel'}
            </Button>
            {!readOnly && (
              <Button type="submit" loading={mutation.isPending}>
                {program === null ? 'Create program' : 'Save changes'}
              </Button>
            )}
          </Group>
        </Stack>
      </form>
    </Dialog>
  );
}

import { Checkbox, Fieldset, Group, Input, NumberInput, SimpleGrid, Stack, Text } from '@mantine/core';
import { formatMinutes } from '../../../domain/intensity/minutes-format';
import { joinMinutes, numberOf, type HoursMinutes, type ProgramForm } from './program-form-state';

export type IntensityErrors = Partial<
  Record<'weeklyFloorMinutes' | 'weeklyCeilingMinutes' | 'minDaysPerWeek' | 'minBillableDaysPerWeek' | 'minBillableDayMinutes', string>
>;

type Props = {
  form: ProgramForm;
  onChange: (changes: Partial<ProgramForm>) => void;
  errors: IntensityErrors;
};

/** A duration entered as hours and minutes, each with its own visible label. */
function HoursMinutesInput({
  label,
  value,
  onChange,
  error,
  disabled = false,
}: {
  label: string;
  value: HoursMinutes;
  onChange: (value: HoursMinutes) => void;
  error?: string | undefined;
  disabled?: boolean;
}) {
  return (
    <Stack gap={4}>
      <Group gap="xs" align="flex-end" wrap="nowrap">
        <NumberInput
          label={`${label}: hours`}
          min={0}
          max={168}
          allowDecimal={false}
          allowNegative={false}
          w={180}
          disabled={disabled}
          value={value.hours}
          onChange={(hours) => onChange({ ...value, hours: numberOf(hours) })}
        />
        <NumberInput
          label={`${label}: minutes`}
          min={0}
          max={59}
          allowDecimal={false}
          allowNegative={false}
          w={180}
          disabled={disabled}
          value={value.minutes}
          onChange={(minutes) => onChange({ ...value, minutes: numberOf(minutes) })}
        />
      </Group>
      {!disabled && (
        <Text size="xs" c="dimmed">
          {formatMinutes(joinMinutes(value))} ({joinMinutes(value)} minutes)
        </Text>
      )}
      {error !== undefined && <Input.Error role="alert">{error}</Input.Error>}
    </Stack>
  );
}

/** Weekly floor and ceiling, days per week and the billable day, prefilled from the defaults. */
export function IntensityFieldset({ form, onChange, errors }: Props) {
  return (
    <Fieldset legend="Intensity rules (per patient, per ISO week in the site's time zone)">
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          Filled with the defaults for the level of care and population; changing either resets them.
        </Text>
        <HoursMinutesInput
          label="Weekly floor"
          value={form.weeklyFloor}
          onChange={(weeklyFloor) => onChange({ weeklyFloor })}
          error={errors.weeklyFloorMinutes}
        />
        <Checkbox
          label="Weekly ceiling (above it the week looks like a higher level of care)"
          checked={form.hasCeiling}
          onChange={(event) => onChange({ hasCeiling: event.currentTarget.checked })}
        />
        <HoursMinutesInput
          label="Weekly ceiling"
          value={form.weeklyCeiling}
          disabled={!form.hasCeiling}
          onChange={(weeklyCeiling) => onChange({ weeklyCeiling })}
          error={errors.weeklyCeilingMinutes}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NumberInput
            label="Minimum days attended per week"
            min={0}
            max={7}
            allowDecimal={false}
            allowNegative={false}
            value={form.minDaysPerWeek}
            error={errors.minDaysPerWeek}
            onChange={(value) => onChange({ minDaysPerWeek: numberOf(value) })}
          />
          <NumberInput
            label="Minimum billable days per week"
            min={0}
            max={7}
            allowDecimal={false}
            allowNegative={false}
            value={form.minBillableDaysPerWeek}
            error={errors.minBillableDaysPerWeek}
            onChange={(value) => onChange({ minBillableDaysPerWeek: numberOf(value) })}
          />
        </SimpleGrid>
        <HoursMinutesInput
          label="Billable day minimum"
          value={form.minBillableDay}
          onChange={(minBillableDay) => onChange({ minBillableDay })}
          error={errors.minBillableDayMinutes}
        />
      </Stack>
    </Fieldset>
  );
}

import { Button, Fieldset, Group, Input, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import type { AvailabilityWindowDto } from '../../lib/api-types';
import { WEEKDAYS } from './availability-state';

type Props = {
  windows: AvailabilityWindowDto[];
  onChange: (windows: AvailabilityWindowDto[]) => void;
  rowErrors: Map<number, string>;
  error?: string | undefined;
};

/** Weekly availability windows: one row per window, native time inputs, keyboard friendly. */
export function AvailabilityEditor({ windows, onChange, rowErrors, error }: Props) {
  const update = (index: number, changes: Partial<AvailabilityWindowDto>) =>
    onChange(windows.map((window, i) => (i === index ? { ...window, ...changes } : window)));
  const remove = (index: number) => onChange(windows.filter((_window, i) => i !== index));
  const add = () => {
    const last = windows[windows.length - 1];
    onChange([...windows, { weekday: last ? Math.min(last.weekday + 1, 7) : 1, start: '09:00', end: '17:00' }]);
  };

  return (
    <Fieldset legend="Weekly availability (local time of the work site)">
      <Stack gap="sm">
        {windows.length === 0 && (
          <Text size="sm" c="dimmed">
            No availability entered.
          </Text>
        )}
        {windows.map((window, index) => {
          const n = index + 1;
          const rowError = rowErrors.get(index);
          return (
            <Stack key={index} gap={2}>
              <Group gap="xs" align="flex-end" wrap="wrap">
                <NativeSelect
                  label={`Window ${n}: day`}
                  data={WEEKDAYS.map((day) => ({ value: String(day.value), label: day.label }))}
                  value={String(window.weekday)}
                  onChange={(event) => update(index, { weekday: Number(event.currentTarget.value) })}
                />
                <TextInput
                  type="time"
                  label={`Window ${n}: from`}
                  value={window.start}
                  onChange={(event) => update(index, { start: event.currentTarget.value })}
                />
                <TextInput
                  type="time"
                  label={`Window ${n}: until`}
                  value={window.end}
                  onChange={(event) => update(index, { end: event.currentTarget.value })}
                />
                <Button variant="subtle" color="red" aria-label={`Remove window ${n}`} onClick={() => remove(index)}>
                  Remove
                </Button>
              </Group>
              {rowError !== undefined && <Input.Error role="alert">{`Window ${n}: ${rowError}`}</Input.Error>}
            </Stack>
          );
        })}
        {error !== undefined && <Input.Error role="alert">{error}</Input.Error>}
        <div>
          <Button variant="light" size="xs" onClick={add}>
            Add a window
          </Button>
        </div>
      </Stack>
    </Fieldset>
  );
}

import { Button, Group, List, Radio, Select, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import type { MedicationEntry, NoteField } from '../../../domain/notes/note-content';
import { CodesInput } from '../../components/codes-input';

// One input per note field kind, and the read-only rendering of a signed note's fields.

const CHANGE_OPTIONS: { value: MedicationEntry['change']; label: string }[] = [
  { value: 'start', label: 'Start' },
  { value: 'continue', label: 'Continue' },
  { value: 'adjust', label: 'Adjust' },
  { value: 'stop', label: 'Stop' },
];

const emptyMedication = (): MedicationEntry => ({ name: '', dose: '', route: '', frequency: '', change: 'continue' });

function isMedication(value: unknown): value is MedicationEntry {
  return typeof value === 'object' && value !== null && 'name' in value;
}

function asMedications(value: unknown): MedicationEntry[] {
  return Array.isArray(value) ? value.filter(isMedication) : [];
}

function asCodes(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((code): code is string => typeof code === 'string') : [];
}

function MedicationsInput({ field, value, error, onChange }: FieldProps) {
  const rows = asMedications(value);
  const shown = rows.length === 0 ? [emptyMedication()] : rows;
  const update = (index: number, change: Partial<MedicationEntry>) =>
    onChange(shown.map((row, i) => (i === index ? { ...row, ...change } : row)));
  return (
    <Stack gap="xs" role="group" aria-labelledby={`field-${field.key}`}>
      <Text fw={500} size="sm" id={`field-${field.key}`}>
        {field.label}
      </Text>
      {shown.map((row, index) => (
        <Group key={index} gap="xs" align="flex-end" wrap="wrap">
          <TextInput label={`Medication ${index + 1}`} value={row.name} onChange={(e) => update(index, { name: e.currentTarget.value })} />
          <TextInput label="Dose" value={row.dose} onChange={(e) => update(index, { dose: e.currentTarget.value })} w={110} />
          <TextInput label="Route" value={row.route} onChange={(e) => update(index, { route: e.currentTarget.value })} w={110} />
          <TextInput
            label="Frequency"
            value={row.frequency}
            onChange={(e) => update(index, { frequency: e.currentTarget.value })}
            w={130}
          />
          <Select
            label="Change"
            data={CHANGE_OPTIONS}
            value={row.change}
            allowDeselect={false}
            onChange={(change) => update(index, { change: change ?? 'continue' })}
            w={130}
          />
          <Button
            variant="subtle"
            color="red"
            aria-label={`Remove medication ${index + 1}`}
            onClick={() => onChange(shown.filter((_, i) => i !== index))}
          >
            Remove
          </Button>
        </Group>
      ))}
      <div>
        <Button size="xs" variant="light" onClick={() => onChange([...shown, emptyMedication()])}>
          Add medication
        </Button>
      </div>
      {error !== undefined && (
        <Text size="sm" c="red" role="alert">
          {error}
        </Text>
      )}
    </Stack>
  );
}

type FieldProps = { field: NoteField; value: unknown; error: string | undefined; onChange: (value: unknown) => void };

export function NoteFieldInput(props: FieldProps) {
  const { field, value, error, onChange } = props;
  switch (field.kind) {
    case 'text':
      return (
        <Textarea
          label={field.label}
          autosize
          minRows={3}
          value={typeof value === 'string' ? value : ''}
          error={error}
          onChange={(event) => onChange(event.currentTarget.value)}
        />
      );
    case 'codes':
      return <CodesInput label={field.label} codes={asCodes(value)} error={error} onChange={onChange} />;
    case 'medications':
      return <MedicationsInput {...props} />;
    case 'yes_no':
      return (
        <Radio.Group
          label={field.label}
          value={value === true ? 'yes' : value === false ? 'no' : ''}
          onChange={(answer) => onChange(answer === 'yes')}
          error={error}
        >
          <Group gap="md" mt={4}>
            <Radio value="yes" label="Yes" />
            <Radio value="no" label="No" />
          </Group>
        </Radio.Group>
      );
  }
}

/** A field as it reads in a signed note (or in the version comparison). */
export function NoteFieldView({ field, value }: { field: NoteField; value: unknown }) {
  let body;
  switch (field.kind) {
    case 'text':
      body = typeof value === 'string' && value !== '' ? <Text style={{ whiteSpace: 'pre-wrap' }}>{value}</Text> : null;
      break;
    case 'codes':
      body = asCodes(value).length > 0 ? <Text>{asCodes(value).join(', ')}</Text> : null;
      break;
    case 'medications':
      body =
        asMedications(value).length > 0 ? (
          <List size="sm">
            {asMedications(value).map((m, i) => (
              <List.Item key={i}>{`${m.name} ${m.dose} ${m.route} ${m.frequency} (${m.change})`}</List.Item>
            ))}
          </List>
        ) : null;
      break;
    case 'yes_no':
      body = value === true ? <Text>Yes</Text> : value === false ? <Text>No</Text> : null;
      break;
  }
  return (
    <div>
      <Title order={3} size="h6">
        {field.label}
      </Title>
      {body ?? (
        <Text c="dimmed" size="sm">
          Not written
        </Text>
      )}
    </div>
  );
}

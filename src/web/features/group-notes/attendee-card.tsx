import { Alert, Badge, Card, Checkbox, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { STATUS_LABELS } from '../attendance/attendance-draft';
import { ENTRY_FIELDS, type EntryFieldKey } from './group-note-draft';
import type { EntryBody, GroupNoteRosterRow } from './group-notes-api';

/** Status and minutes as the roster recorded them: shown, never edited here. */
export function AttendanceBadge({ row }: { row: GroupNoteRosterRow }) {
  if (row.status === null) return <Badge color="gray">Attendance not recorded</Badge>;
  return (
    <Badge variant="light" color={row.attendee ? 'blue' : 'gray'}>
      {STATUS_LABELS[row.status]} · {row.minutes ?? 0} min
    </Badge>
  );
}

/** One attendee's individualized section: participation, response, progress and the plan objectives addressed. */
export function AttendeeCard({
  row,
  entry,
  readOnly,
  errors,
  onChange,
}: {
  row: GroupNoteRosterRow;
  entry: EntryBody;
  readOnly: boolean;
  errors: Record<string, string>;
  onChange: (entry: EntryBody) => void;
}) {
  const sectionError = errors[`entries.${row.patientId}`];
  const objectivesError = errors[`entries.${row.patientId}.addressedObjectiveIds`];
  const setField = (key: EntryFieldKey, value: string) => onChange({ ...entry, [key]: value });
  const headingId = `attendee-${row.patientId}`;
  return (
    <Card withBorder component="section" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap">
          <Title order={3} size="h4" id={headingId}>
            {row.name}
          </Title>
          <AttendanceBadge row={row} />
        </Group>
        {sectionError !== undefined && (
          <Alert color="red" role="alert">
            {sectionError}
          </Alert>
        )}
        {ENTRY_FIELDS.map((field) =>
          readOnly ? (
            <div key={field.key}>
              <Text size="sm" fw={600}>
                {field.label}
              </Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {entry[field.key] || '—'}
              </Text>
            </div>
          ) : (
            <Textarea
              key={field.key}
              label={`${field.label} (${row.name})`}
              required
              autosize
              minRows={2}
              value={entry[field.key]}
              error={errors[`entries.${row.patientId}.${field.key}`]}
              onChange={(event) => setField(field.key, event.currentTarget.value)}
            />
          ),
        )}
        {row.objectives.length === 0 ? (
          <Text size="sm" c="dimmed">
            No open objectives in a signed treatment plan for this episode.
          </Text>
        ) : (
          <Checkbox.Group
            label={`Plan objectives addressed (${row.name})`}
            value={entry.addressedObjectiveIds}
            onChange={(ids) => onChange({ ...entry, addressedObjectiveIds: ids })}
            error={objectivesError}
          >
            <Stack gap={6} mt={6}>
              {row.objectives.map((objective) => (
                <Checkbox
                  key={objective.id}
                  value={objective.id}
                  disabled={readOnly}
                  label={`${objective.statement} (by ${objective.targetDate})`}
                  description={objective.goal}
                />
              ))}
            </Stack>
          </Checkbox.Group>
        )}
      </Stack>
    </Card>
  );
}

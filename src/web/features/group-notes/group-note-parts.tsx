import { Button, Card, Group, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import type { GroupSummary } from '../../../domain/notes/note-content';
import { SUMMARY_FIELDS, type Difference } from './group-note-draft';
import { Dialog } from '../../components/dialog';

/** The shared part of the note: the same in every attendee's chart note. */
export function SummaryCard({
  summary,
  errors,
  onChange,
}: {
  summary: GroupSummary;
  errors: Record<string, string>;
  onChange: (key: keyof GroupSummary, value: string) => void;
}) {
  return (
    <Card withBorder component="section" aria-labelledby="group-summary-heading">
      <Stack gap="sm">
        <Title order={2} size="h3" id="group-summary-heading">
          Shared part (the same in every attendee’s note)
        </Title>
        {SUMMARY_FIELDS.map((field) => {
          const props = {
            label: field.label,
            required: true,
            value: summary[field.key],
            error: errors[`summary.${field.key}`],
            onChange: (event: { currentTarget: { value: string } }) => onChange(field.key, event.currentTarget.value),
          };
          return field.key === 'topic' || field.key === 'modality' ? (
            <TextInput key={field.key} {...props} />
          ) : (
            <Textarea key={field.key} autosize minRows={2} {...props} />
          );
        })}
      </Stack>
    </Card>
  );
}

export function SignConfirmModal({ attendees, onCancel, onSign }: { attendees: number; onCancel: () => void; onSign: () => void }) {
  return (
    <Dialog opened onClose={onCancel} title="Sign the group note">
      <Stack gap="md">
        <Text size="sm">
          Signing writes one signed note into each attendee’s chart ({attendees} in all). Signed notes cannot be changed; corrections are
          addenda.
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button onClick={onSign}>Sign and write {attendees} notes</Button>
        </Group>
      </Stack>
    </Dialog>
  );
}

/** One side of the 412 comparison: the fields where the two versions differ. */
export function DifferenceList({ differences, side }: { differences: readonly Difference[]; side: 'mine' | 'theirs' }) {
  return (
    <Stack gap="xs">
      {differences.map((difference) => (
        <div key={difference.label}>
          <Text size="xs" fw={600}>
            {difference.label}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {difference[side] || '(empty)'}
          </Text>
        </div>
      ))}
    </Stack>
  );
}

import { Badge, Group } from '@mantine/core';
import type { NoteSummary } from './notes-api';
import { STATUS_COLORS, STATUS_LABELS } from './note-format';

export function NoteBadges({ note }: { note: Pick<NoteSummary, 'status' | 'part2'> }) {
  return (
    <Group gap={4} wrap="nowrap">
      <Badge color={STATUS_COLORS[note.status]} variant="light" tt="none">
        {STATUS_LABELS[note.status]}
      </Badge>
      {note.part2 && (
        <Badge color="grape" variant="outline" tt="none" title="42 CFR Part 2: disclosed only with the patient's written consent">
          Part 2
        </Badge>
      )}
    </Group>
  );
}

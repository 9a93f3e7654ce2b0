import { Button, Group, Modal, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { NOTE_TYPE_DEFINITIONS, type NoteType } from '../../../domain/notes/note-content';
import { formatDateTime } from '../../lib/format';
import { NoteFieldView } from './note-fields';
import type { NoteDto } from './notes-api';

/** A stale save (412): both versions side by side; the user keeps one. Nothing is overwritten silently. */
export function ConflictDialog({
  noteType,
  mine,
  saved,
  onKeep,
}: {
  noteType: NoteType;
  mine: Record<string, unknown>;
  saved: NoteDto;
  onKeep: (keep: 'mine' | 'saved') => void;
}) {
  const fields = NOTE_TYPE_DEFINITIONS[noteType].fields;
  return (
    <Modal opened onClose={() => undefined} withCloseButton={false} title="This note was saved elsewhere" size="xl">
      <Stack gap="md">
        <Text size="sm">
          Another window or device saved this draft (version {saved.version}, {formatDateTime(saved.updatedAt)}) after you opened it.
          Compare the two and keep one; the other is discarded.
        </Text>
        <SimpleGrid cols={2} spacing="lg">
          <Stack gap="sm" component="section" aria-labelledby="conflict-mine">
            <Title order={2} size="h5" id="conflict-mine">
              Your version (not saved)
            </Title>
            {fields.map((field) => (
              <NoteFieldView key={field.key} field={field} value={mine[field.key]} />
            ))}
          </Stack>
          <Stack gap="sm" component="section" aria-labelledby="conflict-saved">
            <Title order={2} size="h5" id="conflict-saved">
              Saved version {saved.version}
            </Title>
            {fields.map((field) => (
              <NoteFieldView key={field.key} field={field} value={saved.content[field.key]} />
            ))}
          </Stack>
        </SimpleGrid>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => onKeep('saved')}>
            Keep the saved version
          </Button>
          <Button onClick={() => onKeep('mine')}>Keep my version</Button>
        </Group>
      </Stack>
    </Modal>
  );
}

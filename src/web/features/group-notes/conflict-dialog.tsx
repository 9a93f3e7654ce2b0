import { Button, Group, Modal, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { formatDateTime } from '../../lib/format';
import type { Difference } from './group-note-draft';
import type { GroupNoteDto } from './group-notes-api';

/**
 * A save was refused because someone else saved the note first (412). Both versions are shown side
 * by side; nothing is overwritten until the user chooses.
 */
export function ConflictDialog({
  current,
  differences,
  onKeepMine,
  onUseSaved,
}: {
  current: GroupNoteDto;
  differences: Difference[];
  onKeepMine: () => void;
  onUseSaved: () => void;
}) {
  return (
    <Modal opened onClose={onUseSaved} title="Someone else saved this group note" size="xl" closeOnClickOutside={false}>
      <Stack gap="md">
        <Text size="sm">
          Version {current.version} was saved at {formatDateTime(current.updatedAt)} while you were writing. Your changes are not saved yet.
          Compare them and choose which to keep.
        </Text>
        {differences.length === 0 ? (
          <Text size="sm">The saved version has the same text as yours.</Text>
        ) : (
          differences.map((difference) => (
            <Stack key={difference.label} gap={4}>
              <Title order={3} size="h5">
                {difference.label}
              </Title>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <div>
                  <Text size="xs" fw={600}>
                    Your version
                  </Text>
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                    {difference.mine || '(empty)'}
                  </Text>
                </div>
                <div>
                  <Text size="xs" fw={600}>
                    Saved version {current.version}
                  </Text>
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                    {difference.theirs || '(empty)'}
                  </Text>
                </div>
              </SimpleGrid>
            </Stack>
          ))
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onUseSaved}>
            Use the saved version
          </Button>
          <Button onClick={onKeepMine}>Keep my version</Button>
        </Group>
      </Stack>
    </Modal>
  );
}

import { Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { formatDateTime } from '../lib/format';
import type { Versioned } from '../lib/use-autosave';
import { Dialog } from './dialog';

/**
 * A stale save (412): my unsaved version beside the one saved elsewhere, and the user keeps one
 * (decision 0025). It cannot be dismissed without choosing, so nothing is discarded by accident.
 */
export function ConflictDialog({
  title,
  saved,
  savedHeading = `Saved version ${saved.version}`,
  mine,
  theirs,
  children,
  onKeepMine,
  onKeepSaved,
}: {
  title: string;
  saved: Versioned;
  savedHeading?: string;
  /** My version and the saved one, each rendered the same way. */
  mine: ReactNode;
  theirs: ReactNode;
  /** Said before the two versions, for example that they hold the same text. */
  children?: ReactNode;
  onKeepMine: () => void;
  onKeepSaved: () => void;
}) {
  return (
    <Dialog
      opened
      onClose={() => undefined}
      withCloseButton={false}
      closeOnClickOutside={false}
      closeOnEscape={false}
      title={title}
      size="xl"
    >
      <Stack gap="md">
        <Text size="sm">
          Someone (or you, in another window) saved this draft as version {saved.version} at {formatDateTime(saved.updatedAt)}, after you
          opened it. Compare the two and keep one; the other is discarded.
        </Text>
        {children}
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Paper withBorder p="sm" component="section" aria-labelledby="conflict-mine">
            <Title order={3} size="h6" id="conflict-mine" mb="xs">
              Your version (not saved)
            </Title>
            {mine}
          </Paper>
          <Paper withBorder p="sm" component="section" aria-labelledby="conflict-saved">
            <Title order={3} size="h6" id="conflict-saved" mb="xs">
              {savedHeading}
            </Title>
            {theirs}
          </Paper>
        </SimpleGrid>
        <Group justify="flex-end">
          <Button variant="default" onClick={onKeepSaved}>
            Keep the saved version
          </Button>
          <Button onClick={onKeepMine}>Keep my version</Button>
        </Group>
      </Stack>
    </Dialog>
  );
}

import { Button, Group, Modal, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { TreatmentPlanContent } from '../../../domain/treatment-plans/plan-content';
import { PlanContentView } from './plan-content-view';
import { savedAt } from './plan-format';
import type { Person, PlanDto } from './treatment-plans-api';

type Draft = { content: TreatmentPlanContent; days: number | null; minutes: number | null };

/** A 412 on autosave: both versions side by side, and the user keeps one (decision 0025). */
export function ConflictDialog({
  mine,
  saved,
  staff,
  onKeepMine,
  onKeepSaved,
}: {
  mine: Draft;
  saved: PlanDto;
  staff: readonly Person[];
  onKeepMine: () => void;
  onKeepSaved: () => void;
}) {
  return (
    <Modal opened onClose={onKeepSaved} title="This plan was saved elsewhere" size="xl">
      <Stack gap="md">
        <Text size="sm">
          Someone (or you, in another window) saved this draft since you opened it. Choose which version to keep; the other is discarded.
        </Text>
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Paper withBorder p="sm" component="section" aria-labelledby="mine-heading">
            <Title order={3} size="h6" id="mine-heading" mb="xs">
              Your version
            </Title>
            <PlanContentView
              content={mine.content}
              staff={staff}
              plannedDaysPerWeek={mine.days}
              plannedMinutesPerWeek={mine.minutes}
              headingLevel={4}
            />
          </Paper>
          <Paper withBorder p="sm" component="section" aria-labelledby="saved-heading">
            <Title order={3} size="h6" id="saved-heading" mb="xs">
              The saved version ({savedAt(saved.updatedAt).toLowerCase()})
            </Title>
            <PlanContentView
              content={saved.content}
              staff={staff}
              plannedDaysPerWeek={saved.plannedDaysPerWeek}
              plannedMinutesPerWeek={saved.plannedMinutesPerWeek}
              headingLevel={4}
            />
          </Paper>
        </SimpleGrid>
        <Group justify="flex-end">
          <Button variant="default" onClick={onKeepSaved}>
            Keep the saved version
          </Button>
          <Button onClick={onKeepMine}>Keep my version</Button>
        </Group>
      </Stack>
    </Modal>
  );
}

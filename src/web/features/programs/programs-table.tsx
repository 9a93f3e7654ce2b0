import { Badge, Button, Group, Table, Text } from '@mantine/core';
import type { ProgramDto, SiteDto } from '../../lib/api-types';
import { FORMAT_LABELS, POPULATION_LABELS, weeklyHours } from './program-labels';

export type ProgramAction = 'open' | 'deactivate' | 'reactivate';

type Props = {
  programs: ProgramDto[];
  sites: SiteDto[];
  canEdit: boolean;
  busyProgramId: string | null;
  onAction: (action: ProgramAction, program: ProgramDto) => void;
};

export function ProgramsTable({ programs, sites, canEdit, busyProgramId, onAction }: Props) {
  const siteName = (siteId: string) => sites.find((site) => site.id === siteId)?.name ?? '—';
  if (programs.length === 0) return <Text c="dimmed">No programs match these filters.</Text>;
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table striped highlightOnHover verticalSpacing="sm">
        <Table.Caption>Programs (tracks) of this organization</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Name</Table.Th>
            <Table.Th scope="col">Site</Table.Th>
            <Table.Th scope="col">Level</Table.Th>
            <Table.Th scope="col">Format</Table.Th>
            <Table.Th scope="col">Weekly hours</Table.Th>
            <Table.Th scope="col">Status</Table.Th>
            <Table.Th scope="col">Actions</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {programs.map((program) => (
            <Table.Tr key={program.id}>
              <Table.Th scope="row" fw={500}>
                {program.name}
                {program.isPart2 && (
                  <Badge ml="xs" size="sm" color="grape" variant="light">
                    Part 2
                  </Badge>
                )}
              </Table.Th>
              <Table.Td>{siteName(program.siteId)}</Table.Td>
              <Table.Td>
                {program.levelOfCare} · {POPULATION_LABELS[program.population]}
              </Table.Td>
              <Table.Td>{FORMAT_LABELS[program.format]}</Table.Td>
              <Table.Td>{weeklyHours(program)}</Table.Td>
              <Table.Td>
                <Group gap={4}>
                  <Badge color={program.active ? 'green' : 'gray'} variant="light">
                    {program.active ? 'Active' : 'Inactive'}
                  </Badge>
                  {program.published && (
                    <Badge color="blue" variant="light">
                      Published
                    </Badge>
                  )}
                </Group>
              </Table.Td>
              <Table.Td>
                <Group gap={4} wrap="nowrap">
                  <Button
                    size="xs"
                    variant="subtle"
                    aria-label={`${canEdit ? 'Edit' : 'View'} ${program.name}`}
                    onClick={() => onAction('open', program)}
                  >
                    {canEdit ? 'Edit' : 'View'}
                  </Button>
                  {canEdit && (
                    <Button
                      size="xs"
                      variant="subtle"
                      color={program.active ? 'red' : undefined}
                      loading={busyProgramId === program.id}
                      aria-label={`${program.active ? 'Deactivate' : 'Reactivate'} ${program.name}`}
                      onClick={() => onAction(program.active ? 'deactivate' : 'reactivate', program)}
                    >
                      {program.active ? 'Deactivate' : 'Reactivate'}
                    </Button>
                  )}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

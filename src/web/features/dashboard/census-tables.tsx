import { Badge, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { DashboardDto, EpisodeMovementDto } from '../../lib/api-types';

const DISPOSITIONS: Record<string, string> = {
  completed: 'Completed',
  stepped_down: 'Stepped down',
  stepped_up: 'Stepped up',
  left_against_advice: 'Left against advice',
  administrative: 'Administrative',
  transferred: 'Transferred',
};

export function CensusTable({ census }: { census: DashboardDto['census'] }) {
  return (
    <Stack gap="sm">
      <Title order={2} size="h4">
        Census by program
      </Title>
      <Table.ScrollContainer minWidth={560}>
        <Table verticalSpacing={4} fz="sm" striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Program</Table.Th>
              <Table.Th scope="col">Site</Table.Th>
              <Table.Th scope="col">Level</Table.Th>
              <Table.Th scope="col">Open episodes</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {census.map((program) => (
              <Table.Tr key={program.programId}>
                <Table.Th scope="row" fw={500}>
                  {program.programName}
                </Table.Th>
                <Table.Td>{program.siteName}</Table.Td>
                <Table.Td>
                  {program.levelOfCare}, {program.population}
                </Table.Td>
                <Table.Td>{program.openEpisodes}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

function MovementList({
  title,
  rows,
  empty,
  kind,
}: {
  title: string;
  rows: EpisodeMovementDto[];
  empty: string;
  kind: 'admission' | 'discharge';
}) {
  return (
    <Stack gap="xs" component="section" aria-label={title}>
      <Title order={3} size="h5">
        {title}
      </Title>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {empty}
        </Text>
      ) : (
        <Table verticalSpacing={4} fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Date</Table.Th>
              <Table.Th scope="col">Patient</Table.Th>
              <Table.Th scope="col">Program</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={row.episodeId}>
                <Table.Td>{row.date}</Table.Td>
                <Table.Th scope="row" fw={500}>
                  {row.name}{' '}
                  {kind === 'admission' && row.transfer && (
                    <Badge size="xs" variant="outline">
                      Transfer
                    </Badge>
                  )}
                  {kind === 'discharge' && row.disposition !== null && (
                    <Badge size="xs" variant="light">
                      {DISPOSITIONS[row.disposition] ?? row.disposition}
                    </Badge>
                  )}
                </Table.Th>
                <Table.Td>{row.programName}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

export function Movements({ admissions, discharges }: { admissions: EpisodeMovementDto[]; discharges: EpisodeMovementDto[] }) {
  return (
    <Stack gap="sm">
      <Title order={2} size="h4">
        Admissions and discharges, last 7 days
      </Title>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <MovementList title="Admissions" rows={admissions} empty="No admissions in the last 7 days." kind="admission" />
        <MovementList title="Discharges" rows={discharges} empty="No discharges in the last 7 days." kind="discharge" />
      </SimpleGrid>
    </Stack>
  );
}

import { Badge, Button, Drawer, List, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { formatMinutes } from '../../../domain/intensity/minutes-format';
import type { DashboardDto } from '../../lib/api-types';
import { FORECAST } from './intensity-labels';
import { PatientIntensityCard } from './patient-intensity-card';

type AtRisk = DashboardDto['atRisk'];

/** Patients whose week is at risk, cannot meet the program's minimums, or is scheduled above its ceiling. */
export function AtRiskTable({ atRisk }: { atRisk: AtRisk }) {
  const [open, setOpen] = useState<{ patientId: string; name: string } | null>(null);
  return (
    <Stack gap="sm">
      <Title order={2} size="h4">
        Patients at risk this week
      </Title>
      {atRisk.patients.length === 0 ? (
        <Text size="sm" c="dimmed">
          Every patient with an open episode is on track this week.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table verticalSpacing="xs" fz="sm" striped>
            <Table.Caption>
              {atRisk.total > atRisk.patients.length
                ? `The ${atRisk.patients.length} most urgent of ${atRisk.total}`
                : `${atRisk.total} patients`}
              , most urgent first
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Patient</Table.Th>
                <Table.Th scope="col">Program</Table.Th>
                <Table.Th scope="col">Forecast</Table.Th>
                <Table.Th scope="col">Hours</Table.Th>
                <Table.Th scope="col">Why</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {atRisk.patients.map((patient) => (
                <Table.Tr key={patient.patientId}>
                  <Table.Th scope="row">
                    <Button
                      variant="subtle"
                      size="compact-sm"
                      onClick={() => setOpen({ patientId: patient.patientId, name: patient.name })}
                      aria-label={`Weekly hours of ${patient.name}`}
                    >
                      {patient.name}
                    </Button>
                  </Table.Th>
                  <Table.Td>{patient.programName}</Table.Td>
                  <Table.Td style={{ minWidth: 130 }}>
                    <Stack gap={2} align="flex-start">
                      <Badge color={FORECAST[patient.status].color} size="sm">
                        {FORECAST[patient.status].label}
                      </Badge>
                      {patient.overCeiling && (
                        <Badge color="grape" size="sm">
                          Above ceiling
                        </Badge>
                      )}
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    {formatMinutes(patient.attendedMinutes)} + {formatMinutes(patient.remainingMinutes)} left of{' '}
                    {formatMinutes(patient.floorMinutes)}
                  </Table.Td>
                  <Table.Td>
                    <List size="sm" spacing={2}>
                      {patient.reasons.map((reason) => (
                        <List.Item key={reason}>{reason}</List.Item>
                      ))}
                    </List>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Drawer
        opened={open !== null}
        onClose={() => setOpen(null)}
        position="right"
        size="lg"
        title={open ? `Weekly hours: ${open.name}` : 'Weekly hours'}
        closeButtonProps={{ 'aria-label': 'Close weekly hours' }}
      >
        {open !== null && <PatientIntensityCard patientId={open.patientId} title="This week" />}
      </Drawer>
    </Stack>
  );
}

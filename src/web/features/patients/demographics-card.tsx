import { Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { ageOn } from '../../../domain/patients/patient-rules';
import type { PatientDto } from '../../lib/api-types';
import { formatDate, formatPhone, languageLabel, localToday } from './patient-format';

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={700} tt="uppercase">
        {label}
      </Text>
      <Text size="sm">{children}</Text>
    </div>
  );
}

export function DemographicsCard({ patient, onEdit }: { patient: PatientDto; onEdit: (() => void) | null }) {
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="demographics-heading">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h4" id="demographics-heading">
            Demographics
          </Title>
          {onEdit !== null && (
            <Button size="xs" variant="light" onClick={onEdit}>
              Edit demographics
            </Button>
          )}
        </Group>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
          <Item label="Legal name">
            {patient.legalFirstName} {patient.legalLastName}
          </Item>
          <Item label="Preferred name">{patient.preferredName ?? '—'}</Item>
          <Item label="Pronouns">{patient.pronouns ?? '—'}</Item>
          <Item label="Date of birth">
            {formatDate(patient.dateOfBirth)} (age {ageOn(patient.dateOfBirth, localToday())})
          </Item>
          <Item label="Phone">{formatPhone(patient.phone)}</Item>
          <Item label="Email">{patient.email ?? '—'}</Item>
          <Item label="State of residence">{patient.stateOfResidence}</Item>
          <Item label="Language for patient pages">{languageLabel(patient.preferredLanguage)}</Item>
          <Item label="Emergency contact">
            {patient.emergencyContact === null ? '—' : `${patient.emergencyContact.name}, ${formatPhone(patient.emergencyContact.phone)}`}
          </Item>
        </SimpleGrid>
        <Item label="Availability">{patient.availabilityNotes === '' ? '—' : patient.availabilityNotes}</Item>
      </Stack>
    </Paper>
  );
}

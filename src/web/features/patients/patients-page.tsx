import { Anchor, Badge, Button, Group, NativeSelect, Pagination, SimpleGrid, Table, Text, TextInput } from '@mantine/core';
import { useState, type SubmitEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ageOn } from '../../../domain/patients/patient-rules';
import { ErrorAlert } from '../../components/error-alert';
import { SectionLoader } from '../../components/full-page-loader';
import { Page } from '../../components/page';
import type { PatientSummaryDto, ProgramCensusDto } from '../../lib/api-types';
import { canAccess, ACCESS } from '../../lib/roles';
import { useActiveSession } from '../auth/session-provider';
import { NewPatientModal } from './patient-form-modals';
import { formatDate, listName, localToday } from './patient-format';
import { PAGE_SIZE, useCensusPrograms, usePatients, type PatientSearch } from './patients-api';

const OPEN_OPTIONS = [
  { value: '', label: 'Any' },
  { value: 'true', label: 'In care (open episode)' },
  { value: 'false', label: 'Not in care' },
];

function readSearch(params: URLSearchParams): PatientSearch {
  const open = params.get('open');
  const page = Number(params.get('page') ?? '1');
  return {
    q: params.get('q') ?? '',
    openEpisode: open === 'true' || open === 'false' ? open : '',
    programId: params.get('program') ?? '',
    page: Number.isInteger(page) && page > 0 ? page : 1,
  };
}

function writeSearch(search: PatientSearch): URLSearchParams {
  const params = new URLSearchParams();
  if (search.q !== '') params.set('q', search.q);
  if (search.openEpisode !== '') params.set('open', search.openEpisode);
  if (search.programId !== '') params.set('program', search.programId);
  if (search.page > 1) params.set('page', String(search.page));
  return params;
}

function SearchForm({
  applied,
  programs,
  onApply,
}: {
  applied: PatientSearch;
  programs: ProgramCensusDto[];
  onApply: (search: PatientSearch) => void;
}) {
  const [draft, setDraft] = useState(applied);
  const programOptions = [
    { value: '', label: 'Any program' },
    ...programs.map((program) => ({
      value: program.programId,
      label: `${program.programName} (${program.siteName})`,
    })),
  ];
  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    onApply({ ...draft, page: 1 });
  }
  return (
    <form onSubmit={submit} aria-label="Search patients">
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <TextInput
          label="Name"
          description="Start of a first, last or preferred name"
          value={draft.q}
          onChange={(event) => setDraft({ ...draft, q: event.currentTarget.value })}
        />
        <NativeSelect
          label="Care status"
          description="Open episode in any program"
          data={OPEN_OPTIONS}
          value={draft.openEpisode}
          onChange={(event) =>
            setDraft({
              ...draft,
              openEpisode: readSearch(new URLSearchParams({ open: event.currentTarget.value })).openEpisode,
            })
          }
        />
        <NativeSelect
          label="Program"
          description="Patients with an open episode there"
          data={programOptions}
          value={draft.programId}
          onChange={(event) => setDraft({ ...draft, programId: event.currentTarget.value })}
        />
      </SimpleGrid>
      <Group mt="sm" gap="sm">
        <Button type="submit">Search</Button>
        <Button variant="default" onClick={() => onApply({ q: '', openEpisode: '', programId: '', page: 1 })}>
          Clear
        </Button>
      </Group>
    </form>
  );
}

function PatientsTable({ patients }: { patients: PatientSummaryDto[] }) {
  const today = localToday();
  return (
    <Table.ScrollContainer minWidth={800}>
      <Table striped verticalSpacing="xs">
        <Table.Caption>Patients by last name</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Name</Table.Th>
            <Table.Th scope="col">Pronouns</Table.Th>
            <Table.Th scope="col">Date of birth</Table.Th>
            <Table.Th scope="col">State</Table.Th>
            <Table.Th scope="col">Open episodes</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {patients.map((patient) => (
            <Table.Tr key={patient.id}>
              <Table.Td>
                <Anchor component={Link} to={`/patients/${patient.id}`}>
                  {listName(patient)}
                </Anchor>
              </Table.Td>
              <Table.Td>{patient.pronouns ?? '—'}</Table.Td>
              <Table.Td>
                {formatDate(patient.dateOfBirth)} (age {ageOn(patient.dateOfBirth, today)})
              </Table.Td>
              <Table.Td>{patient.stateOfResidence}</Table.Td>
              <Table.Td>
                {patient.openEpisodes.length === 0 ? (
                  <Text span c="dimmed" fz="sm">
                    None
                  </Text>
                ) : (
                  <Group gap={4}>
                    {patient.openEpisodes.map((episode) => (
                      <Badge key={episode.episodeId} variant="light" tt="none">
                        {episode.programName} · {episode.levelOfCare} since {formatDate(episode.admittedOn)}
                      </Badge>
                    ))}
                  </Group>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** /patients: search by name, care status and program; paged. */
export function PatientsPage() {
  const session = useActiveSession();
  const [params, setParams] = useSearchParams();
  const search = readSearch(params);
  const patients = usePatients(search);
  const programs = useCensusPrograms();
  const [creating, setCreating] = useState(false);
  const canCreate = canAccess(session.user.roles, ACCESS.patientEdit);
  const show = (next: PatientSearch) => setParams(writeSearch(next));
  const total = patients.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));

  return (
    <Page title="Patients" actions={canCreate && <Button onClick={() => setCreating(true)}>New patient</Button>}>
      <SearchForm key={params.toString()} applied={search} programs={programs.data ?? []} onApply={show} />
      {patients.isPending && <SectionLoader label="Loading patients" />}
      {patients.isError && <ErrorAlert error={patients.error} onRetry={() => void patients.refetch()} />}
      {patients.isSuccess && (
        <>
          <Text size="sm" c="dimmed" role="status">
            {total === 0 ? 'No patients match.' : `${total} patient${total === 1 ? '' : 's'}`}
          </Text>
          {total > 0 && <PatientsTable patients={patients.data.patients} />}
          {pages > 1 && (
            <nav aria-label="Patient list pages">
              <Pagination
                total={pages}
                value={search.page}
                onChange={(page) => show({ ...search, page })}
                getItemProps={(page) => ({ 'aria-label': `Page ${page}` })}
                getControlProps={(control) => ({
                  'aria-label': `${control[0]?.toUpperCase() ?? ''}${control.slice(1)} page`,
                })}
              />
            </nav>
          )}
        </>
      )}
      {creating && <NewPatientModal onClose={() => setCreating(false)} />}
    </Page>
  );
}

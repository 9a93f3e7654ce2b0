import { Badge, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useParams } from 'react-router';
import { ErrorAlert } from '../../components/error-alert';
import { ConsentsAndDisclosuresSection } from '../consents/consents-and-disclosures-section';
import { SectionLoader } from '../../components/full-page-loader';
import { Page } from '../../components/page';
import { NotFound } from '../../components/status-pages';
import { ApiError } from '../../lib/api';
import { ACCESS, canAccess } from '../../lib/roles';
import { useActiveSession } from '../auth/session-provider';
import { PatientIntensityCard } from '../dashboard/patient-intensity-card';
import { LevelOfCareSection } from '../level-of-care/level-of-care-section';
import { PatientMeasuresSection } from '../measures/patient-measures-section';
import { PatientTrendsSection } from '../outcomes/patient-trends-section';
import { PatientNotesSection } from '../notes/patient-notes-section';
import { PatientSafetySection } from '../safety/patient-safety-section';
import { PatientPlansSection } from '../treatment-plans/patient-plans-section';
import { CareTimeline } from './care-timeline';
import { DemographicsCard } from './demographics-card';
import { EpisodesSection } from './episodes-section';
import { EditPatientModal } from './patient-form-modals';
import { displayName, languageLabel } from './patient-format';
import { useEpisodes, usePatient } from './patients-api';

/** /patients/:patientId: demographics, episodes of care with their history, and each episode's weekly plan. */
export function PatientChartPage() {
  const { patientId = '' } = useParams();
  const session = useActiveSession();
  const patient = usePatient(patientId);
  const episodes = useEpisodes(patientId);
  const [editing, setEditing] = useState(false);
  const roles = session.user.roles;

  if (patient.isError && patient.error instanceof ApiError && patient.error.status === 404) return <NotFound />;
  if (patient.isPending) return <SectionLoader label="Loading the patient" />;
  if (patient.isError) return <ErrorAlert error={patient.error} onRetry={() => void patient.refetch()} />;

  const record = patient.data;
  const inCare = (episodes.data ?? []).filter((episode) => episode.status === 'open');
  return (
    <Page title={displayName(record)}>
      <Group gap="xs">
        {record.pronouns !== null && <Text c="dimmed">{record.pronouns}</Text>}
        {record.preferredLanguage !== null && (
          <Badge variant="outline" color="gray" tt="none">
            Patient pages in {languageLabel(record.preferredLanguage)}
          </Badge>
        )}
        {inCare.map((episode) => (
          <Badge key={episode.id} variant="light" tt="none">
            In care: {episode.programName} ({episode.levelOfCare})
          </Badge>
        ))}
      </Group>
      <DemographicsCard patient={record} onEdit={canAccess(roles, ACCESS.patientEdit) ? () => setEditing(true) : null} />
      {/* This week's hours and forecast against the program's intensity rules. */}
      {canAccess(roles, ACCESS.intensity) && episodes.data?.some((episode) => episode.status === 'open') && (
        <PatientIntensityCard patientId={record.id} title="This week's hours" />
      )}
      {episodes.isPending && <SectionLoader label="Loading episodes" />}
      {episodes.isError && <ErrorAlert error={episodes.error} onRetry={() => void episodes.refetch()} />}
      {episodes.isSuccess && (
        <Stack gap="lg">
          <EpisodesSection patientId={record.id} episodes={episodes.data} roles={roles} />
          <CareTimeline episodes={episodes.data} />
        </Stack>
      )}
      {canAccess(roles, ACCESS.levelOfCare) && (
        <LevelOfCareSection subject={{ kind: 'patient', id: record.id }} canAssess={canAccess(roles, ACCESS.locAssess)} />
      )}
      {canAccess(roles, ACCESS.treatmentPlans) && <PatientPlansSection patientId={record.id} />}
      {canAccess(roles, ACCESS.safety) && <PatientSafetySection patientId={record.id} patientName={displayName(record)} roles={roles} />}
      {canAccess(roles, ACCESS.measures) && <PatientMeasuresSection patientId={record.id} />}
      {canAccess(roles, ACCESS.trends) && <PatientTrendsSection patientId={record.id} />}
      {canAccess(roles, ACCESS.notes) && <PatientNotesSection patientId={record.id} />}
      {canAccess(roles, ACCESS.consents) && (
        <ConsentsAndDisclosuresSection patientId={record.id} patientName={displayName(record)} roles={roles} />
      )}
      {editing && (
        <EditPatientModal
          key={record.version}
          patient={record}
          onClose={() => setEditing(false)}
          onReload={() => {
            setEditing(false);
            void patient.refetch();
          }}
        />
      )}
    </Page>
  );
}

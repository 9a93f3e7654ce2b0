import { Anchor, Button, Grid, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type SubmitEvent } from 'react';
import { Link, useParams } from 'react-router';
import { LOC_LEVEL_LABELS, type LocPack } from '../../../domain/level-of-care/pack';
import { ErrorAlert } from '../../components/error-alert';
import { SectionLoader } from '../../components/full-page-loader';
import { Page } from '../../components/page';
import { NotFound } from '../../components/status-pages';
import { ApiError } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { formErrorsFrom } from '../../lib/form-errors';
import { useInquiry } from '../admissions/admissions-api';
import { GeneralError } from '../patients/episode-dialogs';
import { displayName } from '../patients/patient-format';
import { usePatient } from '../patients/patients-api';
import { AssessmentResult } from './assessment-result';
import { EMPTY_DRAFT, bodyFor, liveRecommendation, type AssessmentDraft } from './assessment-draft';
import { DecisionFields } from './decision-fields';
import { DimensionField } from './dimension-field';
import { useAssessmentHistory, useCurrentPack, useSaveAssessment, type AssessmentDto, type AssessmentSubject } from './level-of-care-api';
import { RecommendationPanel } from './recommendation-panel';

/** /admissions/:inquiryId/assessment: the pre-admission assessment of an inquiry. */
export function InquiryAssessmentPage() {
  const { inquiryId = '' } = useParams();
  // A psychiatrist may assess without reading the admissions pipeline: the page then says "this inquiry".
  const inquiry = useInquiry(inquiryId);
  const name = inquiry.data ? inquiry.data.contactName : 'this inquiry';
  return <AssessmentPage subject={{ kind: 'inquiry', id: inquiryId }} subjectName={name} backTo={`/admissions/${inquiryId}`} />;
}

/** /patients/:patientId/assessment: a repeat assessment (step up, step down) of a patient. */
export function PatientAssessmentPage() {
  const { patientId = '' } = useParams();
  const patient = usePatient(patientId);
  const name = patient.data ? displayName(patient.data) : 'the patient';
  return <AssessmentPage subject={{ kind: 'patient', id: patientId }} subjectName={name} backTo={`/patients/${patientId}`} />;
}

function AssessmentPage({ subject, subjectName, backTo }: { subject: AssessmentSubject; subjectName: string; backTo: string }) {
  const pack = useCurrentPack();
  // The history also tells whether the inquiry or patient exists (and is ours): 404 otherwise.
  const history = useAssessmentHistory(subject);
  const [saved, setSaved] = useState<AssessmentDto | null>(null);
  const [formKey, setFormKey] = useState(0);
  const backLabel = subject.kind === 'patient' ? 'Back to the patient chart' : 'Back to the inquiry';

  if (history.isError && history.error instanceof ApiError && history.error.status === 404) return <NotFound />;
  return (
    <Page title={`Level-of-care assessment: ${subjectName}`}>
      <Anchor component={Link} to={backTo} size="sm">
        {backLabel}
      </Anchor>
      {history.isSuccess && history.data.length > 0 && saved === null && (
        <Text size="sm">
          {history.data.length} earlier assessment{history.data.length === 1 ? '' : 's'}; the latest chose{' '}
          {LOC_LEVEL_LABELS[history.data[0]?.finalLevel ?? 'OP']} on {formatDateTime(history.data[0]?.assessedAt ?? null)}.
        </Text>
      )}
      {pack.isPending && <SectionLoader label="Loading the assessment guide" />}
      {pack.isError && <ErrorAlert error={pack.error} onRetry={() => void pack.refetch()} />}
      {saved !== null && (
        <Stack gap="sm">
          <AssessmentResult assessment={saved} />
          <Group>
            <Anchor component={Link} to={backTo}>
              {backLabel}
            </Anchor>
            <Button
              variant="light"
              onClick={() => {
                setSaved(null);
                setFormKey(formKey + 1);
              }}
            >
              Start another assessment
            </Button>
          </Group>
        </Stack>
      )}
      {pack.isSuccess && saved === null && <AssessmentForm key={formKey} pack={pack.data} subject={subject} onSaved={setSaved} />}
    </Page>
  );
}

const FIELDS = ['ratings', 'finalLevel', 'overrideReason', 'note'] as const;

function AssessmentForm({
  pack,
  subject,
  onSaved,
}: {
  pack: LocPack;
  subject: AssessmentSubject;
  onSaved: (saved: AssessmentDto) => void;
}) {
  const save = useSaveAssessment(subject);
  const [draft, setDraft] = useState<AssessmentDraft>(EMPTY_DRAFT);
  const [localError, setLocalError] = useState<{ field: string; message: string } | null>(null);
  const result = liveRecommendation(pack, draft);
  const update = (change: Partial<AssessmentDraft>) => {
    setLocalError(null);
    setDraft({ ...draft, ...change });
  };

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const check = bodyFor(pack, draft);
    if (!check.ok) {
      setLocalError({ field: check.field, message: check.message });
      return;
    }
    save.mutate(check.body, {
      onSuccess: (assessment) => {
        notifications.show({ color: 'green', message: `Assessment saved: ${LOC_LEVEL_LABELS[assessment.finalLevel]}` });
        onSaved(assessment);
      },
    });
  }

  const serverErrors = save.isError ? formErrorsFrom(save.error, FIELDS) : null;
  const errorOf = (field: string) => (localError?.field === field ? localError.message : undefined);
  return (
    <form onSubmit={submit} noValidate aria-label="Level-of-care assessment">
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 8 }} order={{ base: 2, md: 1 }}>
          <Stack gap="md">
            <Text size="sm" c="dimmed">
              {pack.name} (version {pack.version}). {pack.description}
            </Text>
            {pack.dimensions.map((dimension) => (
              <DimensionField
                key={dimension.id}
                dimension={dimension}
                rating={draft.ratings[dimension.id]}
                note={draft.notes[dimension.id] ?? ''}
                onRate={(rating) => update({ ratings: { ...draft.ratings, [dimension.id]: rating } })}
                onNote={(note) => update({ notes: { ...draft.notes, [dimension.id]: note } })}
                error={localError?.field === 'ratings' && draft.ratings[dimension.id] === undefined ? 'Choose a rating' : undefined}
              />
            ))}
            <Title order={2} size="h4">
              Decision
            </Title>
            <DecisionFields
              draft={draft}
              result={result}
              onChange={update}
              errors={{
                otherLevel: errorOf('otherLevel') ?? serverErrors?.fields.finalLevel,
                overrideReason: errorOf('overrideReason') ?? serverErrors?.fields.overrideReason,
              }}
            />
            <Textarea
              label="Assessment note"
              autosize
              minRows={2}
              maxLength={4000}
              value={draft.note}
              onChange={(event) => update({ note: event.currentTarget.value })}
              error={serverErrors?.fields.note}
            />
            <GeneralError message={errorOf('ratings') ?? serverErrors?.fields.ratings ?? serverErrors?.general} />
            <Group justify="flex-end">
              <Button type="submit" loading={save.isPending}>
                Save assessment
              </Button>
            </Group>
          </Stack>
        </Grid.Col>
        {/* Beside the ratings on wide screens (sticky), above them on narrow ones: the live recommendation. */}
        <Grid.Col span={{ base: 12, md: 4 }} order={{ base: 1, md: 2 }}>
          <div style={{ position: 'sticky', top: 'calc(var(--app-shell-header-offset, 56px) + 16px)' }}>
            <RecommendationPanel pack={pack} result={result} />
          </div>
        </Grid.Col>
      </Grid>
    </form>
  );
}

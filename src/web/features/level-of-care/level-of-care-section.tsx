import { Anchor, Badge, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { LOC_LEVEL_LABELS } from '../../../domain/level-of-care/pack';
import { ErrorAlert } from '../../components/error-alert';
import { SectionLoader } from '../../components/full-page-loader';
import { formatDateTime } from '../../lib/format';
import { AssessmentResult } from './assessment-result';
import { useAssessmentHistory, type AssessmentSubject } from './level-of-care-api';

/** The path of the assessment form for a patient (repeat assessment) or an inquiry (before admission). */
export function assessmentPath(subject: AssessmentSubject): string {
  return subject.kind === 'patient' ? `/patients/${subject.id}/assessment` : `/admissions/${subject.id}/assessment`;
}

/**
 * Every level-of-care assessment of a patient or an inquiry, newest first, and a way to start one.
 * On the patient chart; the admissions inquiry page can show it with `subject={{ kind: 'inquiry', id }}`.
 */
export function LevelOfCareSection({ subject, canAssess }: { subject: AssessmentSubject; canAssess: boolean }) {
  const history = useAssessmentHistory(subject);
  const [openId, setOpenId] = useState<string | null>(null);
  return (
    <Stack gap="sm" component="section" aria-labelledby="level-of-care-heading">
      <Group justify="space-between">
        <Title order={2} size="h4" id="level-of-care-heading">
          Level-of-care assessments
        </Title>
        {canAssess && (
          <Button component={Link} to={assessmentPath(subject)} variant="light">
            New assessment
          </Button>
        )}
      </Group>
      {history.isPending && <SectionLoader label="Loading assessments" />}
      {history.isError && <ErrorAlert error={history.error} onRetry={() => void history.refetch()} />}
      {history.isSuccess && history.data.length === 0 && (
        <Text size="sm" c="dimmed">
          No level-of-care assessment yet.
        </Text>
      )}
      {history.isSuccess && history.data.length > 0 && (
        <Table striped withTableBorder aria-labelledby="level-of-care-heading">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Date</Table.Th>
              <Table.Th scope="col">Clinician</Table.Th>
              <Table.Th scope="col">Recommended → chosen</Table.Th>
              <Table.Th scope="col">Override reason</Table.Th>
              <Table.Th scope="col">Details</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {history.data.map((assessment) => (
              <Table.Tr key={assessment.id}>
                <Table.Td>{formatDateTime(assessment.assessedAt)}</Table.Td>
                <Table.Td>{assessment.assessedBy.name}</Table.Td>
                <Table.Td>
                  {LOC_LEVEL_LABELS[assessment.recommendedLevel]} → {LOC_LEVEL_LABELS[assessment.finalLevel]}{' '}
                  {assessment.overridden && (
                    <Badge color="orange" variant="light" tt="none">
                      Override
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{assessment.overrideReason ?? '—'}</Table.Td>
                <Table.Td>
                  <Anchor
                    component="button"
                    type="button"
                    size="sm"
                    aria-expanded={openId === assessment.id}
                    aria-label={`${openId === assessment.id ? 'Hide' : 'Show'} ratings of ${formatDateTime(assessment.assessedAt)}`}
                    onClick={() => setOpenId(openId === assessment.id ? null : assessment.id)}
                  >
                    {openId === assessment.id ? 'Hide ratings' : 'Show ratings'}
                  </Anchor>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {history.isSuccess &&
        history.data
          .filter((assessment) => assessment.id === openId)
          .map((assessment) => <AssessmentResult key={assessment.id} assessment={assessment} headingLevel={3} />)}
    </Stack>
  );
}

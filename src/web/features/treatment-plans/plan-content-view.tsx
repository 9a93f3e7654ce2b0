import { Badge, Group, List, Stack, Text, Title } from '@mantine/core';
import type { TreatmentPlanContent } from '../../../domain/treatment-plans/plan-content';
import { OBJECTIVE_STATUS_LABEL } from './plan-format';
import type { Person } from './treatment-plans-api';

/** A plan version read-only: problems → goals → objectives and interventions. */
export function PlanContentView({
  content,
  staff,
  plannedDaysPerWeek,
  plannedMinutesPerWeek,
  headingLevel = 3,
}: {
  content: TreatmentPlanContent;
  staff: readonly Person[];
  plannedDaysPerWeek: number | null;
  plannedMinutesPerWeek: number | null;
  headingLevel?: 3 | 4;
}) {
  const names = new Map(staff.map((person) => [person.id, person.name]));
  return (
    <Stack gap="sm">
      <Text size="sm">
        Planned intensity: {plannedDaysPerWeek ?? '—'} days and {plannedMinutesPerWeek ?? '—'} minutes a week
      </Text>
      {content.intensityExceptionReason !== undefined && content.intensityExceptionReason !== '' && (
        <Text size="sm">Reason for planning outside the program’s intensity: {content.intensityExceptionReason}</Text>
      )}
      {content.patientStrengthsAndPreferences !== '' && (
        <Text size="sm">Strengths and preferences, in the patient’s words: {content.patientStrengthsAndPreferences}</Text>
      )}
      {content.problems.length === 0 && (
        <Text size="sm" c="dimmed">
          No problems written yet.
        </Text>
      )}
      {content.problems.map((problem, p) => (
        <Stack key={problem.id} gap={4}>
          <Group gap="xs">
            <Title order={headingLevel} size="h6">
              Problem {p + 1}: {problem.statement || '(not written)'}
            </Title>
            {problem.diagnosisCodes.map((code) => (
              <Badge key={code} variant="outline" tt="none">
                {code}
              </Badge>
            ))}
          </Group>
          {problem.goals.map((goal, g) => (
            <Stack key={goal.id} gap={2} pl="md">
              <Text size="sm" fw={600}>
                Goal {p + 1}.{g + 1}: {goal.statement || '(not written)'}
              </Text>
              <List size="sm" spacing={2}>
                {goal.objectives.map((objective, o) => (
                  <List.Item key={objective.id}>
                    Objective {p + 1}.{g + 1}.{o + 1}: {objective.statement || '(not written)'} — by {objective.targetDate || '(no date)'} (
                    {OBJECTIVE_STATUS_LABEL[objective.status]})
                  </List.Item>
                ))}
                {goal.interventions.map((intervention, i) => (
                  <List.Item key={intervention.id}>
                    Intervention {p + 1}.{g + 1}.{i + 1}: {intervention.modality || '(no modality)'}
                    {intervention.description === '' ? '' : ` — ${intervention.description}`}, {intervention.frequency || '(no frequency)'},{' '}
                    {names.get(intervention.responsibleUserId) ?? 'no one responsible yet'}
                  </List.Item>
                ))}
              </List>
            </Stack>
          ))}
        </Stack>
      ))}
    </Stack>
  );
}

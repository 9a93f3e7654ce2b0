import { Badge, Group, List, Stack, Text } from '@mantine/core';
import type { PlanIntensity } from '../../../domain/episodes/weekly-plan';
import { formatMinutes } from '../../../domain/intensity/minutes-format';
import type { IntensityRulesDto } from '../../lib/api-types';
import { formatDate, weekdayList } from './patient-format';

const STATUS: Record<PlanIntensity['status'], { label: string; color: string }> = {
  compliant: { label: 'Meets the weekly rules', color: 'green' },
  below_floor: { label: 'Below the minimum', color: 'orange' },
  above_ceiling: { label: 'Above the ceiling', color: 'red' },
};

export function rulesText(rules: IntensityRulesDto): string {
  const parts = [
    `floor ${formatMinutes(rules.weeklyFloorMinutes)}`,
    rules.weeklyCeilingMinutes === null ? 'no ceiling' : `ceiling ${formatMinutes(rules.weeklyCeilingMinutes)}`,
  ];
  if (rules.minDaysPerWeek > 0) parts.push(`at least ${rules.minDaysPerWeek} days`);
  if (rules.minBillableDaysPerWeek > 0)
    parts.push(`${rules.minBillableDaysPerWeek} days of ${formatMinutes(rules.minBillableDayMinutes)} or more`);
  return parts.join(', ');
}

/** Planned hours a week next to the program's floor and ceiling, with the reasons in words. */
export function PlanSummary({
  intensity,
  rules,
  asOf,
  edited,
}: {
  intensity: PlanIntensity;
  rules: IntensityRulesDto;
  asOf: string;
  edited: boolean;
}) {
  const status = STATUS[intensity.status];
  return (
    <Stack gap={4} role="status" aria-live="polite">
      <Group gap="sm">
        <Text fw={700}>
          {formatMinutes(intensity.minutes)} a week planned{edited ? ' (not saved yet)' : ''}
        </Text>
        <Badge color={status.color} variant="light" tt="none">
          {status.label}
        </Badge>
      </Group>
      <Text size="sm" c="dimmed">
        Series running on {formatDate(asOf)}. Program rules: {rulesText(rules)}.
        {intensity.byWeekday.length > 0 &&
          ` Days: ${intensity.byWeekday.map((day) => `${weekdayList([day.weekday])} ${formatMinutes(day.minutes)}`).join(', ')}.`}
      </Text>
      <List size="sm">
        {intensity.reasons.map((reason) => (
          <List.Item key={reason}>{reason}</List.Item>
        ))}
      </List>
    </Stack>
  );
}

import { Badge, Card, Group, SimpleGrid, Stack, Text, Title, UnstyledButton, VisuallyHidden } from '@mantine/core';
import type { CalendarSessionDto } from '../../lib/api-types';
import { daysOfWeek } from './week';

// A plain week grid: seven day columns (stacked on narrow screens), each a labelled section with its
// sessions as buttons in start order. Times are the session's site-local times.

export function sessionTimes(session: CalendarSessionDto): string {
  return `${session.localStartTime}–${session.localEndTime}`;
}

export function sessionPlace(session: CalendarSessionDto): string {
  if (session.room !== null) return session.telehealth ? `${session.room.name} + telehealth` : session.room.name;
  return 'Telehealth';
}

function SessionCard({ session, onOpen }: { session: CalendarSessionDto; onOpen: (session: CalendarSessionDto) => void }) {
  const cancelled = session.status === 'cancelled';
  return (
    <UnstyledButton
      onClick={() => onOpen(session)}
      style={{ display: 'block', width: '100%' }}
      aria-describedby={cancelled ? `cancel-${session.id}` : undefined}
    >
      <Card
        withBorder
        padding="xs"
        radius="sm"
        style={{
          opacity: cancelled ? 0.65 : 1,
          borderLeftWidth: 4,
          borderLeftColor: session.kind === 'group' ? 'var(--mantine-color-blue-6)' : 'var(--mantine-color-teal-6)',
        }}
      >
        <Stack gap={2}>
          <Text fw={600} size="sm" td={cancelled ? 'line-through' : undefined}>
            {sessionTimes(session)}
          </Text>
          <Text size="sm" lineClamp={2}>
            {session.title}
          </Text>
          <Text size="xs" c="dimmed">
            {sessionPlace(session)}
          </Text>
          {session.kind === 'group' && (
            <Text size="xs" c="dimmed">
              {session.expected} expected of {session.capacity}
            </Text>
          )}
          <Group gap={4}>
            {cancelled && (
              <Badge size="xs" color="red" variant="light" id={`cancel-${session.id}`}>
                {session.cancelledBy === 'closure' ? 'Closed' : 'Cancelled'}
              </Badge>
            )}
            {session.moved && (
              <Badge size="xs" color="orange" variant="light">
                Moved
              </Badge>
            )}
            {session.substituteFacilitatorId !== null && (
              <Badge size="xs" color="grape" variant="light">
                Substitute
              </Badge>
            )}
          </Group>
        </Stack>
      </Card>
    </UnstyledButton>
  );
}

export function WeekGrid({
  week,
  sessions,
  onOpen,
}: {
  week: string;
  sessions: CalendarSessionDto[];
  onOpen: (session: CalendarSessionDto) => void;
}) {
  const days = daysOfWeek(week);
  return (
    <SimpleGrid cols={{ base: 1, md: 7 }} spacing="xs" data-testid="week-grid">
      {days.map((day) => {
        const today = sessions.filter((session) => session.localDate === day.date).sort((a, b) => a.startsAt.localeCompare(b.startsAt));
        const headingId = `day-${day.date}`;
        return (
          <section key={day.date} aria-labelledby={headingId} style={{ minWidth: 0 }}>
            <Title order={3} size="h6" id={headingId} mb={6}>
              <span aria-hidden="true">{day.shortLabel}</span>
              <VisuallyHidden>{day.label}</VisuallyHidden>
            </Title>
            {today.length === 0 ? (
              <Text size="xs" c="dimmed">
                No sessions
              </Text>
            ) : (
              <ul style={{ listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: 6 }}>
                {today.map((session) => (
                  <li key={session.id}>
                    <SessionCard session={session} onOpen={onOpen} />
                  </li>
                ))}
              </ul>
            )}
          </section>
        );
      })}
    </SimpleGrid>
  );
}

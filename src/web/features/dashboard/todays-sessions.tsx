import { Anchor, Badge, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import type { DashboardDto } from '../../lib/api-types';

function localTime(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat(undefined, { timeStyle: 'short', timeZone }).format(Date.parse(iso));
}

/** Each site's sessions on the site's own today, with roster and check-in counts. */
export function TodaysSessions({ sites, canTakeAttendance }: { sites: DashboardDto['sites']; canTakeAttendance: boolean }) {
  return (
    <Stack gap="sm">
      <Title order={2} size="h4">
        Today&apos;s sessions
      </Title>
      {sites.map((site) => (
        <Card key={site.siteId} withBorder padding="sm" component="section" aria-label={`Sessions today at ${site.siteName}`}>
          <Group justify="space-between" mb="xs">
            <Title order={3} size="h5">
              {site.siteName}
            </Title>
            <Text size="sm" c="dimmed">
              {site.today} ({site.timeZone})
            </Text>
          </Group>
          {site.sessions.length === 0 ? (
            <Text size="sm" c="dimmed">
              No sessions today.
            </Text>
          ) : (
            <Table.ScrollContainer minWidth={640}>
              <Table verticalSpacing={4} fz="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Time</Table.Th>
                    <Table.Th scope="col">Session</Table.Th>
                    <Table.Th scope="col">Program</Table.Th>
                    <Table.Th scope="col">Checked in</Table.Th>
                    <Table.Th scope="col">Attendance</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {site.sessions.map((session) => (
                    <Table.Tr key={session.sessionId}>
                      <Table.Td>
                        {localTime(session.startsAt, site.timeZone)}–{localTime(session.endsAt, site.timeZone)}
                      </Table.Td>
                      <Table.Th scope="row" fw={500}>
                        {session.title}
                      </Table.Th>
                      <Table.Td>{session.programName ?? '—'}</Table.Td>
                      <Table.Td>
                        {session.checkedInCount} of {session.expectedCount} expected
                        {session.recordedCount > session.checkedInCount
                          ? ` (${session.recordedCount - session.checkedInCount} absent)`
                          : ''}
                      </Table.Td>
                      <Table.Td>
                        <Group gap={6}>
                          {session.status === 'cancelled' && (
                            <Badge color="red" size="sm">
                              Cancelled
                            </Badge>
                          )}
                          {session.dayClosed && (
                            <Badge color="gray" size="sm">
                              Closed
                            </Badge>
                          )}
                          {canTakeAttendance && session.status === 'scheduled' && (
                            <Anchor
                              component={Link}
                              to={`/sessions/${session.sessionId}/attendance`}
                              aria-label={`Attendance for ${session.title} at ${localTime(session.startsAt, site.timeZone)}`}
                            >
                              Attendance
                            </Anchor>
                          )}
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Card>
      ))}
    </Stack>
  );
}

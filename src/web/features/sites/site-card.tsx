import { Badge, Button, Card, Checkbox, Group, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { SectionLoader } from '../../components/full-page-loader';
import type { RoomDto, SiteDto } from '../../lib/api-types';
import { errorMessage } from '../../lib/form-errors';
import { RoomFormModal } from './room-form-modal';
import { useRooms, useSetRoomActive } from './sites-api';

/** One site: its details and its rooms. */
export function SiteCard({ site, onEdit }: { site: SiteDto; onEdit: () => void }) {
  const [showInactive, setShowInactive] = useState(false);
  const rooms = useRooms(site.id, showInactive);
  const setActive = useSetRoomActive(site.id);
  const [editing, setEditing] = useState<{ room: RoomDto | null } | null>(null);

  function toggle(room: RoomDto) {
    setActive.mutate(
      { roomId: room.id, active: !room.active },
      {
        onSuccess: (saved) => notifications.show({ color: 'green', message: `${saved.name} is ${saved.active ? 'active' : 'inactive'}` }),
        onError: (error) => notifications.show({ color: 'red', title: 'Not done', message: errorMessage(error) }),
      },
    );
  }

  return (
    <Card withBorder padding="lg" component="section" aria-label={site.name}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <div>
            <Title order={2} size="h3">
              {site.name}
            </Title>
            <Text size="sm">{site.address === '' ? 'No address yet' : site.address}</Text>
            <Text size="sm" c="dimmed">
              Time zone: {site.timeZone}
            </Text>
          </div>
          <Group gap="xs">
            <Button variant="light" size="xs" aria-label={`Edit site ${site.name}`} onClick={onEdit}>
              Edit site
            </Button>
            <Button size="xs" aria-label={`Add room at ${site.name}`} onClick={() => setEditing({ room: null })}>
              Add room
            </Button>
          </Group>
        </Group>
        <Checkbox label="Show inactive rooms" checked={showInactive} onChange={(event) => setShowInactive(event.currentTarget.checked)} />
        {rooms.isPending && <SectionLoader label={`Loading rooms of ${site.name}`} />}
        {rooms.isError && <ErrorAlert error={rooms.error} onRetry={() => void rooms.refetch()} />}
        {rooms.isSuccess &&
          (rooms.data.length === 0 ? (
            <Text c="dimmed" size="sm">
              No rooms yet.
            </Text>
          ) : (
            <Table verticalSpacing="xs">
              <Table.Caption>Rooms at {site.name}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Room</Table.Th>
                  <Table.Th scope="col">Capacity</Table.Th>
                  <Table.Th scope="col">Status</Table.Th>
                  <Table.Th scope="col">Actions</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rooms.data.map((room) => (
                  <Table.Tr key={room.id}>
                    <Table.Th scope="row" fw={500}>
                      {room.name}
                    </Table.Th>
                    <Table.Td>{room.capacity}</Table.Td>
                    <Table.Td>
                      <Badge color={room.active ? 'green' : 'gray'} variant="light">
                        {room.active ? 'Active' : 'Inactive'}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        <Button size="xs" variant="subtle" aria-label={`Edit room ${room.name}`} onClick={() => setEditing({ room })}>
                          Edit
                        </Button>
                        <Button
                          size="xs"
                          variant="subtle"
                          color={room.active ? 'red' : undefined}
                          loading={setActive.isPending && setActive.variables.roomId === room.id}
                          aria-label={`${room.active ? 'Deactivate' : 'Reactivate'} room ${room.name}`}
                          onClick={() => toggle(room)}
                        >
                          {room.active ? 'Deactivate' : 'Reactivate'}
                        </Button>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          ))}
      </Stack>
      {editing !== null && (
        <RoomFormModal key={editing.room?.id ?? 'new'} site={site} room={editing.room} onClose={() => setEditing(null)} />
      )}
    </Card>
  );
}

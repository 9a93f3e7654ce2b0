import { Badge, Button, Group, Table, Text } from '@mantine/core';
import type { UserDto, UserStatus } from '../../lib/api-types';
import { formatDateTime } from '../../lib/format';
import { roleList } from '../../lib/roles';

export type UserAction = 'edit' | 'deactivate' | 'reactivate' | 'invite';

const STATUS: Record<UserStatus, { label: string; color: string }> = {
  invited: { label: 'Invited', color: 'blue' },
  active: { label: 'Active', color: 'green' },
  deactivated: { label: 'Deactivated', color: 'gray' },
};

type Props = {
  users: UserDto[];
  currentUserId: string;
  busyUserId: string | null;
  onAction: (action: UserAction, user: UserDto) => void;
};

export function UsersTable({ users, currentUserId, busyUserId, onAction }: Props) {
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table striped highlightOnHover verticalSpacing="sm">
        <Table.Caption>Staff accounts in this organization</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Name</Table.Th>
            <Table.Th scope="col">Email</Table.Th>
            <Table.Th scope="col">Roles</Table.Th>
            <Table.Th scope="col">Status</Table.Th>
            <Table.Th scope="col">MFA</Table.Th>
            <Table.Th scope="col">Last login</Table.Th>
            <Table.Th scope="col">Actions</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {users.map((user) => {
            const isSelf = user.id === currentUserId;
            const busy = busyUserId === user.id;
            return (
              <Table.Tr key={user.id}>
                <Table.Th scope="row" fw={500}>
                  {user.displayName}
                  {isSelf && (
                    <Text span c="dimmed" size="sm">
                      {' '}
                      (you)
                    </Text>
                  )}
                </Table.Th>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>{user.email}</Table.Td>
                <Table.Td>{roleList(user.roles)}</Table.Td>
                <Table.Td>
                  <Badge color={STATUS[user.status].color} variant="light">
                    {STATUS[user.status].label}
                  </Badge>
                </Table.Td>
                <Table.Td>{user.mfaEnrolled ? 'On' : 'Off'}</Table.Td>
                <Table.Td>{user.lastLoginAt === null ? 'Never' : formatDateTime(user.lastLoginAt)}</Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <Button size="xs" variant="subtle" aria-label={`Edit ${user.displayName}`} onClick={() => onAction('edit', user)}>
                      Edit
                    </Button>
                    {user.status === 'invited' && (
                      <Button
                        size="xs"
                        variant="subtle"
                        loading={busy}
                        aria-label={`New invite link for ${user.displayName}`}
                        onClick={() => onAction('invite', user)}
                      >
                        New invite link
                      </Button>
                    )}
                    {user.status === 'deactivated' ? (
                      <Button
                        size="xs"
                        variant="subtle"
                        loading={busy}
                        aria-label={`Reactivate ${user.displayName}`}
                        onClick={() => onAction('reactivate', user)}
                      >
                        Reactivate
                      </Button>
                    ) : (
                      // Deactivating yourself would lock you out; another administrator can do it.
                      !isSelf && (
                        <Button
                          size="xs"
                          variant="subtle"
                          color="red"
                          aria-label={`Deactivate ${user.displayName}`}
                          onClick={() => onAction('deactivate', user)}
                        >
                          Deactivate
                        </Button>
                      )
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

import { Button, Menu, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useSession } from '../features/auth/session-provider';
import type { SessionDto } from '../lib/api-types';
import { roleList } from '../lib/roles';

export function UserMenu({ session }: { session: SessionDto }) {
  const { logOut } = useSession();
  const { user } = session;
  return (
    <Menu position="bottom-end" width={260}>
      <Menu.Target>
        <Button variant="subtle" aria-label={`User menu: ${user.displayName}`}>
          {user.displayName}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>Signed in as</Menu.Label>
        <Text px="sm" size="sm" style={{ overflowWrap: 'anywhere' }}>
          {user.email}
        </Text>
        <Text px="sm" pb="xs" size="xs" c="dimmed">
          {roleList(user.roles)}
        </Text>
        <Menu.Divider />
        {!user.mfaEnrolled && (
          <Menu.Item component={Link} to="/mfa/enrol">
            Set up two-factor authentication
          </Menu.Item>
        )}
        <Menu.Item onClick={() => void logOut()}>Log out</Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

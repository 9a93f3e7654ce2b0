import { Alert, Anchor, Stack, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useDocumentTitle } from './page';

export function NoAccess() {
  useDocumentTitle('No access');
  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        You do not have access to this page
      </Title>
      <Alert color="yellow">Your roles do not include this area. Ask an administrator if you need it for your work.</Alert>
      <Anchor component={Link} to="/">
        Go to the dashboard
      </Anchor>
    </Stack>
  );
}

export function NotFound() {
  useDocumentTitle('Page not found');
  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        Page not found
      </Title>
      <Anchor component={Link} to="/">
        Go to the dashboard
      </Anchor>
    </Stack>
  );
}

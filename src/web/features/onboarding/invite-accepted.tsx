import { Button, Group, Text } from '@mantine/core';
import { useNavigate } from 'react-router';
import { CenteredCard } from '../../components/centered-card';

/** After accepting an invite in an organization where two-factor authentication is optional. */
export function InviteAccepted() {
  const navigate = useNavigate();
  return (
    <CenteredCard title="Your account is ready">
      <Text>
        We recommend turning on two-factor authentication now: it protects patient information if your password is ever guessed or stolen.
      </Text>
      <Group justify="space-between">
        <Button variant="default" onClick={() => void navigate('/', { replace: true })}>
          Continue
        </Button>
        <Button onClick={() => void navigate('/mfa/enrol', { replace: true })}>Set up two-factor authentication now</Button>
      </Group>
    </CenteredCard>
  );
}

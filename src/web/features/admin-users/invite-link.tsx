import { Stack, Text } from '@mantine/core';
import { CopyField } from '../../components/copy-field';
import { absoluteInviteUrl } from './users-api';

/** The one-time invite link an administrator passes on to a new user. */
export function InviteLink({ email, inviteUrl }: { email: string; inviteUrl: string }) {
  return (
    <Stack gap="xs">
      <CopyField label="Invite link" value={absoluteInviteUrl(inviteUrl, window.location.origin)} testId="invite-url" />
      <Text size="sm" c="dimmed">
        Send this link to {email} through a channel you trust. It works once; anyone holding it can set the password for this account.
      </Text>
    </Stack>
  );
}

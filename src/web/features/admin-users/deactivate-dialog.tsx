import { Button, Group, Stack, Text } from '@mantine/core';
import type { UserDto } from '../../lib/api-types';
import { Dialog } from '../../components/dialog';

export function DeactivateDialog({
  user,
  pending,
  onConfirm,
  onClose,
}: {
  user: UserDto;
  pending: boolean;
  onConfirm: () => void;
  onClose: () => void;
}) {
  return (
    <Dialog opened onClose={onClose} title={`Deactivate ${user.displayName}?`}>
      <Stack gap="md">
        <Text>
          {user.displayName} ({user.email}) will be signed out at once and cannot sign in until an administrator reactivates the account.
          Their records and audit history are kept.
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-autofocus>
            Cancel
          </Button>
          <Button color="red" loading={pending} onClick={onConfirm}>
            Deactivate
          </Button>
        </Group>
      </Stack>
    </Dialog>
  );
}

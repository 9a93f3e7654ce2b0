import { Button, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { SectionLoader } from '../../components/full-page-loader';
import { Page } from '../../components/page';
import type { UserDto, UserWithInviteDto } from '../../lib/api-types';
import { assertNever } from '../../lib/assert-never';
import { errorMessage } from '../../lib/form-errors';
import { useSites } from '../../lib/use-sites';
import { useActiveSession } from '../auth/session-provider';
import { DeactivateDialog } from './deactivate-dialog';
import { EditUserModal } from './edit-user-modal';
import { InviteLink } from './invite-link';
import { NewUserModal } from './new-user-modal';
import { useNewInviteLink, useSetUserActive, useUsers } from './users-api';
import { UsersTable, type UserAction } from './users-table';
import { Dialog } from '../../components/dialog';

type Dialog =
  | { kind: 'none' }
  | { kind: 'edit'; user: UserDto }
  | { kind: 'deactivate'; user: UserDto }
  | { kind: 'invite-link'; result: UserWithInviteDto };

/** /admin/users: staff accounts, invitations, roles and sites. */
export function UsersPage() {
  const session = useActiveSession();
  const users = useUsers();
  const sites = useSites();
  const setActive = useSetUserActive();
  const newInvite = useNewInviteLink();
  const [creating, setCreating] = useState(false);
  const [dialog, setDialog] = useState<Dialog>({ kind: 'none' });
  const close = () => setDialog({ kind: 'none' });
  const failed = (error: unknown) => notifications.show({ color: 'red', title: 'Not done', message: errorMessage(error) });

  function changeActive(user: UserDto, active: boolean) {
    setActive.mutate(
      { userId: user.id, active },
      {
        onSuccess: (saved) => {
          notifications.show({
            color: 'green',
            message: `${saved.displayName} is ${active ? 'reactivated' : 'deactivated'}`,
          });
          close();
        },
        onError: failed,
      },
    );
  }

  function onAction(action: UserAction, user: UserDto) {
    switch (action) {
      case 'edit':
      case 'deactivate':
        setDialog({ kind: action, user });
        return;
      case 'reactivate':
        changeActive(user, true);
        return;
      case 'invite':
        newInvite.mutate(user.id, {
          onSuccess: (result) => setDialog({ kind: 'invite-link', result }),
          onError: failed,
        });
        return;
      default:
        assertNever(action);
    }
  }

  let busyUserId: string | null = null;
  if (setActive.isPending) busyUserId = setActive.variables.userId;
  else if (newInvite.isPending) busyUserId = newInvite.variables;
  const siteList = sites.data ?? [];
  return (
    <Page title="Users" actions={<Button onClick={() => setCreating(true)}>New user</Button>}>
      {users.isPending && <SectionLoader label="Loading users" />}
      {users.isError && <ErrorAlert error={users.error} onRetry={() => void users.refetch()} />}
      {users.isSuccess && <UsersTable users={users.data} currentUserId={session.user.id} busyUserId={busyUserId} onAction={onAction} />}
      <NewUserModal opened={creating} onClose={() => setCreating(false)} sites={siteList} />
      {dialog.kind === 'edit' && <EditUserModal key={dialog.user.id} user={dialog.user} sites={siteList} onClose={close} />}
      {dialog.kind === 'deactivate' && (
        <DeactivateDialog
          user={dialog.user}
          pending={setActive.isPending}
          onConfirm={() => changeActive(dialog.user, false)}
          onClose={close}
        />
      )}
      {dialog.kind === 'invite-link' && (
        <Dialog opened onClose={close} title={`New invite link for ${dialog.result.user.displayName}`} size="lg">
          <Stack gap="md">
            <InviteLink email={dialog.result.user.email} inviteUrl={dialog.result.inviteUrl} />
            <Button onClick={close}>Done</Button>
          </Stack>
        </Dialog>
      )}
    </Page>
  );
}

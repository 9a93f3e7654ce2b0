import { Alert, Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useState, type SubmitEvent } from 'react';
import type { Role, SiteDto, UserWithInviteDto } from '../../lib/api-types';
import { formErrorsFrom } from '../../lib/form-errors';
import { InviteLink } from './invite-link';
import { UserAccessFields } from './user-access-fields';
import { useCreateUser } from './users-api';

const FIELDS = ['email', 'displayName', 'roles', 'siteIds'] as const;

export function NewUserModal({ opened, onClose, sites }: { opened: boolean; onClose: () => void; sites: SiteDto[] }) {
  const create = useCreateUser();
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [roles, setRoles] = useState<Role[]>([]);
  const [siteIds, setSiteIds] = useState<string[]>([]);
  const [noRole, setNoRole] = useState(false);
  const [created, setCreated] = useState<UserWithInviteDto | null>(null);

  function reset() {
    setEmail('');
    setDisplayName('');
    setRoles([]);
    setSiteIds([]);
    setNoRole(false);
    setCreated(null);
    create.reset();
  }

  function close() {
    reset();
    onClose();
  }

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    setNoRole(roles.length === 0);
    if (roles.length === 0) return;
    create.mutate({ email: email.trim(), displayName: displayName.trim(), roles, siteIds }, { onSuccess: setCreated });
  }

  const errors = create.isError ? formErrorsFrom(create.error, FIELDS, { EMAIL_TAKEN: 'email' }) : null;
  return (
    <Modal opened={opened} onClose={close} title={created === null ? 'New user' : 'User invited'} size="lg">
      {created !== null ? (
        <Stack gap="md">
          <InviteLink email={created.user.email} inviteUrl={created.inviteUrl} />
          <Group justify="flex-end">
            <Button variant="default" onClick={reset}>
              Add another user
            </Button>
            <Button onClick={close}>Done</Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate aria-label="New user">
          <Stack gap="md">
            <TextInput
              label="Email"
              type="email"
              required
              autoComplete="off"
              value={email}
              error={errors?.fields.email}
              onChange={(event) => setEmail(event.currentTarget.value)}
            />
            <TextInput
              label="Display name"
              required
              autoComplete="off"
              value={displayName}
              error={errors?.fields.displayName}
              onChange={(event) => setDisplayName(event.currentTarget.value)}
            />
            <UserAccessFields
              roles={roles}
              onRolesChange={setRoles}
              siteIds={siteIds}
              onSiteIdsChange={setSiteIds}
              sites={sites}
              rolesError={noRole ? 'Choose at least one role' : errors?.fields.roles}
              sitesError={errors?.fields.siteIds}
            />
            {errors !== null && errors.general !== null && (
              <Alert color="red" role="alert">
                {errors.general}
              </Alert>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" loading={create.isPending}>
                Create user and invite link
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}

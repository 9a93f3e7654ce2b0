import { Alert, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type SubmitEvent } from 'react';
import type { Role, SiteDto, UserDto } from '../../lib/api-types';
import { formErrorsFrom } from '../../lib/form-errors';
import { UserAccessFields } from './user-access-fields';
import { useUpdateUser } from './users-api';
import { Dialog } from '../../components/dialog';

const FIELDS = ['displayName', 'roles', 'siteIds'] as const;

/** Rendered only while open, with `key={user.id}`, so its fields start from the user's values. */
export function EditUserModal({ user, sites, onClose }: { user: UserDto; sites: SiteDto[]; onClose: () => void }) {
  const update = useUpdateUser();
  const [displayName, setDisplayName] = useState(user.displayName);
  const [roles, setRoles] = useState<Role[]>(user.roles);
  const [siteIds, setSiteIds] = useState<string[]>(user.siteIds);
  const [noRole, setNoRole] = useState(false);

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    setNoRole(roles.length === 0);
    if (roles.length === 0) return;
    update.mutate(
      { userId: user.id, patch: { displayName: displayName.trim(), roles, siteIds } },
      {
        onSuccess: (saved) => {
          notifications.show({ color: 'green', message: `Saved changes to ${saved.displayName}` });
          onClose();
        },
      },
    );
  }

  const errors = update.isError ? formErrorsFrom(update.error, FIELDS) : null;
  return (
    <Dialog opened onClose={onClose} title={`Edit ${user.displayName}`} size="lg">
      <form onSubmit={submit} noValidate aria-label={`Edit ${user.displayName}`}>
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            {user.email}
          </Text>
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
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={update.isPending}>
              Save changes
            </Button>
          </Group>
        </Stack>
      </form>
    </Dialog>
  );
}

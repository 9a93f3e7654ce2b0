import { Checkbox, SimpleGrid, Stack, Text } from '@mantine/core';
import { ROLES, type Role, type SiteDto } from '../../lib/api-types';
import { roleLabel } from '../../lib/roles';

type Props = {
  roles: Role[];
  onRolesChange: (roles: Role[]) => void;
  siteIds: string[];
  onSiteIdsChange: (siteIds: string[]) => void;
  sites: SiteDto[];
  rolesError?: string | undefined;
  sitesError?: string | undefined;
};

function isRole(value: string): value is Role {
  return ROLES.some((role) => role === value);
}

/** Role and site checkboxes shared by the new-user and edit-user forms. */
export function UserAccessFields(props: Props) {
  return (
    <Stack gap="md">
      <Checkbox.Group
        label="Roles"
        description="Choose at least one."
        required
        value={props.roles}
        onChange={(values) => props.onRolesChange(values.filter(isRole))}
        error={props.rolesError}
      >
        <SimpleGrid cols={2} spacing="xs" mt="xs">
          {ROLES.map((role) => (
            <Checkbox key={role} value={role} label={roleLabel(role)} />
          ))}
        </SimpleGrid>
      </Checkbox.Group>
      <Checkbox.Group label="Sites" value={props.siteIds} onChange={props.onSiteIdsChange} error={props.sitesError}>
        {props.sites.length === 0 ? (
          <Text size="sm" c="dimmed" mt="xs">
            No sites to choose from yet.
          </Text>
        ) : (
          <Stack gap="xs" mt="xs">
            {props.sites.map((site) => (
              <Checkbox key={site.id} value={site.id} label={site.name} />
            ))}
          </Stack>
        )}
      </Checkbox.Group>
    </Stack>
  );
}

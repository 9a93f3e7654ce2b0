import { Badge, Button, Checkbox, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { MODALITY_LABELS, isModality } from '../../../domain/programs/modalities';
import { ErrorAlert } from '../../components/error-alert';
import { SectionLoader } from '../../components/full-page-loader';
import { Page } from '../../components/page';
import type { StaffDto } from '../../lib/api-types';
import { roleList } from '../../lib/roles';
import { useSites } from '../../lib/use-sites';
import { availabilitySummary } from './availability-state';
import { useStaff } from './staff-api';
import { StaffProfileModal } from './staff-profile-modal';

/** /staff: credentials, modalities, work sites and availability of every staff member. */
export function StaffPage() {
  const [includeDeactivated, setIncludeDeactivated] = useState(false);
  const staff = useStaff(includeDeactivated);
  const sites = useSites();
  const [editing, setEditing] = useState<StaffDto | null>(null);
  const siteList = sites.data ?? [];
  const siteNames = (ids: string[]) => ids.map((id) => siteList.find((site) => site.id === id)?.name ?? 'Unknown site').join(', ') || '—';

  return (
    <Page title="Staff">
      <Checkbox
        label="Show deactivated staff"
        checked={includeDeactivated}
        onChange={(event) => setIncludeDeactivated(event.currentTarget.checked)}
      />
      {staff.isPending && <SectionLoader label="Loading staff" />}
      {staff.isError && <ErrorAlert error={staff.error} onRetry={() => void staff.refetch()} />}
      {staff.isSuccess && (
        <Table.ScrollContainer minWidth={1000}>
          <Table striped highlightOnHover verticalSpacing="sm">
            <Table.Caption>Staff profiles</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Name</Table.Th>
                <Table.Th scope="col">Roles</Table.Th>
                <Table.Th scope="col">Licence</Table.Th>
                <Table.Th scope="col">Modalities</Table.Th>
                <Table.Th scope="col">Sites</Table.Th>
                <Table.Th scope="col">Availability</Table.Th>
                <Table.Th scope="col">Actions</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {staff.data.map((member) => (
                <Table.Tr key={member.userId}>
                  <Table.Th scope="row" fw={500}>
                    {member.displayName}
                    {member.status !== 'active' && (
                      <Badge ml="xs" size="sm" color="gray" variant="light">
                        {member.status}
                      </Badge>
                    )}
                  </Table.Th>
                  <Table.Td>{roleList(member.roles)}</Table.Td>
                  <Table.Td>
                    {member.licenceType || '—'}
                    {member.licensedStates.length > 0 && (
                      <Text size="xs" c="dimmed">
                        {member.licensedStates.join(', ')}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {member.modalities
                      .filter(isModality)
                      .map((m) => MODALITY_LABELS[m])
                      .join(', ') || '—'}
                  </Table.Td>
                  <Table.Td>{siteNames(member.siteIds)}</Table.Td>
                  <Table.Td>{availabilitySummary(member.weeklyAvailability)}</Table.Td>
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="subtle"
                      aria-label={`Edit the profile of ${member.displayName}`}
                      onClick={() => setEditing(member)}
                    >
                      Edit
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {editing !== null && <StaffProfileModal key={editing.userId} member={editing} sites={siteList} onClose={() => setEditing(null)} />}
    </Page>
  );
}

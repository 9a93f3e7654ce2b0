import { Alert, Autocomplete, Button, Checkbox, Group, MultiSelect, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type SubmitEvent } from 'react';
import { MODALITIES, MODALITY_LABELS } from '../../../domain/programs/modalities';
import { US_STATE_CODES } from '../../../domain/us-states';
import type { AvailabilityWindowDto, SiteDto, StaffDto } from '../../lib/api-types';
import { formErrorsFrom } from '../../lib/form-errors';
import { ACCESS, canAccess, roleList } from '../../lib/roles';
import { AvailabilityEditor } from './availability-editor';
import { checkAvailability, serverRowErrors } from './availability-state';
import { useSaveProfile, useStaff } from './staff-api';
import { Dialog } from '../../components/dialog';

const FIELDS = ['licenceType', 'licensedStates', 'modalities', 'weeklyAvailability', 'siteIds', 'cosignSupervisorId'] as const;

// Suggestions only: any licence type may be typed.
const LICENCE_TYPES = [
  'LCSW',
  'LICSW',
  'LMSW',
  'LPC',
  'LPCC',
  'LMHC',
  'LMFT',
  'LCADC',
  'CADC',
  'PsyD',
  'PhD (psychologist)',
  'MD',
  'DO',
  'PMHNP',
  'NP',
  'RN',
  'OTR/L',
];

/** Edits one person's credentials, modalities, availability and work sites; rendered only while open. */
export function StaffProfileModal({ member, sites, onClose }: { member: StaffDto; sites: SiteDto[]; onClose: () => void }) {
  const save = useSaveProfile();
  const [licenceType, setLicenceType] = useState(member.licenceType);
  const [licensedStates, setLicensedStates] = useState(member.licensedStates);
  const [modalities, setModalities] = useState(member.modalities);
  const [windows, setWindows] = useState<AvailabilityWindowDto[]>(member.weeklyAvailability);
  const [siteIds, setSiteIds] = useState(member.siteIds);
  const [clientRows, setClientRows] = useState<Map<number, string>>(new Map());
  const [cosignSupervisorId, setCosignSupervisorId] = useState<string | null>(member.cosignSupervisorId);
  const [counselingNotesAccess, setCounselingNotesAccess] = useState(member.counselingNotesAccess);
  const staff = useStaff(false);
  // A supervisor co-signs notes, so must be one of the staff who write them.
  const supervisors = (staff.data ?? []).filter((other) => other.userId !== member.userId && canAccess(other.roles, ACCESS.notes));

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const problems = checkAvailability(windows);
    setClientRows(problems);
    if (problems.size > 0) return;
    save.mutate(
      {
        userId: member.userId,
        body: {
          licenceType: licenceType.trim(),
          licensedStates,
          modalities,
          weeklyAvailability: windows,
          siteIds,
          cosignSupervisorId,
          counselingNotesAccess,
        },
      },
      {
        onSuccess: (saved) => {
          notifications.show({ color: 'green', message: `Saved the profile of ${saved.displayName}` });
          onClose();
        },
      },
    );
  }

  const errors = save.isError ? formErrorsFrom(save.error, FIELDS) : null;
  const rows = clientRows.size > 0 ? clientRows : serverRowErrors(save.error);
  const title = `Staff profile: ${member.displayName}`;
  return (
    <Dialog opened onClose={onClose} title={title} size="xl">
      <form onSubmit={submit} noValidate aria-label={title}>
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            {member.email} · {roleList(member.roles)} (roles are changed on the Users page)
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Autocomplete
              label="Licence type"
              data={LICENCE_TYPES}
              value={licenceType}
              error={errors?.fields.licenceType}
              onChange={setLicenceType}
            />
            <MultiSelect
              label="Licensed in (states)"
              description="Telehealth is refused where the clinician holds no licence."
              searchable
              data={[...US_STATE_CODES]}
              value={licensedStates}
              error={errors?.fields.licensedStates}
              onChange={setLicensedStates}
            />
          </SimpleGrid>
          <Checkbox.Group
            label="Modalities this person may lead"
            value={modalities}
            error={errors?.fields.modalities}
            onChange={setModalities}
          >
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" mt="xs">
              {MODALITIES.map((modality) => (
                <Checkbox key={modality} value={modality} label={MODALITY_LABELS[modality]} />
              ))}
            </SimpleGrid>
          </Checkbox.Group>
          <Checkbox.Group label="Work sites" value={siteIds} error={errors?.fields.siteIds} onChange={setSiteIds}>
            <Stack gap="xs" mt="xs">
              {sites.map((site) => (
                <Checkbox key={site.id} value={site.id} label={`${site.name} (${site.timeZone})`} />
              ))}
            </Stack>
          </Checkbox.Group>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label="Co-signing supervisor"
              description="A trainee's notes wait for this supervisor's co-signature."
              clearable
              searchable
              placeholder="None"
              data={supervisors.map((other) => ({ value: other.userId, label: other.displayName }))}
              value={cosignSupervisorId}
              error={errors?.fields.cosignSupervisorId}
              onChange={setCosignSupervisorId}
            />
            <Checkbox
              mt="lg"
              label="May read SUD counseling notes written by others (42 CFR Part 2)"
              checked={counselingNotesAccess}
              onChange={(event) => setCounselingNotesAccess(event.currentTarget.checked)}
            />
          </SimpleGrid>
          <AvailabilityEditor
            windows={windows}
            onChange={setWindows}
            rowErrors={rows}
            error={rows.size === 0 ? errors?.fields.weeklyAvailability : undefined}
          />
          {errors !== null && errors.general !== null && rows.size === 0 && (
            <Alert color="red" role="alert">
              {errors.general}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              Save profile
            </Button>
          </Group>
        </Stack>
      </form>
    </Dialog>
  );
}

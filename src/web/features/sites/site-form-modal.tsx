import { Alert, Button, Group, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMemo, useState, type SubmitEvent } from 'react';
import type { SiteDto } from '../../lib/api-types';
import { formErrorsFrom } from '../../lib/form-errors';
import { useSaveSite } from './sites-api';
import { Dialog } from '../../components/dialog';

const FIELDS = ['name', 'address', 'timeZone'] as const;

/** The IANA zones this browser knows, with the site's own zone kept even if the list lacks it. */
function zoneOptions(current: string): string[] {
  const zones = Intl.supportedValuesOf('timeZone');
  return current === '' || zones.includes(current) ? zones : [current, ...zones];
}

/** New site (site = null) or edit; rendered only while open. */
export function SiteFormModal({ site, onClose }: { site: SiteDto | null; onClose: () => void }) {
  const save = useSaveSite();
  const [name, setName] = useState(site?.name ?? '');
  const [address, setAddress] = useState(site?.address ?? '');
  const [timeZone, setTimeZone] = useState(site?.timeZone ?? '');
  const zones = useMemo(() => zoneOptions(site?.timeZone ?? ''), [site?.timeZone]);

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    save.mutate(
      { siteId: site?.id ?? null, body: { name: name.trim(), address: address.trim(), timeZone } },
      {
        onSuccess: (saved) => {
          notifications.show({ color: 'green', message: `Saved ${saved.name}` });
          onClose();
        },
      },
    );
  }

  const errors = save.isError ? formErrorsFrom(save.error, FIELDS) : null;
  const title = site === null ? 'New site' : `Edit ${site.name}`;
  return (
    <Dialog opened onClose={onClose} title={title} size="lg">
      <form onSubmit={submit} noValidate aria-label={title}>
        <Stack gap="md">
          <TextInput
            label="Name"
            required
            value={name}
            error={errors?.fields.name}
            onChange={(event) => setName(event.currentTarget.value)}
          />
          <Textarea
            label="Address"
            autosize
            minRows={2}
            value={address}
            error={errors?.fields.address}
            onChange={(event) => setAddress(event.currentTarget.value)}
          />
          <Select
            label="Time zone"
            description="Group times, program days and weeks are counted in this zone. It cannot change once sessions are scheduled here."
            required
            searchable
            placeholder="e.g. America/New_York"
            data={zones}
            value={timeZone === '' ? null : timeZone}
            error={errors?.fields.timeZone}
            onChange={(value) => setTimeZone(value ?? '')}
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
            <Button type="submit" loading={save.isPending}>
              {site === null ? 'Create site' : 'Save changes'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Dialog>
  );
}

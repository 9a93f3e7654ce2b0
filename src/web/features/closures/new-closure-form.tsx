import { Alert, Button, Group, NativeSelect, Paper, Stack, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type SubmitEvent } from 'react';
import type { SiteDto } from '../../lib/api-types';
import { formErrorsFrom } from '../../lib/form-errors';
import { useCreateClosure } from './closures-api';
import { formatClosureDate } from './closures-state';

const FIELDS = ['date', 'siteId', 'reason'] as const;

export function NewClosureForm({ sites }: { sites: SiteDto[] }) {
  const create = useCreateClosure();
  const [date, setDate] = useState('');
  const [siteId, setSiteId] = useState('');
  const [reason, setReason] = useState('');

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    create.mutate(
      { siteId: siteId === '' ? null : siteId, date, reason: reason.trim() },
      {
        onSuccess: (saved) => {
          notifications.show({ color: 'green', message: `Closed on ${formatClosureDate(saved.date)}` });
          setDate('');
          setReason('');
        },
      },
    );
  }

  const errors = create.isError ? formErrorsFrom(create.error, FIELDS, { DUPLICATE: 'date' }) : null;
  return (
    <Paper withBorder p="md">
      <form onSubmit={submit} noValidate aria-labelledby="new-closure-title">
        <Stack gap="sm">
          <Title order={2} size="h4" id="new-closure-title">
            Add a closure
          </Title>
          <Group gap="md" align="flex-start">
            <TextInput
              type="date"
              label="Date"
              required
              value={date}
              error={errors?.fields.date}
              onChange={(event) => setDate(event.currentTarget.value)}
            />
            <NativeSelect
              label="Where"
              data={[{ value: '', label: 'All sites' }, ...sites.map((site) => ({ value: site.id, label: site.name }))]}
              value={siteId}
              error={errors?.fields.siteId}
              onChange={(event) => setSiteId(event.currentTarget.value)}
            />
            <TextInput
              label="Reason"
              required
              maxLength={200}
              style={{ flexGrow: 1 }}
              value={reason}
              error={errors?.fields.reason}
              onChange={(event) => setReason(event.currentTarget.value)}
            />
          </Group>
          {errors !== null && errors.general !== null && (
            <Alert color="red" role="alert">
              {errors.general}
            </Alert>
          )}
          <Group>
            <Button type="submit" loading={create.isPending}>
              Add closure
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

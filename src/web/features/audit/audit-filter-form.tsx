import { Button, Group, SimpleGrid, TextInput } from '@mantine/core';
import { useState, type SubmitEvent } from 'react';
import { EMPTY_FILTERS, type AuditFilters } from './audit-params';

type FieldErrors = Partial<Record<keyof AuditFilters, string>>;

/** Rendered with a key built from the applied filters, so it restarts when the URL changes. */
export function AuditFilterForm({
  applied,
  errors,
  onApply,
}: {
  applied: AuditFilters;
  errors: FieldErrors;
  onApply: (filters: AuditFilters) => void;
}) {
  const [draft, setDraft] = useState<AuditFilters>(applied);
  const set = (field: keyof AuditFilters) => (event: { currentTarget: { value: string } }) =>
    setDraft((previous) => ({ ...previous, [field]: event.currentTarget.value }));

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    onApply(draft);
  }

  return (
    <form onSubmit={submit} aria-label="Filter audit events">
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 5 }} spacing="sm">
        <TextInput
          label="User ID"
          description="Or choose a user in the table"
          value={draft.userId}
          onChange={set('userId')}
          error={errors.userId}
        />
        <TextInput label="Patient ID" value={draft.patientId} onChange={set('patientId')} error={errors.patientId} />
        <TextInput label="Action" placeholder="e.g. auth.login" value={draft.action} onChange={set('action')} error={errors.action} />
        <TextInput label="From date" type="date" value={draft.from} onChange={set('from')} error={errors.from} />
        <TextInput label="To date" description="Inclusive" type="date" value={draft.to} onChange={set('to')} error={errors.to} />
      </SimpleGrid>
      <Group mt="sm" gap="sm">
        <Button type="submit">Apply filters</Button>
        <Button variant="default" onClick={() => onApply(EMPTY_FILTERS)}>
          Clear filters
        </Button>
      </Group>
    </form>
  );
}

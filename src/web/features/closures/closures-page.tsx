import { Button, Group, NativeSelect, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { SectionLoader } from '../../components/full-page-loader';
import { Page } from '../../components/page';
import { errorMessage, formErrorsFrom } from '../../lib/form-errors';
import { useSites } from '../../lib/use-sites';
import { useClosures, useDeleteClosure, type ClosureQuery } from './closures-api';
import { closureWhere, defaultRange, formatClosureDate } from './closures-state';
import { NewClosureForm } from './new-closure-form';

const RANGE_FIELDS = ['from', 'to', 'siteId'] as const;

/** /closures: holidays and other days a site or the whole organization is closed. */
export function ClosuresPage() {
  const sites = useSites();
  const siteList = sites.data ?? [];
  const [query, setQuery] = useState<ClosureQuery>(() => defaultRange(Date.now()));
  const closures = useClosures(query);
  const remove = useDeleteClosure();
  const rangeErrors = closures.isError ? formErrorsFrom(closures.error, RANGE_FIELDS) : null;

  function onDelete(closureId: string, label: string) {
    remove.mutate(closureId, {
      onSuccess: () => notifications.show({ color: 'green', message: `Removed the closure on ${label}` }),
      onError: (error) => notifications.show({ color: 'red', title: 'Not done', message: errorMessage(error) }),
    });
  }

  return (
    <Page title="Closures">
      <Text c="dimmed" size="sm">
        Group sessions on a closed day are cancelled when the schedule is generated. Removing a closure does not bring back sessions it
        already cancelled.
      </Text>
      <NewClosureForm sites={siteList} />
      <Group gap="md" align="flex-start">
        <TextInput
          type="date"
          label="From"
          value={query.from}
          error={rangeErrors?.fields.from}
          onChange={(event) => setQuery({ ...query, from: event.currentTarget.value })}
        />
        <TextInput
          type="date"
          label="Until"
          value={query.to}
          error={rangeErrors?.fields.to}
          onChange={(event) => setQuery({ ...query, to: event.currentTarget.value })}
        />
        <NativeSelect
          label="Site"
          description="A site's list includes the closures of every site."
          data={[{ value: '', label: 'All sites' }, ...siteList.map((site) => ({ value: site.id, label: site.name }))]}
          value={query.siteId ?? ''}
          onChange={(event) => setQuery({ ...query, siteId: event.currentTarget.value || undefined })}
        />
      </Group>
      {closures.isPending && <SectionLoader label="Loading closures" />}
      {closures.isError && rangeErrors?.general !== null && <ErrorAlert error={closures.error} onRetry={() => void closures.refetch()} />}
      {closures.isSuccess &&
        (closures.data.length === 0 ? (
          <Text c="dimmed">No closures in this range.</Text>
        ) : (
          <Table striped verticalSpacing="sm">
            <Table.Caption>
              Closures from {formatClosureDate(query.from)} to {formatClosureDate(query.to)}
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Date</Table.Th>
                <Table.Th scope="col">Where</Table.Th>
                <Table.Th scope="col">Reason</Table.Th>
                <Table.Th scope="col">Actions</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {closures.data.map((closure) => {
                const label = `${formatClosureDate(closure.date)} (${closureWhere(closure, siteList)})`;
                return (
                  <Table.Tr key={closure.id}>
                    <Table.Th scope="row" fw={500}>
                      {formatClosureDate(closure.date)}
                    </Table.Th>
                    <Table.Td>{closureWhere(closure, siteList)}</Table.Td>
                    <Table.Td>{closure.reason}</Table.Td>
                    <Table.Td>
                      <Button
                        size="xs"
                        variant="subtle"
                        color="red"
                        loading={remove.isPending && remove.variables === closure.id}
                        aria-label={`Remove the closure on ${label}`}
                        onClick={() => onDelete(closure.id, label)}
                      >
                        Remove
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        ))}
    </Page>
  );
}

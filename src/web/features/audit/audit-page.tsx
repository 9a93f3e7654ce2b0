import { Button, Group, NativeSelect, Pagination, Paper, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { ErrorAlert } from '../../components/error-alert';
import { SectionLoader } from '../../components/full-page-loader';
import { Page } from '../../components/page';
import { withQuery } from '../../lib/api';
import { useApi } from '../../lib/api-context';
import type { AuditEventsDto } from '../../lib/api-types';
import { formErrorsFrom } from '../../lib/form-errors';
import {
  auditFilterQuery,
  auditPageQuery,
  PAGE_SIZES,
  readAuditView,
  writeAuditView,
  type AuditFilters,
  type AuditView,
} from './audit-params';
import { AuditFilterForm } from './audit-filter-form';
import { AuditTable } from './audit-table';

const FILTER_FIELDS = ['userId', 'patientId', 'action', 'from', 'to'] as const;

/** /audit: search, page through and export the audit trail. */
export function AuditPage() {
  const api = useApi();
  const [params, setParams] = useSearchParams();
  const view = readAuditView(params);
  const query = auditPageQuery(view);
  const events = useQuery({
    queryKey: ['audit', 'events', query],
    queryFn: () => api.get<AuditEventsDto>('/api/v1/audit/events', query),
    placeholderData: keepPreviousData,
  });

  const show = (next: Partial<AuditView>) => setParams(writeAuditView({ ...view, ...next }));
  const applyFilters = (filters: AuditFilters) => show({ ...filters, page: 1 });
  const errors = events.isError ? formErrorsFrom(events.error, FILTER_FIELDS) : null;
  const total = events.data?.total ?? 0;
  const first = total === 0 ? 0 : (view.page - 1) * view.limit + 1;
  const last = Math.min(total, view.page * view.limit);
  // The export takes the same filters and order but no paging: it is the whole matching trail.
  const csvHref = withQuery('/api/v1/audit/events.csv', auditFilterQuery(view));

  return (
    <Page
      title="Audit trail"
      actions={
        <Button component="a" href={csvHref} download variant="light">
          Export CSV
        </Button>
      }
    >
      <Paper withBorder p="md">
        <AuditFilterForm key={params.toString()} applied={view} errors={errors?.fields ?? {}} onApply={applyFilters} />
      </Paper>
      {events.isPending && <SectionLoader label="Loading audit events" />}
      {errors !== null && errors.general !== null && <ErrorAlert error={events.error} onRetry={() => void events.refetch()} />}
      {events.data !== undefined && (
        <>
          <Text size="sm" role="status">
            {total === 0 ? 'No events match these filters.' : `Showing ${first}–${last} of ${total} events`}
          </Text>
          {total > 0 && (
            <AuditTable
              events={events.data.events}
              sort={view.sort}
              onSortChange={(sort) => show({ sort, page: 1 })}
              onFilterUser={(userId) => applyFilters({ ...view, userId })}
            />
          )}
          <Group justify="space-between">
            <NativeSelect
              label="Rows per page"
              data={PAGE_SIZES.map(String)}
              value={String(view.limit)}
              onChange={(event) => show({ limit: Number(event.currentTarget.value), page: 1 })}
            />
            <nav aria-label="Audit pages">
              <Pagination
                total={Math.max(1, Math.ceil(total / view.limit))}
                value={view.page}
                onChange={(page) => show({ page })}
                getItemProps={(page) => ({ 'aria-label': `Page ${page}` })}
                getControlProps={(control) => ({
                  'aria-label': `${control[0]?.toUpperCase() ?? ''}${control.slice(1)} page`,
                })}
              />
            </nav>
          </Group>
        </>
      )}
    </Page>
  );
}

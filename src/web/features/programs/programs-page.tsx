import { Button, Group, NativeSelect, Paper } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { SectionLoader } from '../../components/full-page-loader';
import { Page } from '../../components/page';
import type { ProgramDto } from '../../lib/api-types';
import { assertNever } from '../../lib/assert-never';
import { errorMessage } from '../../lib/form-errors';
import { ACCESS, canAccess } from '../../lib/roles';
import { useSites } from '../../lib/use-sites';
import { useActiveSession } from '../auth/session-provider';
import { LEVEL_LABELS, options } from './program-labels';
import { ProgramFormModal } from './program-form-modal';
import { usePrograms, useSetProgramActive, type ProgramFilters } from './programs-api';
import { ProgramsTable, type ProgramAction } from './programs-table';

type Dialog = { kind: 'none' } | { kind: 'new' } | { kind: 'open'; program: ProgramDto };

const FLAG = (yes: string, no: string) => [
  { value: '', label: 'All' },
  { value: 'true', label: yes },
  { value: 'false', label: no },
];

function flag(value: string): 'true' | 'false' | undefined {
  return value === 'true' || value === 'false' ? value : undefined;
}

/** /programs: the programs (tracks) of each site; editable by admin and director, read by other staff. */
export function ProgramsPage() {
  const session = useActiveSession();
  const canEdit = canAccess(session.user.roles, ACCESS.configure);
  const sites = useSites();
  const [filters, setFilters] = useState<ProgramFilters>({ active: 'true' });
  const programs = usePrograms(filters);
  const setActive = useSetProgramActive();
  const [dialog, setDialog] = useState<Dialog>({ kind: 'none' });
  const siteList = sites.data ?? [];

  function onAction(action: ProgramAction, program: ProgramDto) {
    switch (action) {
      case 'open':
        setDialog({ kind: 'open', program });
        return;
      case 'deactivate':
      case 'reactivate':
        setActive.mutate(
          { programId: program.id, active: action === 'reactivate' },
          {
            onSuccess: (saved) =>
              notifications.show({ color: 'green', message: `${saved.name} is ${saved.active ? 'active' : 'inactive'}` }),
            onError: (error) => notifications.show({ color: 'red', title: 'Not done', message: errorMessage(error) }),
          },
        );
        return;
      default:
        assertNever(action);
    }
  }

  return (
    <Page
      title="Programs"
      actions={
        canEdit && (
          <Button onClick={() => setDialog({ kind: 'new' })} disabled={siteList.length === 0}>
            New program
          </Button>
        )
      }
    >
      <Paper withBorder p="md">
        <Group gap="md" align="flex-end">
          <NativeSelect
            label="Site"
            data={[{ value: '', label: 'All sites' }, ...siteList.map((site) => ({ value: site.id, label: site.name }))]}
            value={filters.siteId ?? ''}
            onChange={(event) => setFilters({ ...filters, siteId: event.currentTarget.value || undefined })}
          />
          <NativeSelect
            label="Level of care"
            data={[{ value: '', label: 'All levels' }, ...options(LEVEL_LABELS)]}
            value={filters.levelOfCare ?? ''}
            onChange={(event) => setFilters({ ...filters, levelOfCare: event.currentTarget.value || undefined })}
          />
          <NativeSelect
            label="Published"
            data={FLAG('Published', 'Not published')}
            value={filters.published ?? ''}
            onChange={(event) => setFilters({ ...filters, published: flag(event.currentTarget.value) })}
          />
          <NativeSelect
            label="Status"
            data={FLAG('Active', 'Inactive')}
            value={filters.active ?? ''}
            onChange={(event) => setFilters({ ...filters, active: flag(event.currentTarget.value) })}
          />
        </Group>
      </Paper>
      {programs.isPending && <SectionLoader label="Loading programs" />}
      {programs.isError && <ErrorAlert error={programs.error} onRetry={() => void programs.refetch()} />}
      {programs.isSuccess && (
        <ProgramsTable
          programs={programs.data}
          sites={siteList}
          canEdit={canEdit}
          busyProgramId={setActive.isPending ? setActive.variables.programId : null}
          onAction={onAction}
        />
      )}
      {dialog.kind !== 'none' && (
        <ProgramFormModal
          key={dialog.kind === 'open' ? dialog.program.id : 'new'}
          program={dialog.kind === 'open' ? dialog.program : null}
          sites={siteList}
          readOnly={!canEdit}
          onClose={() => setDialog({ kind: 'none' })}
        />
      )}
    </Page>
  );
}

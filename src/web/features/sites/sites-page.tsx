import { Button, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { SectionLoader } from '../../components/full-page-loader';
import { Page } from '../../components/page';
import type { SiteDto } from '../../lib/api-types';
import { useSites } from '../../lib/use-sites';
import { SiteCard } from './site-card';
import { SiteFormModal } from './site-form-modal';

/** /sites: sites (address, time zone) and their rooms; admin and director. */
export function SitesPage() {
  const sites = useSites();
  const [editing, setEditing] = useState<{ site: SiteDto | null } | null>(null);
  return (
    <Page title="Sites" actions={<Button onClick={() => setEditing({ site: null })}>New site</Button>}>
      {sites.isPending && <SectionLoader label="Loading sites" />}
      {sites.isError && <ErrorAlert error={sites.error} onRetry={() => void sites.refetch()} />}
      {sites.isSuccess &&
        (sites.data.length === 0 ? (
          <Text c="dimmed">No sites yet.</Text>
        ) : (
          <Stack gap="lg">
            {sites.data.map((site) => (
              <SiteCard key={site.id} site={site} onEdit={() => setEditing({ site })} />
            ))}
          </Stack>
        ))}
      {editing !== null && <SiteFormModal key={editing.site?.id ?? 'new'} site={editing.site} onClose={() => setEditing(null)} />}
    </Page>
  );
}

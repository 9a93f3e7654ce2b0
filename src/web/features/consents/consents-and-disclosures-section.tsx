import { Badge, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { SectionLoader } from '../../components/full-page-loader';
import type { Role } from '../../lib/api-types';
import { formatDateTime } from '../../lib/format';
import { ACCESS, canAccess } from '../../lib/roles';
import { useActiveSession } from '../auth/session-provider';
import { DisclosureLog } from '../disclosures/disclosure-log-table';
import { PrintChartModal } from '../disclosures/print-buttons';
import { RecordShares } from '../disclosures/record-shares-table';
import { SendRecordsModal } from '../disclosures/send-records-modal';
import { ConsentFormModal } from './consent-form-modal';
import { useConsents, type ConsentDto } from './consents-api';
import { RevokeConsentModal } from './revoke-consent-modal';

const STATUS: Record<ConsentDto['status'], { label: string; color: string }> = {
  draft: { label: 'Draft', color: 'gray' },
  active: { label: 'Active', color: 'green' },
  revoked: { label: 'Revoked', color: 'red' },
};

type Dialog =
  | { kind: 'none' }
  | { kind: 'edit'; consent: ConsentDto | null }
  | { kind: 'revoke'; consent: ConsentDto }
  | { kind: 'send' }
  | { kind: 'print' };

function expiry(consent: ConsentDto): string {
  return [consent.expiresOn, consent.expiryEvent].filter((part) => part !== null).join(' or ') || '—';
}

/** The chart's "Consents and disclosures" section (42 CFR Part 2, decision 0029). */
export function ConsentsAndDisclosuresSection({
  patientId,
  patientName,
  roles,
}: {
  patientId: string;
  patientName: string;
  roles: readonly Role[];
}) {
  const session = useActiveSession();
  const consents = useConsents(patientId);
  const [dialog, setDialog] = useState<Dialog>({ kind: 'none' });
  const close = () => setDialog({ kind: 'none' });
  const canWrite = canAccess(roles, ACCESS.consentWrite);

  return (
    <Stack gap="sm" component="section" aria-labelledby="consents-heading" id="consents">
      <Group justify="space-between">
        <Title order={2} size="h4" id="consents-heading">
          Consents and disclosures
        </Title>
        <Group gap="xs">
          {canAccess(roles, ACCESS.recordsPrint) && (
            <Button variant="default" onClick={() => setDialog({ kind: 'print' })}>
              Print chart (date range)
            </Button>
          )}
          {canAccess(roles, ACCESS.disclose) && (
            <Button variant="light" onClick={() => setDialog({ kind: 'send' })} disabled={!consents.isSuccess}>
              Send records to an outside party
            </Button>
          )}
          {canWrite && <Button onClick={() => setDialog({ kind: 'edit', consent: null })}>Record a consent</Button>}
        </Group>
      </Group>
      {consents.isPending && <SectionLoader label="Loading consents" />}
      {consents.isError && <ErrorAlert error={consents.error} onRetry={() => void consents.refetch()} />}
      {consents.isSuccess && consents.data.length === 0 && (
        <Text size="sm" c="dimmed">
          No consents recorded.
        </Text>
      )}
      {consents.isSuccess && consents.data.length > 0 && (
        <Table.ScrollContainer minWidth={720}>
          <Table striped captionSide="top">
            <Table.Caption>Consents to disclose (42 CFR 2.31)</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Status</Table.Th>
                <Table.Th scope="col">Recipients</Table.Th>
                <Table.Th scope="col">Purpose</Table.Th>
                <Table.Th scope="col">Expires</Table.Th>
                <Table.Th scope="col">Signed</Table.Th>
                <Table.Th scope="col">Actions</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {consents.data.map((consent) => {
                const recipients = consent.recipients.join(', ') || '(no recipient yet)';
                return (
                  <Table.Tr key={consent.id}>
                    <Table.Td>
                      <Badge color={STATUS[consent.status].color} variant="light" tt="none">
                        {STATUS[consent.status].label}
                      </Badge>
                      {consent.status === 'revoked' && (
                        <Text size="xs" c="dimmed">
                          {formatDateTime(consent.revokedAt)}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{recipients}</Table.Td>
                    <Table.Td>{consent.purpose || '—'}</Table.Td>
                    <Table.Td>{expiry(consent)}</Table.Td>
                    <Table.Td>{consent.signedOn ? `${consent.patientSignedName ?? ''}, ${consent.signedOn}` : '—'}</Table.Td>
                    <Table.Td>
                      {canWrite && consent.status === 'draft' && (
                        <Button
                          size="xs"
                          variant="default"
                          onClick={() => setDialog({ kind: 'edit', consent })}
                          aria-label={`Edit consent draft to ${recipients}`}
                        >
                          Edit
                        </Button>
                      )}
                      {canWrite && consent.status === 'active' && (
                        <Button
                          size="xs"
                          variant="default"
                          color="red"
                          onClick={() => setDialog({ kind: 'revoke', consent })}
                          aria-label={`Revoke consent to ${recipients}`}
                        >
                          Revoke
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {canAccess(roles, ACCESS.disclosureLog) && <DisclosureLog patientId={patientId} />}
      {canAccess(roles, ACCESS.disclosureLog) && <RecordShares patientId={patientId} canRevoke={canAccess(roles, ACCESS.disclose)} />}

      {dialog.kind === 'edit' && (
        <ConsentFormModal
          key={dialog.consent?.id ?? 'new'}
          patientId={patientId}
          consent={dialog.consent}
          discloser={session.organization.name}
          onClose={close}
        />
      )}
      {dialog.kind === 'revoke' && <RevokeConsentModal patientId={patientId} consent={dialog.consent} onClose={close} />}
      {dialog.kind === 'send' && (
        <SendRecordsModal patientId={patientId} patientName={patientName} consents={consents.data ?? []} onClose={close} />
      )}
      {dialog.kind === 'print' && <PrintChartModal patientId={patientId} onClose={close} />}
    </Stack>
  );
}

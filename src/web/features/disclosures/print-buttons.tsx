import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useConsents } from '../consents/consents-api';
import { localToday } from '../patients/patient-format';
import { chartPdfUrl, notePdfUrl, planPdfUrl, type DisclosureWhat } from './disclosures-api';
import { SendRecordsModal } from './send-records-modal';
import { Dialog } from '../../components/dialog';

// Internal prints (staff use inside the program, audited as printed; not a disclosure), and sending one
// record outside. The note and plan buttons are for the note and plan pages to place.

export function NotePrintButton({ noteId, label = 'Print note' }: { noteId: string; label?: string }) {
  return (
    <Button component="a" href={notePdfUrl(noteId)} target="_blank" rel="noopener" size="xs" variant="default">
      {label}
    </Button>
  );
}

export function PlanPrintButton({ planId, label = 'Print plan' }: { planId: string; label?: string }) {
  return (
    <Button component="a" href={planPdfUrl(planId)} target="_blank" rel="noopener" size="xs" variant="default">
      {label}
    </Button>
  );
}

/** "Print chart (date range)": the plans and notes of the range as one PDF. */
export function PrintChartModal({ patientId, onClose }: { patientId: string; onClose: () => void }) {
  const today = localToday();
  const [from, setFrom] = useState(`${today.slice(0, 4)}-01-01`);
  const [to, setTo] = useState(today);
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(from) && /^\d{4}-\d{2}-\d{2}$/.test(to) && from <= to;
  const title = 'Print chart (date range)';
  return (
    <Dialog opened onClose={onClose} title={title}>
      <Stack gap="sm" role="group" aria-label={title}>
        <Text size="sm">For use inside the program. To send records outside, use “Send records to an outside party”.</Text>
        <Group grow>
          <TextInput label="From" type="date" value={from} onChange={(event) => setFrom(event.currentTarget.value)} />
          <TextInput
            label="To"
            type="date"
            value={to}
            onChange={(event) => setTo(event.currentTarget.value)}
            error={valid ? undefined : 'The range must end on or after its start'}
          />
        </Group>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Close
          </Button>
          <Button
            component="a"
            href={valid ? chartPdfUrl(patientId, from, to) : undefined}
            target="_blank"
            rel="noopener"
            disabled={!valid}
          >
            Open chart PDF
          </Button>
        </Group>
      </Stack>
    </Dialog>
  );
}

/**
 * "Send to an outside party" for one signed note or plan version, for the note and plan pages: the
 * same dialog and decision as the chart's, with the record preset. Show it to ACCESS.disclose only.
 */
export function SendRecordButton({
  patientId,
  patientName,
  what,
  label = 'Send to an outside party',
}: {
  patientId: string;
  patientName: string;
  what: Exclude<DisclosureWhat, { kind: 'chart' }>;
  label?: string;
}) {
  const [open, setOpen] = useState(false);
  const consents = useConsents(patientId);
  return (
    <>
      <Button size="xs" variant="light" onClick={() => setOpen(true)} disabled={!consents.isSuccess}>
        {label}
      </Button>
      {open && (
        <SendRecordsModal
          patientId={patientId}
          patientName={patientName}
          consents={consents.data ?? []}
          preset={what}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
}

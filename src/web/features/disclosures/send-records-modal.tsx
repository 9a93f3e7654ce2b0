import { Alert, Button, Checkbox, Group, NativeSelect, NumberInput, Radio, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useRef, useState, type SubmitEvent } from 'react';
import { NO_CONSENT_BASES, type RequestedBasis } from '../../../domain/disclosure/decide-disclosure';
import { ApiError } from '../../lib/api';
import { formErrorsFrom } from '../../lib/form-errors';
import type { ConsentDto } from '../consents/consents-api';
import { FormButtons, GeneralError } from '../patients/episode-dialogs';
import { localToday } from '../patients/patient-format';
import { CopyField } from '../../components/copy-field';
import { formatDateTime } from '../../lib/format';
import { saveFile, useCreateShare, useSendRecords, type CreatedShare as CreatedShareDto, type DisclosureWhat } from './disclosures-api';
import { Dialog } from '../../components/dialog';

const FIELDS = ['recipient', 'purpose', 'basis', 'consentId', 'what', 'expiresInDays'] as const;

type How = 'pdf' | 'data_export' | 'api_share';

const HOW: { value: How; label: string; submit: string }[] = [
  { value: 'pdf', label: 'PDF file, downloaded here to send or print', submit: 'Send records (download PDF)' },
  {
    value: 'data_export',
    label: 'Data file (JSON), downloaded here for the recipient’s system',
    submit: 'Send records (download data file)',
  },
  {
    value: 'api_share',
    label: 'API share: the recipient’s system fetches the records with a token (each fetch is checked and logged)',
    submit: 'Create the API share',
  },
];

const BASES: { value: RequestedBasis; label: string }[] = [
  { value: 'consent', label: "The patient's written consent (42 CFR 2.31)" },
  ...Object.entries(NO_CONSENT_BASES).map(([value, spec]) => ({
    value: value as RequestedBasis,
    label: `${spec.label} (${spec.section})`,
  })),
];

function thirtyDaysBefore(date: string): string {
  const day = new Date(`${date}T12:00:00Z`);
  day.setUTCDate(day.getUTCDate() - 30);
  return day.toISOString().slice(0, 10);
}

/** The refusal of a disclosure: the rule the server named, shown as it said it. */
function refusalOf(error: unknown): { rule: string; message: string } | null {
  if (!(error instanceof ApiError) || error.status !== 422) return null;
  const details = error.details as { rule?: string } | undefined;
  return { rule: details?.rule ?? error.code, message: error.message };
}

/**
 * "Send records to an outside party": the chart for a date range (or one note or plan, when opened
 * from it), to a recipient, for a purpose, on a basis. The server decides; a refusal names its rule.
 */
export function SendRecordsModal({
  patientId,
  patientName,
  consents,
  preset,
  onClose,
}: {
  patientId: string;
  patientName: string;
  consents: readonly ConsentDto[];
  /** A single note or plan to send instead of a chart range. */
  preset?: Exclude<DisclosureWhat, { kind: 'chart' }>;
  onClose: () => void;
}) {
  const send = useSendRecords(patientId);
  const share = useCreateShare(patientId);
  const [how, setHow] = useState<How>('pdf');
  const [days, setDays] = useState<number | string>(7);
  const today = localToday();
  const [recipient, setRecipient] = useState('');
  const [purpose, setPurpose] = useState('');
  const [basis, setBasis] = useState<RequestedBasis>('consent');
  const active = consents.filter((consent) => consent.status === 'active');
  const [consentId, setConsentId] = useState<string>('');
  const [from, setFrom] = useState(thirtyDaysBefore(today));
  const [to, setTo] = useState(today);
  const [counselingNotes, setCounselingNotes] = useState(false);

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const what: DisclosureWhat = preset ?? { kind: 'chart', from, to, includeCounselingNotes: counselingNotes };
    const request = { recipient, purpose, basis, ...(basis === 'consent' && consentId !== '' ? { consentId } : {}), what };
    if (how === 'api_share') {
      send.reset();
      share.mutate({ ...request, expiresInDays: Number(days) });
      return;
    }
    share.reset();
    send.mutate(
      { ...request, channel: how },
      {
        onSuccess: (file) => {
          saveFile(file, how === 'pdf' ? 'disclosure.pdf' : 'disclosure.json');
          notifications.show({
            color: 'green',
            message: `Records sent to ${recipient.trim()}: the ${how === 'pdf' ? 'PDF' : 'data file'} was downloaded and the disclosure logged`,
          });
          onClose();
        },
      },
    );
  }

  const failure = send.error ?? share.error;
  const refusal = refusalOf(failure);
  const errors = failure !== null && refusal === null ? formErrorsFrom(failure, FIELDS) : null;
  const title = `Send records of ${patientName} to an outside party`;
  if (share.data)
    return (
      <Dialog opened onClose={onClose} title={title} size="lg">
        <CreatedShare created={share.data} onClose={onClose} />
      </Dialog>
    );
  return (
    <Dialog opened onClose={onClose} title={title} size="lg">
      <form onSubmit={submit} noValidate aria-label={title}>
        <Stack gap="sm">
          <TextInput
            label="Recipient"
            description="Exactly as named on the consent"
            required
            maxLength={500}
            value={recipient}
            onChange={(event) => setRecipient(event.currentTarget.value)}
            error={errors?.fields.recipient}
          />
          <Textarea
            label="Purpose"
            required
            autosize
            minRows={2}
            maxLength={1000}
            value={purpose}
            onChange={(event) => setPurpose(event.currentTarget.value)}
            error={errors?.fields.purpose}
          />
          {preset === undefined && (
            <>
              <Group grow align="flex-start">
                <TextInput
                  label="Chart from"
                  type="date"
                  required
                  value={from}
                  onChange={(event) => setFrom(event.currentTarget.value)}
                  error={errors?.fields.what}
                />
                <TextInput label="Chart to" type="date" required value={to} onChange={(event) => setTo(event.currentTarget.value)} />
              </Group>
              <Checkbox
                label="Include SUD counseling notes (only with a consent that names them)"
                checked={counselingNotes}
                onChange={(event) => setCounselingNotes(event.currentTarget.checked)}
              />
            </>
          )}
          <Radio.Group
            label="Basis"
            required
            value={basis}
            onChange={(value) => setBasis(BASES.find((item) => item.value === value)?.value ?? 'consent')}
          >
            <Stack gap={6} mt="xs">
              {BASES.map((item) => (
                <Radio key={item.value} value={item.value} label={item.label} />
              ))}
            </Stack>
          </Radio.Group>
          {basis === 'consent' && (
            <NativeSelect
              label="Consent"
              data={[
                { value: '', label: active.length === 0 ? 'No active consent' : 'Choose an active consent' },
                ...active.map((consent) => ({
                  value: consent.id,
                  label: `To ${consent.recipients.join(', ')}${consent.expiresOn ? `, until ${consent.expiresOn}` : ''}`,
                })),
              ]}
              value={consentId}
              onChange={(event) => setConsentId(event.currentTarget.value)}
              error={errors?.fields.consentId}
            />
          )}
          <Radio.Group
            label="How the records go"
            required
            value={how}
            onChange={(value) => setHow(HOW.find((item) => item.value === value)?.value ?? 'pdf')}
          >
            <Stack gap={6} mt="xs">
              {HOW.map((item) => (
                <Radio key={item.value} value={item.value} label={item.label} />
              ))}
            </Stack>
          </Radio.Group>
          {how === 'api_share' && (
            <NumberInput
              label="The share works for (days)"
              description="1 to 30 days; you can revoke it at any time"
              min={1}
              max={30}
              allowDecimal={false}
              value={days}
              onChange={setDays}
              error={errors?.fields.expiresInDays}
            />
          )}
          {refusal !== null && (
            <Alert color="red" title="Disclosure refused" role="alert">
              {refusal.message} (rule {refusal.rule})
            </Alert>
          )}
          <GeneralError message={errors?.general} />
          <FormButtons
            submitLabel={HOW.find((item) => item.value === how)?.submit ?? 'Send records'}
            pending={send.isPending || share.isPending}
            onClose={onClose}
          />
        </Stack>
      </form>
    </Dialog>
  );
}

/** The token of a new API share, shown this once: staff pass it to the recipient over a secure channel. */
function CreatedShare({ created, onClose }: { created: CreatedShareDto; onClose: () => void }) {
  const message = useRef<HTMLDivElement>(null);
  // The form it replaces is gone: the message takes focus, so it is read first.
  useEffect(() => message.current?.focus(), []);
  return (
    <Stack gap="sm">
      <Alert ref={message} color="green" title="API share created" tabIndex={-1}>
        Give the recipient&apos;s system the address and the token below over a secure channel. The token is shown only now; if it is lost,
        revoke this share and create a new one. Each fetch is checked against the consent at that moment and written to the disclosure log.
      </Alert>
      <CopyField
        label="Address"
        value={`${window.location.origin}${created.endpoint}`}
        description="GET, with the header Authorization: Bearer <token>"
      />
      <CopyField label="Token" value={created.token} testId="share-token" />
      <Text size="sm">
        For {created.share.recipient}: {created.share.what}. Works until {formatDateTime(created.share.expiresAt)}.
      </Text>
      <Group justify="flex-end">
        <Button onClick={onClose}>Done</Button>
      </Group>
    </Stack>
  );
}

import { Alert, Button, Checkbox, Group, List, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type SubmitEvent } from 'react';
import {
  CONSENT_RECORD_KINDS,
  CONSENT_RECORD_KIND_LABELS,
  blankConsentFields,
  consentFieldsOf,
  type ConsentRecordKind,
} from '../../../domain/disclosure/consent';
import { ApiError } from '../../lib/api';
import { formErrorsFrom } from '../../lib/form-errors';
import { GeneralError } from '../patients/episode-dialogs';
import { useActivateConsent, useSaveConsent, type ConsentDto, type ConsentFields, type ConsentIssue } from './consents-api';
import { Dialog } from '../../components/dialog';

const FIELDS = [
  'discloser',
  'information',
  'recordKinds',
  'recipients',
  'purpose',
  'treatmentPaymentOperations',
  'revocationRightStated',
  'expiresOn',
  'expiryEvent',
  'patientSignedName',
  'signerRelationship',
  'signedOn',
] as const;
type Field = (typeof FIELDS)[number];

/** The form's fields only: the server refuses a body carrying the rest of the consent (id, status, …). */
function initial(consent: ConsentDto | null, discloser: string): ConsentFields {
  return consent === null ? blankConsentFields(discloser) : consentFieldsOf(consent);
}

const orNull = (value: string): string | null => (value.trim() === '' ? null : value);

/** The issues a 422 from activation lists (details.issues), by field. */
function activationIssues(error: unknown): ConsentIssue[] {
  if (!(error instanceof ApiError) || error.status !== 422) return [];
  const details = error.details as { issues?: ConsentIssue[] } | undefined;
  return Array.isArray(details?.issues) ? details.issues : [];
}

/** Every 42 CFR 2.31 element of a consent: edit a draft, save it, or save and activate it. */
export function ConsentFormModal({
  patientId,
  consent,
  discloser,
  onClose,
}: {
  patientId: string;
  consent: ConsentDto | null;
  discloser: string;
  onClose: () => void;
}) {
  const save = useSaveConsent(patientId);
  const activate = useActivateConsent(patientId);
  const [fields, setFields] = useState<ConsentFields>(() => initial(consent, discloser));
  const [recipientsText, setRecipientsText] = useState(() => fields.recipients.join('\n'));
  const [saved, setSaved] = useState<ConsentDto | null>(consent);
  const set = <K extends keyof ConsentFields>(key: K, value: ConsentFields[K]) => setFields((current) => ({ ...current, [key]: value }));

  async function submit(andActivate: boolean) {
    const body = {
      ...fields,
      recipients: recipientsText
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== ''),
    };
    const stored = await save.mutateAsync({ id: saved?.id ?? null, version: saved?.version ?? null, fields: body });
    setSaved(stored);
    if (!andActivate) {
      notifications.show({ color: 'green', message: 'Consent draft saved' });
      return;
    }
    await activate.mutateAsync({ id: stored.id, version: stored.version });
    notifications.show({ color: 'green', message: 'Consent activated' });
    onClose();
  }

  function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const activating = (event.nativeEvent.submitter as HTMLButtonElement | null)?.value === 'activate';
    submit(activating).catch(() => undefined);
  }

  const error = save.error ?? activate.error;
  const errors = error ? formErrorsFrom(error, FIELDS) : null;
  const issues = activationIssues(activate.error);
  const fieldError = (field: Field): string | undefined =>
    errors?.fields[field] ?? issues.find((issue) => issue.path === field)?.message ?? undefined;
  const missing = issues.length > 0 ? issues : (saved?.missing ?? []);
  const title = consent === null ? 'Record a consent to disclose (42 CFR 2.31)' : 'Edit consent draft (42 CFR 2.31)';

  return (
    <Dialog opened onClose={onClose} title={title} size="xl">
      <form onSubmit={onSubmit} noValidate aria-label={title}>
        <Stack gap="sm">
          <TextInput
            label="Who discloses (the program or person)"
            value={fields.discloser}
            maxLength={500}
            onChange={(event) => set('discloser', event.currentTarget.value)}
            error={fieldError('discloser')}
          />
          <Textarea
            label="How much and what kind of information"
            autosize
            minRows={2}
            maxLength={2000}
            value={fields.information}
            onChange={(event) => set('information', event.currentTarget.value)}
            error={fieldError('information')}
          />
          <Checkbox.Group
            label="Kinds of records covered"
            description="SUD counseling notes go only when named here."
            value={fields.recordKinds}
            onChange={(value) =>
              set(
                'recordKinds',
                value.filter((kind): kind is ConsentRecordKind => (CONSENT_RECORD_KINDS as readonly string[]).includes(kind)),
              )
            }
            error={fieldError('recordKinds')}
          >
            <Stack gap={4} mt="xs">
              {CONSENT_RECORD_KINDS.map((kind) => (
                <Checkbox key={kind} value={kind} label={CONSENT_RECORD_KIND_LABELS[kind]} />
              ))}
            </Stack>
          </Checkbox.Group>
          <Textarea
            label="Recipients (one per line, as written on the consent)"
            autosize
            minRows={2}
            value={recipientsText}
            onChange={(event) => setRecipientsText(event.currentTarget.value)}
            error={fieldError('recipients')}
          />
          <Textarea
            label="Purpose of the disclosure"
            autosize
            minRows={2}
            maxLength={1000}
            value={fields.purpose}
            onChange={(event) => set('purpose', event.currentTarget.value)}
            error={fieldError('purpose')}
          />
          <Checkbox
            label="Single consent for all future treatment, payment and health care operations"
            checked={fields.treatmentPaymentOperations}
            onChange={(event) => set('treatmentPaymentOperations', event.currentTarget.checked)}
          />
          <Checkbox
            label="The consent states the patient's right to revoke it in writing"
            checked={fields.revocationRightStated}
            onChange={(event) => set('revocationRightStated', event.currentTarget.checked)}
            error={fieldError('revocationRightStated')}
          />
          <Group grow align="flex-start">
            <TextInput
              label="Expires on"
              type="date"
              value={fields.expiresOn ?? ''}
              onChange={(event) => set('expiresOn', orNull(event.currentTarget.value))}
              error={fieldError('expiresOn')}
            />
            <TextInput
              label="Or expires upon (event)"
              value={fields.expiryEvent ?? ''}
              maxLength={500}
              onChange={(event) => set('expiryEvent', orNull(event.currentTarget.value))}
              error={fieldError('expiryEvent')}
            />
          </Group>
          <Group grow align="flex-start">
            <TextInput
              label="Signed by (name as signed)"
              value={fields.patientSignedName ?? ''}
              maxLength={200}
              onChange={(event) => set('patientSignedName', orNull(event.currentTarget.value))}
              error={fieldError('patientSignedName')}
            />
            <TextInput
              label="Date signed"
              type="date"
              value={fields.signedOn ?? ''}
              onChange={(event) => set('signedOn', orNull(event.currentTarget.value))}
              error={fieldError('signedOn')}
            />
          </Group>
          <TextInput
            label="Signed by a representative: relationship (leave empty when the patient signed)"
            value={fields.signerRelationship ?? ''}
            maxLength={200}
            onChange={(event) => set('signerRelationship', orNull(event.currentTarget.value))}
            error={fieldError('signerRelationship')}
          />
          {missing.length > 0 && (
            <Alert color="yellow" title="Needed before the consent can be activated" role="status">
              <List size="sm">
                {missing.map((issue) => (
                  <List.Item key={`${issue.path}-${issue.message}`}>
                    <Text span size="sm">
                      {issue.path}: {issue.message}
                    </Text>
                  </List.Item>
                ))}
              </List>
            </Alert>
          )}
          <GeneralError message={issues.length > 0 ? error?.message : errors?.general} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Close
            </Button>
            <Button type="submit" name="action" value="save" variant="default" loading={save.isPending && !activate.isPending}>
              Save draft
            </Button>
            <Button type="submit" name="action" value="activate" loading={activate.isPending}>
              Save and activate
            </Button>
          </Group>
        </Stack>
      </form>
    </Dialog>
  );
}

import { Alert, Button, Card, FileInput, Group, NumberInput, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type SubmitEvent } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { SectionLoader } from '../../components/full-page-loader';
import { Page } from '../../components/page';
import { errorMessage, formErrorsFrom } from '../../lib/form-errors';
import { useLogo, useOrganizationSettings, useSaveOrganizationSettings, type OrganizationSettingsDto } from './organization-settings-api';

const FIELDS = [
  'name',
  'publicPhone',
  'publicEmail',
  'publicAddress',
  'accreditations',
  'inquiryResponseTargetMinutes',
  'safetyEscalationAcuteMinutes',
  'safetyEscalationPositiveMinutes',
  'planReviewDays',
  'noteSigningLimitHours',
] as const;

const asNumber = (value: number | string) => (typeof value === 'number' ? value : Number(value));

/** /organization: what the public site shows about the center, and its logo; admin. */
export function OrganizationSettingsPage() {
  const settings = useOrganizationSettings();
  return (
    <Page title="Organization settings">
      {settings.isPending && <SectionLoader label="Loading settings" />}
      {settings.isError && <ErrorAlert error={settings.error} onRetry={() => void settings.refetch()} />}
      {settings.isSuccess && (
        <Stack gap="lg">
          <SettingsForm key={settings.data.settingsVersion} settings={settings.data} />
          <LogoCard settings={settings.data} />
        </Stack>
      )}
    </Page>
  );
}

function SettingsForm({ settings }: { settings: OrganizationSettingsDto }) {
  const save = useSaveOrganizationSettings();
  const [name, setName] = useState(settings.name);
  const [publicPhone, setPhone] = useState(settings.publicPhone);
  const [publicEmail, setEmail] = useState(settings.publicEmail);
  const [publicAddress, setAddress] = useState(settings.publicAddress);
  const [accreditations, setAccreditations] = useState(settings.accreditations.join('\n'));
  const [minutes, setMinutes] = useState<number | string>(settings.inquiryResponseTargetMinutes);
  const [acuteMinutes, setAcuteMinutes] = useState<number | string>(settings.safetyEscalationAcuteMinutes);
  const [positiveMinutes, setPositiveMinutes] = useState<number | string>(settings.safetyEscalationPositiveMinutes);
  const [planReviewDays, setPlanReviewDays] = useState<number | string>(settings.planReviewDays);
  const [noteSigningLimitHours, setNoteSigningLimitHours] = useState<number | string>(settings.noteSigningLimitHours);

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    save.mutate(
      {
        settingsVersion: settings.settingsVersion,
        name: name.trim(),
        publicPhone: publicPhone.trim(),
        publicEmail: publicEmail.trim(),
        publicAddress: publicAddress.trim(),
        accreditations: accreditations
          .split('\n')
          .map((line) => line.trim())
          .filter((line) => line !== ''),
        inquiryResponseTargetMinutes: asNumber(minutes),
        safetyEscalationAcuteMinutes: asNumber(acuteMinutes),
        safetyEscalationPositiveMinutes: asNumber(positiveMinutes),
        planReviewDays: asNumber(planReviewDays),
        noteSigningLimitHours: asNumber(noteSigningLimitHours),
      },
      { onSuccess: () => notifications.show({ color: 'green', message: 'Settings saved' }) },
    );
  }

  const errors = save.isError ? formErrorsFrom(save.error, FIELDS) : null;
  return (
    <Card withBorder component="section" aria-labelledby="public-info-title">
      <form onSubmit={submit} noValidate aria-label="Public information">
        <Stack gap="md">
          <Title order={2} size="h3" id="public-info-title">
            Public information
          </Title>
          <Text size="sm" c="dimmed">
            Shown on the public website (home, contact page) and used on the inquiry thanks page.
          </Text>
          <TextInput
            label="Center name"
            required
            value={name}
            error={errors?.fields.name}
            onChange={(e) => setName(e.currentTarget.value)}
          />
          <TextInput
            label="Public phone"
            value={publicPhone}
            error={errors?.fields.publicPhone}
            onChange={(e) => setPhone(e.currentTarget.value)}
          />
          <TextInput
            label="Public email"
            type="email"
            value={publicEmail}
            error={errors?.fields.publicEmail}
            onChange={(e) => setEmail(e.currentTarget.value)}
          />
          <Textarea
            label="Address"
            autosize
            minRows={2}
            value={publicAddress}
            error={errors?.fields.publicAddress}
            onChange={(e) => setAddress(e.currentTarget.value)}
          />
          <Textarea
            label="Accreditations"
            description="One per line"
            autosize
            minRows={2}
            value={accreditations}
            error={errors?.fields.accreditations}
            onChange={(e) => setAccreditations(e.currentTarget.value)}
          />
          <NumberInput
            label="Inquiry response target (minutes)"
            description="The thanks page tells people we call back within this time during business hours."
            min={5}
            max={10080}
            value={minutes}
            error={errors?.fields.inquiryResponseTargetMinutes}
            onChange={setMinutes}
          />
          <NumberInput
            label="Acute safety alert: escalate to directors after (minutes)"
            description="An acute suicide-risk alert nobody has acknowledged by then is sent to the directors. Applies to new alerts."
            min={1}
            max={1440}
            value={acuteMinutes}
            error={errors?.fields.safetyEscalationAcuteMinutes}
            onChange={setAcuteMinutes}
          />
          <NumberInput
            label="Positive safety alert: escalate to directors after (minutes)"
            description="The same for a positive (not acute) screen."
            min={1}
            max={10080}
            value={positiveMinutes}
            error={errors?.fields.safetyEscalationPositiveMinutes}
            onChange={setPositiveMinutes}
          />
          <NumberInput
            label="Treatment plan review every (days)"
            description="A signed treatment plan is due for review this many days after it is signed. Applies to plans signed after the change."
            min={7}
            max={365}
            value={planReviewDays}
            error={errors?.fields.planReviewDays}
            onChange={setPlanReviewDays}
          />
          <NumberInput
            label="Notes must be signed within (hours)"
            description="A note still unsigned this many hours after the service counts as late."
            min={1}
            max={720}
            value={noteSigningLimitHours}
            error={errors?.fields.noteSigningLimitHours}
            onChange={setNoteSigningLimitHours}
          />
          {errors !== null && errors.general !== null && (
            <Alert color="red" role="alert">
              {errors.general}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending}>
              Save settings
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

function LogoCard({ settings }: { settings: OrganizationSettingsDto }) {
  const { upload, remove } = useLogo();
  const [file, setFile] = useState<File | null>(null);
  const failure = upload.error ?? remove.error;
  return (
    <Card withBorder component="section" aria-labelledby="logo-title">
      <Stack gap="md">
        <Title order={2} size="h3" id="logo-title">
          Logo
        </Title>
        <Text size="sm">{settings.hasLogo ? `A logo is set (${settings.logoContentType ?? 'image'}).` : 'No logo yet.'}</Text>
        <FileInput
          label="Logo file"
          description="PNG, JPEG or WebP, at most 256 KB"
          accept="image/png,image/jpeg,image/webp"
          clearable
          value={file}
          onChange={setFile}
        />
        {failure && (
          <Alert color="red" role="alert">
            {errorMessage(failure)}
          </Alert>
        )}
        <Group justify="flex-end">
          {settings.hasLogo && (
            <Button variant="default" loading={remove.isPending} onClick={() => remove.mutate()}>
              Remove logo
            </Button>
          )}
          <Button
            disabled={file === null}
            loading={upload.isPending}
            onClick={() => {
              if (file) upload.mutate(file, { onSuccess: () => notifications.show({ color: 'green', message: 'Logo saved' }) });
            }}
          >
            Upload logo
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

import { Button, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type SubmitEvent } from 'react';
import { isModality, modalityLabel } from '../../../domain/programs/modalities';
import { ErrorAlert } from '../../components/error-alert';
import { SectionLoader } from '../../components/full-page-loader';
import type { GroupTemplateDto, ScheduleOptionsDto } from '../../lib/api-types';
import { formErrorsFrom } from '../../lib/form-errors';
import { useEndTemplate, useTemplates } from './schedule-api';
import { WEEKDAYS } from './week';
import { Dialog } from '../../components/dialog';

function days(template: GroupTemplateDto): string {
  return template.daysOfWeek.map((day) => WEEKDAYS.find((weekday) => weekday.value === day)?.label.slice(0, 3) ?? String(day)).join(', ');
}

function EndSeriesDialog({ template, today, onClose }: { template: GroupTemplateDto; today: string; onClose: () => void }) {
  const end = useEndTemplate();
  const [endsOn, setEndsOn] = useState(today);
  const errors = end.isError ? formErrorsFrom(end.error, ['endsOn'] as const) : null;
  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    end.mutate(
      { templateId: template.id, version: template.version, endsOn },
      {
        onSuccess: (result) => {
          notifications.show({
            color: 'green',
            message: `"${template.title}" ends on ${endsOn}; ${result.generation.removed} later sessions removed`,
          });
          onClose();
        },
      },
    );
  }
  return (
    <Dialog opened onClose={onClose} title={`End ${template.title}`}>
      <form onSubmit={submit} noValidate aria-label="End the series">
        <Stack gap="sm">
          <TextInput
            label="Last day of the series"
            type="date"
            required
            value={endsOn}
            error={errors?.fields.endsOn ?? errors?.general ?? undefined}
            onChange={(event) => setEndsOn(event.currentTarget.value)}
          />
          <Text size="sm" c="dimmed">
            Later sessions without attendance are removed; sessions changed one by one stay for you to cancel.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Keep the series
            </Button>
            <Button type="submit" color="red" loading={end.isPending}>
              End the series
            </Button>
          </Group>
        </Stack>
      </form>
    </Dialog>
  );
}

type Props = {
  options: ScheduleOptionsDto;
  canEdit: boolean;
  today: string;
  onEdit: (template: GroupTemplateDto) => void;
};

/** The group series at one site, with edit and end actions for those who configure schedules. */
export function TemplatesPanel({ options, canEdit, today, onEdit }: Props) {
  const [siteId, setSiteId] = useState<string | null>(options.sites[0]?.id ?? null);
  const [ending, setEnding] = useState<GroupTemplateDto | null>(null);
  const templates = useTemplates(siteId);
  const roomName = (id: string | null) => (id === null ? 'Telehealth' : (options.rooms.find((room) => room.id === id)?.name ?? 'Room'));
  const programName = (id: string) => options.programs.find((program) => program.id === id)?.name ?? '';
  return (
    <Stack gap="sm">
      <Select
        label="Site"
        data={options.sites.map((site) => ({ value: site.id, label: site.name }))}
        value={siteId}
        onChange={setSiteId}
        allowDeselect={false}
        w={320}
      />
      {templates.isPending && siteId !== null && <SectionLoader label="Loading group templates" />}
      {templates.isError && <ErrorAlert error={templates.error} onRetry={() => void templates.refetch()} />}
      {templates.isSuccess && templates.data.length === 0 && <Text c="dimmed">No group series at this site yet.</Text>}
      {templates.isSuccess && templates.data.length > 0 && (
        <Table.ScrollContainer minWidth={900}>
          <Table striped verticalSpacing="xs">
            <Table.Caption>Weekly group series at this site; times are the site&apos;s local time</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Group</Table.Th>
                <Table.Th scope="col">Program</Table.Th>
                <Table.Th scope="col">Days and time</Table.Th>
                <Table.Th scope="col">Where</Table.Th>
                <Table.Th scope="col">Facilitators</Table.Th>
                <Table.Th scope="col">Dates</Table.Th>
                {canEdit && <Table.Th scope="col">Actions</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {templates.data.map((template) => (
                <Table.Tr key={template.id}>
                  <Table.Th scope="row" fw={500}>
                    {template.title}
                    <Text size="xs" c="dimmed">
                      {isModality(template.modality) ? modalityLabel(template.modality) : template.modality} · {template.capacity} places
                    </Text>
                  </Table.Th>
                  <Table.Td>{programName(template.programId)}</Table.Td>
                  <Table.Td>
                    {days(template)} {template.startTime} ({template.durationMinutes} min)
                  </Table.Td>
                  <Table.Td>
                    {template.telehealth && template.roomId !== null
                      ? `${roomName(template.roomId)} + telehealth`
                      : roomName(template.roomId)}
                  </Table.Td>
                  <Table.Td>{template.facilitators.map((person) => person.displayName).join(', ')}</Table.Td>
                  <Table.Td>
                    {template.startsOn} – {template.endsOn ?? 'no end'}
                  </Table.Td>
                  {canEdit && (
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        <Button size="xs" variant="light" onClick={() => onEdit(template)} aria-label={`Edit ${template.title}`}>
                          Edit
                        </Button>
                        <Button
                          size="xs"
                          variant="subtle"
                          color="red"
                          onClick={() => setEnding(template)}
                          aria-label={`End ${template.title}`}
                        >
                          End
                        </Button>
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {ending !== null && <EndSeriesDialog key={ending.id} template={ending} today={today} onClose={() => setEnding(null)} />}
    </Stack>
  );
}

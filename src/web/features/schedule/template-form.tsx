import {
  Alert,
  Button,
  Checkbox,
  Group,
  Loader,
  MultiSelect,
  NumberInput,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type SubmitEvent } from 'react';
import { MODALITIES, MODALITY_LABELS } from '../../../domain/programs/modalities';
import type { GroupTemplateDto, ScheduleOptionsDto } from '../../lib/api-types';
import { formErrorsFrom } from '../../lib/form-errors';
import { ConflictAlert } from './conflict-alert';
import { useSaveTemplate, useTemplate, type TemplateBody } from './schedule-api';
import { WEEKDAYS } from './week';
import { Dialog } from '../../components/dialog';

const FIELDS = [
  'programId',
  'title',
  'modality',
  'daysOfWeek',
  'startTime',
  'durationMinutes',
  'facilitatorIds',
  'roomId',
  'telehealth',
  'capacity',
  'startsOn',
  'endsOn',
  'version',
] as const;

type Draft = Omit<TemplateBody, 'durationMinutes' | 'capacity'> & { durationMinutes: number | string; capacity: number | string };

function draftOf(template: GroupTemplateDto | null, defaults: { programId: string | null; startsOn: string }): Draft {
  if (template !== null) {
    return {
      programId: template.programId,
      title: template.title,
      modality: template.modality,
      daysOfWeek: template.daysOfWeek,
      startTime: template.startTime,
      durationMinutes: template.durationMinutes,
      facilitatorIds: template.facilitators.map((person) => person.id),
      roomId: template.roomId,
      telehealth: template.telehealth,
      capacity: template.capacity,
      startsOn: template.startsOn,
      endsOn: template.endsOn,
    };
  }
  return {
    programId: defaults.programId ?? '',
    title: '',
    modality: 'cbt',
    daysOfWeek: [],
    startTime: '09:00',
    durationMinutes: 180,
    facilitatorIds: [],
    roomId: null,
    telehealth: false,
    capacity: 12,
    startsOn: defaults.startsOn,
    endsOn: null,
  };
}

type Props = {
  template: GroupTemplateDto | null;
  options: ScheduleOptionsDto;
  defaultProgramId: string | null;
  today: string;
  onClose: () => void;
};

/** Create or edit a group's weekly series. Saving (re)generates its next 8 weeks of sessions. */
export function TemplateForm({ template, options, defaultProgramId, today, onClose }: Props) {
  const save = useSaveTemplate();
  const [draft, setDraft] = useState<Draft>(() => draftOf(template, { programId: defaultProgramId, startsOn: today }));
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((previous) => ({ ...previous, [key]: value }));

  const program = options.programs.find((candidate) => candidate.id === draft.programId);
  const rooms = options.rooms.filter((room) => room.active && room.siteId === program?.siteId);
  const qualified = options.staff.filter((staff) => staff.modalities.includes(draft.modality) || draft.facilitatorIds.includes(staff.id));
  const inRoom = draft.roomId !== null;

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const body: TemplateBody = {
      ...draft,
      durationMinutes: Number(draft.durationMinutes),
      capacity: Number(draft.capacity),
      daysOfWeek: [...draft.daysOfWeek].sort((a, b) => a - b),
      endsOn: draft.endsOn === '' ? null : draft.endsOn,
    };
    save.mutate(
      { templateId: template?.id ?? null, version: template?.version ?? 0, body },
      {
        onSuccess: (result) => {
          notifications.show({
            color: 'green',
            message: `Saved "${result.template.title}": ${result.generation.created} sessions added, ${result.generation.updated} updated, ${result.generation.removed} removed`,
          });
          onClose();
        },
      },
    );
  }

  const errors = save.isError ? formErrorsFrom(save.error, FIELDS) : null;
  return (
    <Dialog opened onClose={onClose} title={template === null ? 'New group template' : `Edit ${template.title}`} size="xl">
      <form onSubmit={submit} noValidate aria-label={template === null ? 'New group template' : 'Edit group template'}>
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <Select
              label="Program"
              required
              data={options.programs.map((item) => ({ value: item.id, label: item.name }))}
              value={draft.programId || null}
              allowDeselect={false}
              error={errors?.fields.programId}
              onChange={(value) => set('programId', value ?? '')}
              searchable
            />
            <TextInput
              label="Title"
              required
              value={draft.title}
              error={errors?.fields.title}
              onChange={(event) => set('title', event.currentTarget.value)}
            />
            <Select
              label="Modality"
              required
              data={MODALITIES.map((value) => ({ value, label: MODALITY_LABELS[value] }))}
              value={draft.modality}
              allowDeselect={false}
              error={errors?.fields.modality}
              onChange={(value) => set('modality', value ?? draft.modality)}
            />
            <MultiSelect
              label="Facilitators"
              description="Only staff whose profile lists the modality"
              required
              data={qualified.map((staff) => ({ value: staff.id, label: staff.displayName }))}
              value={draft.facilitatorIds}
              error={errors?.fields.facilitatorIds}
              onChange={(value) => set('facilitatorIds', value)}
              searchable
            />
          </SimpleGrid>
          <Checkbox.Group
            label="Days"
            required
            value={draft.daysOfWeek.map(String)}
            error={errors?.fields.daysOfWeek}
            onChange={(values) => set('daysOfWeek', values.map(Number))}
          >
            <Group gap="md" mt={6}>
              {WEEKDAYS.map((day) => (
                <Checkbox key={day.value} value={String(day.value)} label={day.label} />
              ))}
            </Group>
          </Checkbox.Group>
          <SimpleGrid cols={{ base: 1, sm: 4 }} spacing="sm">
            <TextInput
              label="Start time"
              description="Site's local time"
              type="time"
              required
              value={draft.startTime}
              error={errors?.fields.startTime}
              onChange={(event) => set('startTime', event.currentTarget.value)}
            />
            <NumberInput
              label="Length (minutes)"
              required
              min={1}
              max={720}
              value={draft.durationMinutes}
              error={errors?.fields.durationMinutes}
              onChange={(value) => set('durationMinutes', value)}
            />
            <TextInput
              label="First day"
              type="date"
              required
              value={draft.startsOn}
              error={errors?.fields.startsOn}
              onChange={(event) => set('startsOn', event.currentTarget.value)}
            />
            <TextInput
              label="Last day"
              description="Leave empty for no end"
              type="date"
              value={draft.endsOn ?? ''}
              error={errors?.fields.endsOn}
              onChange={(event) => set('endsOn', event.currentTarget.value || null)}
            />
          </SimpleGrid>
          <Radio.Group
            label="Where"
            value={inRoom ? 'room' : 'telehealth'}
            onChange={(value) =>
              setDraft((previous) => ({
                ...previous,
                roomId: value === 'room' ? (rooms[0]?.id ?? '') : null,
                telehealth: value === 'telehealth',
              }))
            }
          >
            <Group gap="md" mt={6}>
              <Radio value="room" label="In a room" />
              <Radio value="telehealth" label="Telehealth" />
            </Group>
          </Radio.Group>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            {inRoom && (
              <Select
                label="Room"
                description={program === undefined ? 'Choose the program first' : 'Rooms at the program\u2019s site'}
                required
                data={rooms.map((room) => ({ value: room.id, label: `${room.name} (${room.capacity} places)` }))}
                value={draft.roomId || null}
                allowDeselect={false}
                error={errors?.fields.roomId}
                onChange={(value) => set('roomId', value ?? '')}
              />
            )}
            <NumberInput
              label="Capacity"
              description="Patients per session"
              required
              min={1}
              value={draft.capacity}
              error={errors?.fields.capacity}
              onChange={(value) => set('capacity', value)}
            />
          </SimpleGrid>
          {errors !== null && errors.general !== null && <ConflictAlert error={save.error} />}
          {template !== null && (
            <Alert color="blue" variant="light">
              Saving updates future sessions that have not started, have no attendance and were not changed one by one.
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              {template === null ? 'Create template' : 'Save changes'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Dialog>
  );
}

/** The template form for a series known by id (from a session of it): loads the series first. */
export function SeriesEditor({ templateId, ...props }: Omit<Props, 'template'> & { templateId: string }) {
  const template = useTemplate(templateId);
  if (template.isSuccess) return <TemplateForm {...props} template={template.data} />;
  return (
    <Dialog opened onClose={props.onClose} title="Edit the series">
      {template.isError ? (
        <ConflictAlert error={template.error} title="Could not load the series" />
      ) : (
        <Loader aria-label="Loading the series" />
      )}
    </Dialog>
  );
}

import { Button, Group, Select, TextInput } from '@mantine/core';
import type { CalendarViewKind, ScheduleOptionsDto } from '../../lib/api-types';
import { shiftWeek, todayDate, weekLabel, weekOf } from './week';

export const VIEW_LABELS: Record<CalendarViewKind, string> = {
  site: 'Site',
  program: 'Program',
  clinician: 'Clinician',
  room: 'Room',
  patient: 'Patient',
};

type Props = {
  view: CalendarViewKind;
  subjectId: string | null;
  week: string;
  options: ScheduleOptionsDto;
  views: CalendarViewKind[];
  onChange: (next: { view?: CalendarViewKind; id?: string | null; week?: string }) => void;
};

/** The subjects a view can show, as select options. */
export function subjectOptions(view: CalendarViewKind, options: ScheduleOptionsDto): { value: string; label: string }[] {
  const siteName = (siteId: string) => options.sites.find((site) => site.id === siteId)?.name ?? '';
  switch (view) {
    case 'site':
      return options.sites.map((site) => ({ value: site.id, label: `${site.name} (${site.timeZone})` }));
    case 'program':
      return options.programs.map((program) => ({ value: program.id, label: `${program.name} · ${siteName(program.siteId)}` }));
    case 'room':
      return options.rooms
        .filter((room) => room.active)
        .map((room) => ({ value: room.id, label: `${room.name} · ${siteName(room.siteId)}` }));
    case 'clinician':
      return options.staff.map((staff) => ({ value: staff.id, label: staff.displayName }));
    case 'patient':
      return [];
  }
}

export function CalendarControls({ view, subjectId, week, options, views, onChange }: Props) {
  const subjects = subjectOptions(view, options);
  return (
    <Group align="flex-end" gap="sm" wrap="wrap">
      <Select
        label="View by"
        data={views.map((value) => ({ value, label: VIEW_LABELS[value] }))}
        value={view}
        allowDeselect={false}
        onChange={(value) => {
          const next = views.find((candidate) => candidate === value);
          if (next !== undefined) onChange({ view: next, id: null });
        }}
        w={160}
      />
      {view === 'patient' ? (
        <TextInput
          label="Patient ID"
          description="Open a patient's schedule from their chart, or paste their ID"
          value={subjectId ?? ''}
          onChange={(event) => onChange({ id: event.currentTarget.value.trim() || null })}
          w={340}
        />
      ) : (
        <Select
          label={VIEW_LABELS[view]}
          data={subjects}
          value={subjectId}
          searchable
          placeholder={`Choose a ${VIEW_LABELS[view].toLowerCase()}`}
          onChange={(value) => onChange({ id: value })}
          w={320}
        />
      )}
      <Group gap="xs" role="group" aria-label="Week">
        <Button variant="default" onClick={() => onChange({ week: shiftWeek(week, -1) })}>
          Previous week
        </Button>
        <Button variant="default" onClick={() => onChange({ week: weekOf(todayDate()) })}>
          This week
        </Button>
        <Button variant="default" onClick={() => onChange({ week: shiftWeek(week, 1) })}>
          Next week
        </Button>
      </Group>
      <div aria-live="polite" style={{ alignSelf: 'center', fontWeight: 600 }}>
        Week {week.slice(6)}: {weekLabel(week)}
      </div>
    </Group>
  );
}

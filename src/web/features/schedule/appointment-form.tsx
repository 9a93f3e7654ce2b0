import { Button, Group, NumberInput, Radio, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type SubmitEvent } from 'react';
import type { AppointmentKind, ScheduleOptionsDto } from '../../lib/api-types';
import { formErrorsFrom } from '../../lib/form-errors';
import { ConflictAlert } from './conflict-alert';
import { useBookAppointment } from './schedule-api';
import { Dialog } from '../../components/dialog';

const FIELDS = [
  'kind',
  'patientId',
  'clinicianId',
  'siteId',
  'roomId',
  'telehealth',
  'date',
  'startTime',
  'durationMinutes',
  'endTime',
  'episodeId',
] as const;

const KINDS: { value: AppointmentKind; label: string; minutes: number }[] = [
  { value: 'individual_therapy', label: 'Individual therapy', minutes: 50 },
  { value: 'family_session', label: 'Family session', minutes: 60 },
  { value: 'psychiatric_evaluation', label: 'Psychiatric evaluation', minutes: 60 },
  { value: 'medication_management', label: 'Medication management', minutes: 30 },
];

const CLINICAL_ROLES = ['clinician', 'psychiatrist', 'director'];

type Props = {
  options: ScheduleOptionsDto;
  defaults: { siteId: string | null; patientId: string | null; date: string };
  onClose: () => void;
};

/** Books an individual appointment; the server refuses double bookings, a full room or an unlicensed telehealth visit. */
export function AppointmentForm({ options, defaults, onClose }: Props) {
  const book = useBookAppointment();
  const [kind, setKind] = useState<AppointmentKind>('individual_therapy');
  const [patientId, setPatientId] = useState(defaults.patientId ?? '');
  const [clinicianId, setClinicianId] = useState<string | null>(null);
  const [siteId, setSiteId] = useState<string | null>(defaults.siteId ?? options.sites[0]?.id ?? null);
  const [where, setWhere] = useState<'room' | 'telehealth'>('room');
  const [roomId, setRoomId] = useState<string | null>(null);
  const [date, setDate] = useState(defaults.date);
  const [startTime, setStartTime] = useState('10:00');
  const [duration, setDuration] = useState<number | string>(50);
  const clinicians = options.staff.filter((staff) => staff.roles.some((role) => CLINICAL_ROLES.includes(role)));
  const rooms = options.rooms.filter((room) => room.active && room.siteId === siteId);
  const site = options.sites.find((candidate) => candidate.id === siteId);

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    book.mutate(
      {
        kind,
        patientId: patientId.trim(),
        clinicianId: clinicianId ?? '',
        siteId: siteId ?? '',
        roomId: where === 'room' ? (roomId ?? '') : null,
        telehealth: where === 'telehealth',
        date,
        startTime,
        durationMinutes: Number(duration),
      },
      {
        onSuccess: (appointment) => {
          notifications.show({
            color: 'green',
            message: `Booked ${appointment.title} on ${appointment.localDate} at ${appointment.localStartTime}`,
          });
          onClose();
        },
      },
    );
  }

  const errors = book.isError ? formErrorsFrom(book.error, FIELDS) : null;
  return (
    <Dialog opened onClose={onClose} title="Book an appointment" size="lg">
      <form onSubmit={submit} noValidate aria-label="Book an appointment">
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <Select
              label="Kind"
              required
              data={KINDS.map(({ value, label }) => ({ value, label }))}
              value={kind}
              allowDeselect={false}
              error={errors?.fields.kind}
              onChange={(value) => {
                const next = KINDS.find((item) => item.value === value);
                if (next) {
                  setKind(next.value);
                  setDuration(next.minutes);
                }
              }}
            />
            <TextInput
              label="Patient ID"
              description="From the patient's chart"
              required
              value={patientId}
              error={errors?.fields.patientId ?? errors?.fields.episodeId}
              onChange={(event) => setPatientId(event.currentTarget.value)}
            />
            <Select
              label="Clinician"
              required
              data={clinicians.map((staff) => ({ value: staff.id, label: staff.displayName }))}
              value={clinicianId}
              allowDeselect={false}
              error={errors?.fields.clinicianId}
              onChange={setClinicianId}
              searchable
            />
            <Select
              label="Site"
              required
              data={options.sites.map((item) => ({ value: item.id, label: item.name }))}
              value={siteId}
              allowDeselect={false}
              error={errors?.fields.siteId}
              onChange={setSiteId}
            />
          </SimpleGrid>
          <Radio.Group
            label="Where"
            value={where}
            onChange={(value) => setWhere(value === 'telehealth' ? 'telehealth' : 'room')}
            error={errors?.fields.telehealth}
          >
            <Group gap="md" mt={6}>
              <Radio value="room" label="In a room" />
              <Radio value="telehealth" label="Telehealth" />
            </Group>
          </Radio.Group>
          {where === 'room' && (
            <Select
              label="Room"
              required
              data={rooms.map((room) => ({ value: room.id, label: `${room.name} (${room.capacity} places)` }))}
              value={roomId}
              allowDeselect={false}
              error={errors?.fields.roomId}
              onChange={setRoomId}
            />
          )}
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <TextInput
              label="Date"
              type="date"
              required
              value={date}
              error={errors?.fields.date}
              onChange={(event) => setDate(event.currentTarget.value)}
            />
            <TextInput
              label="Start time"
              description={site ? `${site.timeZone} time` : undefined}
              type="time"
              required
              value={startTime}
              error={errors?.fields.startTime}
              onChange={(event) => setStartTime(event.currentTarget.value)}
            />
            <NumberInput
              label="Length (minutes)"
              required
              min={1}
              max={720}
              value={duration}
              error={errors?.fields.durationMinutes ?? errors?.fields.endTime}
              onChange={setDuration}
            />
          </SimpleGrid>
          {errors !== null && errors.general !== null && <ConflictAlert error={book.error} title="Not booked" />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={book.isPending}>
              Book appointment
            </Button>
          </Group>
        </Stack>
      </form>
    </Dialog>
  );
}

import { Badge, NativeSelect, NumberInput, Table, Text } from '@mantine/core';
import { ATTENDANCE_STATUSES, type AttendanceMode, type AttendanceStatus } from '../../lib/api-types';
import { STATUS_LABELS, isChanged, minutesEditable, minutesError, type DraftRow } from './attendance-draft';

const STATUS_OPTIONS = [
  { value: '', label: 'Not recorded' },
  ...ATTENDANCE_STATUSES.map((status) => ({ value: status, label: STATUS_LABELS[status] })),
];
const MODE_OPTIONS = [
  { value: 'in_person', label: 'In person' },
  { value: 'telehealth', label: 'Telehealth' },
];

type Props = {
  rows: DraftRow[];
  lengthMinutes: number;
  readOnly: boolean;
  /** Server-side errors by patient id, from the last save. */
  serverErrors: Record<string, string>;
  onStatus: (patientId: string, status: AttendanceStatus | null) => void;
  onMinutes: (patientId: string, minutes: number | '') => void;
  onMode: (patientId: string, mode: AttendanceMode) => void;
};

function isStatus(value: string): value is AttendanceStatus {
  return (ATTENDANCE_STATUSES as readonly string[]).includes(value);
}

function SavedState({ row }: { row: DraftRow }) {
  if (isChanged(row))
    return (
      <Badge color="yellow" variant="light">
        Unsaved
      </Badge>
    );
  if (row.saved !== null)
    return (
      <Badge color="green" variant="light">
        Saved
      </Badge>
    );
  return (
    <Text size="sm" c="dimmed">
      Not recorded
    </Text>
  );
}

/**
 * One row per patient; native selects so a facilitator can Tab through the group and type the
 * first letter of a status. The column header is each control's visible label; the accessible
 * name adds the patient.
 */
export function RosterTable({ rows, lengthMinutes, readOnly, serverErrors, onStatus, onMinutes, onMode }: Props) {
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table verticalSpacing="xs" striped>
        <Table.Caption>Patients expected at this session and walk-ins</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Patient</Table.Th>
            <Table.Th scope="col">Status</Table.Th>
            <Table.Th scope="col">Minutes attended</Table.Th>
            <Table.Th scope="col">Mode</Table.Th>
            <Table.Th scope="col">State</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => {
            const error = serverErrors[row.patientId] ?? minutesError(row, lengthMinutes);
            return (
              <Table.Tr key={row.patientId}>
                <Table.Th scope="row" fw={500}>
                  {row.name}{' '}
                  {row.walkIn && (
                    <Badge size="sm" variant="outline">
                      Walk-in
                    </Badge>
                  )}
                </Table.Th>
                <Table.Td>
                  <NativeSelect
                    aria-label={`Status for ${row.name}`}
                    data={STATUS_OPTIONS}
                    value={row.status ?? ''}
                    disabled={readOnly}
                    onChange={(event) => {
                      const value = event.currentTarget.value;
                      onStatus(row.patientId, isStatus(value) ? value : null);
                    }}
                  />
                </Table.Td>
                <Table.Td>
                  <NumberInput
                    aria-label={`Minutes attended by ${row.name}`}
                    min={0}
                    max={lengthMinutes}
                    step={5}
                    allowDecimal={false}
                    w={120}
                    value={row.minutes}
                    disabled={readOnly || !minutesEditable(row.status)}
                    error={error}
                    onChange={(value) => onMinutes(row.patientId, typeof value === 'number' ? value : value === '' ? '' : Number(value))}
                  />
                </Table.Td>
                <Table.Td>
                  <NativeSelect
                    aria-label={`Mode for ${row.name}`}
                    data={MODE_OPTIONS}
                    value={row.mode}
                    disabled={readOnly || row.status === null}
                    onChange={(event) => onMode(row.patientId, event.currentTarget.value === 'telehealth' ? 'telehealth' : 'in_person')}
                  />
                </Table.Td>
                <Table.Td>
                  <SavedState row={row} />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

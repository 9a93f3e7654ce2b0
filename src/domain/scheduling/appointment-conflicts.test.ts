import { describe, expect, it } from 'vitest';
import { checkAppointmentConflicts, type Booking, type BookingContext, type ProposedBooking } from './appointment-conflicts.js';

const invalid = (path: string) => expect.objectContaining({ code: 'VALIDATION_FAILED', details: [expect.objectContaining({ path })] });

// Times on Monday 2025-06-09 in New York (EDT): 13:00Z is 09:00 local.
const at = (time: string) => `2025-06-09T${time}:00Z`;

const booking = (changes: Partial<Booking> = {}): Booking => ({
  id: 'b-1',
  sessionId: null,
  patientId: 'pat-2',
  clinicianId: 'clin-2',
  roomId: 'room-2',
  startUtc: at('13:00'),
  endUtc: at('14:00'),
  ...changes,
});

const proposal = (changes: Partial<ProposedBooking> = {}): ProposedBooking => ({
  id: null,
  sessionId: null,
  patientId: 'pat-1',
  clinicianId: 'clin-1',
  roomId: 'room-1',
  startUtc: at('13:00'),
  endUtc: at('14:00'),
  modality: 'in_person',
  ...changes,
});

const context = (changes: Partial<BookingContext> = {}): BookingContext => ({
  timeZone: 'America/New_York',
  roomCapacity: null,
  patientState: 'NY',
  clinicianLicensedStates: ['NY'],
  ...changes,
});

const kinds = (proposed: ProposedBooking, existing: Booking[], ctx: BookingContext = context()) => {
  const result = checkAppointmentConflicts(proposed, existing, ctx);
  return result.ok ? [] : result.conflicts.map((conflict) => conflict.kind);
};

describe('patient double booking', () => {
  it.each([
    ['at the same time', at('13:00'), at('14:00'), ['patient_double_booked']],
    ['overlapping by a minute', at('13:59'), at('15:00'), ['patient_double_booked']],
    ['starting as the proposal ends', at('14:00'), at('15:00'), []],
    ['ending as the proposal starts', at('12:00'), at('13:00'), []],
  ])('with another booking of the patient %s: %j', (_label, startUtc, endUtc, expected) => {
    expect(kinds(proposal(), [booking({ patientId: 'pat-1', startUtc, endUtc })])).toEqual(expected);
  });

  it('words the conflict in local time without naming the patient', () => {
    const result = checkAppointmentConflicts(
      proposal(),
      [booking({ patientId: 'pat-1', startUtc: at('12:30'), endUtc: at('13:30') })],
      context(),
    );
    expect(result).toEqual({
      ok: false,
      conflicts: [{ kind: 'patient_double_booked', bookingId: 'b-1', message: 'The patient already has an appointment 08:30–09:30' }],
    });
  });

  it('does not count the booking being moved against itself', () => {
    expect(
      checkAppointmentConflicts(proposal({ id: 'b-1' }), [booking({ id: 'b-1', patientId: 'pat-1', clinicianId: 'clin-1' })], context()),
    ).toEqual({ ok: true });
  });
});

describe('clinician double booking', () => {
  it('flags another appointment of the clinician', () => {
    expect(kinds(proposal(), [booking({ clinicianId: 'clin-1' })])).toEqual(['clinician_double_booked']);
  });

  it('does not flag the other patients of the same group session', () => {
    const group = [1, 2, 3].map((n) => booking({ id: `b-${n}`, patientId: `pat-${n + 10}`, clinicianId: 'clin-1', sessionId: 'group-1' }));
    expect(kinds(proposal({ sessionId: 'group-1' }), group)).toEqual([]);
  });

  it('flags another group session once, however many patients it has', () => {
    const group = [1, 2, 3].map((n) => booking({ id: `b-${n}`, patientId: `pat-${n + 10}`, clinicianId: 'clin-1', sessionId: 'group-2' }));
    expect(kinds(proposal({ sessionId: 'group-1' }), group)).toEqual(['clinician_double_booked']);
  });
});

describe('room capacity', () => {
  const occupants = (count: number) =>
    Array.from({ length: count }, (_, n) =>
      booking({ id: `b-${n}`, patientId: `pat-${n + 10}`, clinicianId: 'clin-1', sessionId: 'group-1', roomId: 'room-1' }),
    );

  it.each([
    [11, 12, []],
    [12, 12, ['room_over_capacity']],
    [0, 0, ['room_over_capacity']],
  ])('with %i places taken of %i: %j', (taken, capacity, expected) => {
    expect(kinds(proposal({ sessionId: 'group-1' }), occupants(taken), context({ roomCapacity: capacity }))).toEqual(expected);
  });

  it('counts people present at the same moment, not every booking that touches the proposal', () => {
    const morning = [
      booking({ id: 'x', roomId: 'room-1', startUtc: at('13:00'), endUtc: at('13:30') }),
      booking({ id: 'y', roomId: 'room-1', startUtc: at('13:30'), endUtc: at('14:00') }),
    ];
    expect(kinds(proposal(), morning, context({ roomCapacity: 2 }))).toEqual([]);
    expect(
      kinds(
        proposal(),
        [...morning, booking({ id: 'z', roomId: 'room-1', startUtc: at('13:15'), endUtc: at('13:45') })],
        context({ roomCapacity: 2 }),
      ),
    ).toEqual(['room_over_capacity']);
  });

  it('ignores other rooms, unlimited rooms and bookings without a room', () => {
    expect(kinds(proposal(), [booking({ roomId: 'room-9' })], context({ roomCapacity: 1 }))).toEqual([]);
    expect(kinds(proposal(), [booking({ roomId: 'room-1' })], context({ roomCapacity: null }))).toEqual([]);
    expect(kinds(proposal({ roomId: null }), [booking({ roomId: 'room-1' })], context({ roomCapacity: 1 }))).toEqual([]);
  });

  it('says how full the room is', () => {
    const result = checkAppointmentConflicts(proposal({ sessionId: 'group-1' }), occupants(12), context({ roomCapacity: 12 }));
    expect(result).toEqual({
      ok: false,
      conflicts: [
        expect.objectContaining({
          kind: 'room_over_capacity',
          roomId: 'room-1',
          capacity: 12,
          booked: 12,
          message: 'The room is full: 12 of 12 places are taken at that time',
        }),
      ],
    });
  });

  it('refuses a negative or fractional capacity', () => {
    expect(() => checkAppointmentConflicts(proposal(), [], context({ roomCapacity: -1 }))).toThrow(invalid('roomCapacity'));
    expect(() => checkAppointmentConflicts(proposal(), [], context({ roomCapacity: 1.5 }))).toThrow(invalid('roomCapacity'));
  });
});

describe('telehealth licensing', () => {
  it.each<[string, Partial<BookingContext>, string | null | undefined]>([
    ['licensed in the patient state', { patientState: 'NY', clinicianLicensedStates: ['NJ', 'NY'] }, undefined],
    ['licensed, written in other case and spacing', { patientState: ' ny', clinicianLicensedStates: ['Ny '] }, undefined],
    ['not licensed there', { patientState: 'CT', clinicianLicensedStates: ['NY'] }, 'CT'],
    ['no licenses on file', { patientState: 'NY', clinicianLicensedStates: [] }, 'NY'],
    ["the patient's state unknown", { patientState: null }, null],
  ])('with the clinician %s', (_label, changes, conflictState) => {
    const result = checkAppointmentConflicts(proposal({ modality: 'telehealth', roomId: null }), [], context(changes));
    if (conflictState === undefined) expect(result).toEqual({ ok: true });
    else
      expect(result).toEqual({ ok: false, conflicts: [expect.objectContaining({ kind: 'clinician_not_licensed', state: conflictState })] });
  });

  it('explains the licensing conflicts', () => {
    const notLicensed = checkAppointmentConflicts(proposal({ modality: 'telehealth' }), [], context({ patientState: 'CT' }));
    expect(notLicensed.ok ? [] : notLicensed.conflicts.map((c) => c.message)).toEqual([
      'The clinician is not licensed in CT, where the patient is for this telehealth visit',
    ]);
  });

  it('does not check licenses for an in-person visit', () => {
    expect(kinds(proposal({ modality: 'in_person' }), [], context({ patientState: 'CT' }))).toEqual([]);
  });
});

it('reports every conflict at once', () => {
  const existing = [
    booking({ id: 'p', patientId: 'pat-1' }),
    booking({ id: 'c', clinicianId: 'clin-1' }),
    booking({ id: 'r', roomId: 'room-1' }),
  ];
  expect(kinds(proposal({ modality: 'telehealth' }), existing, context({ roomCapacity: 1, patientState: 'CT' }))).toEqual([
    'patient_double_booked',
    'clinician_double_booked',
    'room_over_capacity',
    'clinician_not_licensed',
  ]);
});

it('refuses an existing booking with an unreadable time', () => {
  expect(() => checkAppointmentConflicts(proposal(), [booking({ startUtc: '2025-06-09 13:00' })], context())).toThrow(
    invalid('existing[0].startUtc'),
  );
});

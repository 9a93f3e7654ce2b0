import {
  checkAppointmentConflicts,
  type Booking,
  type BookingContext,
  type Conflict,
  type ProposedBooking,
} from '../../../domain/scheduling/appointment-conflicts.js';
import { DomainError } from '../../../domain/errors.js';
import { localTimeOf } from '../../../domain/scheduling/local-time.js';
import type { Db } from '../../db/database.js';
import { findRoom, findStaff, type StaffRecord } from './lookups.repository.js';
import { expectedPatientsOf, overlappingSessions, type SessionRecord } from './sessions.repository.js';

// Turns the sessions around a proposed time into the domain's bookings and asks
// checkAppointmentConflicts (docs/domain/scheduling.md §4). A booking is one patient, one clinician or
// one room place; placeholders that never equal a real uuid fill the fields a booking does not use.
// Decision 0012: a group session holds its whole room, so it takes every place of the room.

/** A conflict as the API reports it: the domain's, with the other session's id instead of a booking id (which holds a patient id). */
export type SlotConflict =
  | { kind: 'patient_double_booked' | 'clinician_double_booked'; message: string; sessionId?: string | null }
  | { kind: 'room_over_capacity'; message: string; roomId?: string; capacity?: number; booked?: number }
  | { kind: 'clinician_not_licensed'; message: string; state?: string | null };

function toSlotConflict(conflict: Conflict): SlotConflict {
  switch (conflict.kind) {
    case 'patient_double_booked':
    case 'clinician_double_booked':
      return {
        kind: conflict.kind,
        message: conflict.message,
        sessionId: conflict.bookingId === null ? null : (conflict.bookingId.split('/')[0] ?? null),
      };
    case 'room_over_capacity':
      return {
        kind: conflict.kind,
        message: conflict.message,
        roomId: conflict.roomId,
        capacity: conflict.capacity,
        booked: conflict.booked,
      };
    case 'clinician_not_licensed':
      return { kind: conflict.kind, message: conflict.message, state: conflict.state };
  }
}

const NOBODY = 'none';

type Window = { start: Date; end: Date; timeZone: string; excludeSessionId: string | null };

type Surroundings = { sessions: SessionRecord[]; bookings: Booking[] };

async function surroundings(
  db: Db,
  organizationId: string,
  window: Window,
  room: { id: string; capacity: number } | null,
): Promise<Surroundings> {
  const sessions = (await overlappingSessions(db, organizationId, window.start, window.end)).filter(
    (session) => session.id !== window.excludeSessionId,
  );
  const expected = await expectedPatientsOf(
    db,
    organizationId,
    sessions.filter((session) => session.kind === 'group').map((session) => session.id),
  );
  const bookings: Booking[] = [];
  for (const session of sessions) {
    const base = { sessionId: session.id, startUtc: session.startsAt.toISOString(), endUtc: session.endsAt.toISOString() };
    for (const clinicianId of session.clinicianIds)
      bookings.push({ ...base, id: `${session.id}/c/${clinicianId}`, patientId: NOBODY, clinicianId, roomId: null });
    if (session.patientId !== null)
      bookings.push({
        ...base,
        id: `${session.id}/p/${session.patientId}`,
        patientId: session.patientId,
        clinicianId: NOBODY,
        roomId: null,
      });
    if (session.roomId !== null && room !== null && session.roomId === room.id) {
      const places = session.kind === 'group' ? room.capacity : 1;
      for (let place = 0; place < places; place += 1)
        bookings.push({ ...base, id: `${session.id}/r/${place}`, patientId: NOBODY, clinicianId: NOBODY, roomId: session.roomId });
    }
  }
  for (const patient of expected) {
    const session = sessions.find((candidate) => candidate.id === patient.sessionId);
    if (!session) continue;
    bookings.push({
      id: `${session.id}/p/${patient.patientId}`,
      sessionId: session.id,
      patientId: patient.patientId,
      clinicianId: NOBODY,
      roomId: null,
      startUtc: session.startsAt.toISOString(),
      endUtc: session.endsAt.toISOString(),
    });
  }
  return { sessions, bookings };
}

function refuse(conflicts: SlotConflict[]): never {
  throw new DomainError('SCHEDULE_CONFLICT', conflicts.map((conflict) => conflict.message).join('. '), { details: conflicts });
}

/** Refuses (409) an individual appointment that double-books, overfills the room or breaks licensing. */
export async function checkAppointmentSlot(
  db: Db,
  organizationId: string,
  input: {
    start: Date;
    end: Date;
    timeZone: string;
    patientId: string;
    patientState: string | null;
    clinician: StaffRecord;
    roomId: string | null;
    telehealth: boolean;
    excludeSessionId: string | null;
  },
): Promise<void> {
  const room = input.roomId === null ? null : ((await findRoom(db, organizationId, input.roomId)) ?? null);
  const { bookings } = await surroundings(
    db,
    organizationId,
    { start: input.start, end: input.end, timeZone: input.timeZone, excludeSessionId: input.excludeSessionId },
    room,
  );
  const proposed: ProposedBooking = {
    id: null,
    sessionId: null,
    patientId: input.patientId,
    clinicianId: input.clinician.id,
    roomId: input.roomId,
    startUtc: input.start.toISOString(),
    endUtc: input.end.toISOString(),
    modality: input.telehealth ? 'telehealth' : 'in_person',
  };
  const context: BookingContext = {
    timeZone: input.timeZone,
    roomCapacity: room?.capacity ?? null,
    patientState: input.patientState,
    clinicianLicensedStates: input.clinician.licensedStates,
  };
  const result = checkAppointmentConflicts(proposed, bookings, context);
  if (!result.ok) refuse(result.conflicts.map(toSlotConflict));
}

/**
 * Refuses (409) a group occurrence at a new time (or with a new facilitator) when a facilitator is
 * booked elsewhere, the room is in use, or expected patients have another booking then.
 */
export async function checkGroupSlot(
  db: Db,
  organizationId: string,
  input: {
    session: SessionRecord;
    start: Date;
    end: Date;
    clinicianIds: readonly string[];
    expectedPatientIds: readonly string[];
    checkPatients: boolean;
    checkRoom: boolean;
  },
): Promise<void> {
  const { session } = input;
  const room = session.roomId === null ? null : ((await findRoom(db, organizationId, session.roomId)) ?? null);
  const window = { start: input.start, end: input.end, timeZone: session.timeZone, excludeSessionId: session.id };
  const around = await surroundings(db, organizationId, window, room);
  const context: BookingContext = { timeZone: session.timeZone, roomCapacity: null, patientState: null, clinicianLicensedStates: [] };
  const base = {
    id: null,
    sessionId: session.id,
    roomId: null,
    startUtc: input.start.toISOString(),
    endUtc: input.end.toISOString(),
    modality: 'in_person' as const,
  };
  const conflicts: SlotConflict[] = [];
  const names = await findStaff(db, organizationId, input.clinicianIds);

  for (const clinicianId of input.clinicianIds) {
    const result = checkAppointmentConflicts({ ...base, patientId: `proposal/${clinicianId}`, clinicianId }, around.bookings, context);
    if (result.ok) continue;
    const name = names.get(clinicianId)?.displayName ?? 'A facilitator';
    for (const conflict of result.conflicts) conflicts.push({ ...toSlotConflict(conflict), message: `${name}: ${conflict.message}` });
  }

  if (room !== null && input.checkRoom) {
    const inRoom = around.sessions.filter((other) => other.roomId === room.id);
    for (const other of inRoom) {
      const when = `${localTimeOf(other.startsAt.getTime(), session.timeZone)}–${localTimeOf(other.endsAt.getTime(), session.timeZone)}`;
      conflicts.push({
        kind: 'room_over_capacity',
        message: `The room ${room.name} is already booked ${when}; a group needs the whole room`,
      });
    }
  }

  if (input.checkPatients) {
    let doubleBooked = 0;
    for (const patientId of input.expectedPatientIds) {
      const result = checkAppointmentConflicts({ ...base, patientId, clinicianId: `proposal/${patientId}` }, around.bookings, context);
      if (!result.ok && result.conflicts.some((conflict) => conflict.kind === 'patient_double_booked')) doubleBooked += 1;
    }
    if (doubleBooked > 0) {
      conflicts.push({
        kind: 'patient_double_booked',
        message: `${doubleBooked} expected patient${doubleBooked === 1 ? ' is' : 's are'} booked elsewhere at that time`,
      });
    }
  }
  if (conflicts.length > 0) refuse(conflicts);
}

// Conflicts of a proposed booking with existing ones, returned as values: the caller decides whether
// a conflict blocks the booking or asks for confirmation. Messages name no patient.
import { fieldError } from '../errors.js';
import { assertTimeZone, localTimeOf } from './local-time.js';
import { millisOverlap, spanMillis } from './overlaps.js';

export type Modality = 'in_person' | 'telehealth';

/** One patient in one appointment or group session. Bookings of one group share its sessionId. */
export type Booking = {
  id: string | null;
  sessionId: string | null;
  patientId: string;
  clinicianId: string;
  roomId: string | null;
  startUtc: string;
  endUtc: string;
};

export type ProposedBooking = Booking & { modality: Modality };

export type BookingContext = {
  /** Zone used to word the messages. */
  timeZone: string;
  /** Places in the proposed booking's room; null when unlimited or no room. */
  roomCapacity: number | null;
  /** Two-letter state where the patient is during a telehealth visit; null when not recorded. */
  patientState: string | null;
  clinicianLicensedStates: readonly string[];
};

export type Conflict =
  | { kind: 'patient_double_booked'; bookingId: string | null; message: string }
  | { kind: 'clinician_double_booked'; bookingId: string | null; message: string }
  | { kind: 'room_over_capacity'; roomId: string; capacity: number; booked: number; message: string }
  | { kind: 'clinician_not_licensed'; state: string | null; message: string };

export type ConflictCheck = { ok: true } | { ok: false; conflicts: Conflict[] };

type Timed = { booking: Booking; index: number; start: number; end: number };

/** Most bookings present at the same moment within [start, end), counting only the given bookings. */
function peakOccupancy(bookings: readonly Timed[], start: number, end: number): number {
  const events: { at: number; change: number }[] = [];
  for (const item of bookings) {
    events.push({ at: Math.max(item.start, start), change: 1 }, { at: Math.min(item.end, end), change: -1 });
  }
  // Ends sort before starts at the same instant: half-open intervals that touch do not coexist.
  events.sort((a, b) => a.at - b.at || a.change - b.change);
  let current = 0;
  let peak = 0;
  for (const event of events) {
    current += event.change;
    peak = Math.max(peak, current);
  }
  return peak;
}

function normalizeState(state: string): string {
  return state.trim().toUpperCase();
}

function licenseConflict(proposed: ProposedBooking, context: BookingContext): Conflict | null {
  if (proposed.modality !== 'telehealth') return null;
  if (context.patientState === null || context.patientState.trim() === '') {
    return {
      kind: 'clinician_not_licensed',
      state: null,
      message: "The patient's state is not recorded, so the clinician's license for telehealth cannot be checked",
    };
  }
  const state = normalizeState(context.patientState);
  if (context.clinicianLicensedStates.some((licensed) => normalizeState(licensed) === state)) return null;
  return {
    kind: 'clinician_not_licensed',
    state,
    message: `The clinician is not licensed in ${state}, where the patient is for this telehealth visit`,
  };
}

export function checkAppointmentConflicts(proposed: ProposedBooking, existing: readonly Booking[], context: BookingContext): ConflictCheck {
  assertTimeZone(context.timeZone, 'timeZone');
  if (context.roomCapacity !== null && (!Number.isInteger(context.roomCapacity) || context.roomCapacity < 0)) {
    throw fieldError('roomCapacity', 'must be a whole number of 0 or more');
  }
  const span = spanMillis(proposed, 'proposed');
  const when = (item: Timed) => `${localTimeOf(item.start, context.timeZone)}–${localTimeOf(item.end, context.timeZone)}`;
  const overlapping: Timed[] = [];
  existing.forEach((booking, index) => {
    // The booking being moved is not in its own way.
    if (proposed.id !== null && booking.id === proposed.id) return;
    const times = spanMillis(booking, `existing[${index}]`);
    if (millisOverlap(span, times)) overlapping.push({ booking, index, ...times });
  });

  const conflicts: Conflict[] = [];
  const clinicianSessions = new Set<string>();
  for (const item of overlapping) {
    const { booking } = item;
    if (booking.patientId === proposed.patientId) {
      conflicts.push({
        kind: 'patient_double_booked',
        bookingId: booking.id,
        message: `The patient already has an appointment ${when(item)}`,
      });
    }
    // A facilitator leads every booking of one group session at once; that is not a double booking.
    const sameSession = proposed.sessionId !== null && booking.sessionId === proposed.sessionId;
    const sessionKey = booking.sessionId ?? `existing:${item.index}`;
    if (booking.clinicianId === proposed.clinicianId && !sameSession && !clinicianSessions.has(sessionKey)) {
      clinicianSessions.add(sessionKey);
      conflicts.push({ kind: 'clinician_double_booked', bookingId: booking.id, message: `The clinician is already booked ${when(item)}` });
    }
  }

  if (proposed.roomId !== null && context.roomCapacity !== null) {
    const roomId = proposed.roomId;
    const booked = peakOccupancy(
      overlapping.filter((item) => item.booking.roomId === roomId),
      span.start,
      span.end,
    );
    if (booked >= context.roomCapacity) {
      conflicts.push({
        kind: 'room_over_capacity',
        roomId,
        capacity: context.roomCapacity,
        booked,
        message: `The room is full: ${booked} of ${context.roomCapacity} places are taken at that time`,
      });
    }
  }

  const license = licenseConflict(proposed, context);
  if (license) conflicts.push(license);
  return conflicts.length === 0 ? { ok: true } : { ok: false, conflicts };
}

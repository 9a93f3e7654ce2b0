import { DomainError, fieldError } from '../../../domain/errors.js';
import type { ActorCtx, AppDeps } from '../../context.js';
import type { Db } from '../../db/database.js';
import type { SessionKind } from '../../db/schema.js';
import { checkAppointmentSlot } from './conflicts.service.js';
import { assertSiteZone } from './generation.service.js';
import { findEpisode, findPatient, findRoom, findSite, openEpisodesOf } from './lookups.repository.js';
import { checkClinician } from './qualifications.service.js';
import * as repo from './sessions.repository.js';
import { refuseIfClosed, toSessionDto, type SessionDto } from './sessions.service.js';
import { checkVersion } from '../../lib/versions.js';
import { auditBase, resolveWhen, type When } from './shared.js';

export type AppointmentKind = Exclude<SessionKind, 'group'>;

export const APPOINTMENT_TITLES: Readonly<Record<AppointmentKind, string>> = {
  individual_therapy: 'Individual therapy',
  family_session: 'Family session',
  psychiatric_evaluation: 'Psychiatric evaluation',
  medication_management: 'Medication management',
};

export type AppointmentDto = SessionDto & { patient: { id: string; displayName: string }; episodeId: string | null };

export type BookAppointmentInput = When & {
  kind: AppointmentKind;
  patientId: string;
  clinicianId: string;
  siteId: string;
  roomId: string | null;
  telehealth: boolean;
  episodeId?: string | undefined;
};

async function toAppointmentDto(db: Db, organizationId: string, session: repo.SessionRecord): Promise<AppointmentDto> {
  const patient = session.patientId === null ? undefined : await findPatient(db, organizationId, session.patientId);
  if (!patient) throw new Error('appointment without its patient');
  return {
    ...(await toSessionDto(db, organizationId, session)),
    patient: { id: patient.id, displayName: patient.displayName },
    episodeId: session.episodeId,
  };
}

async function mustFind(db: Db, ctx: ActorCtx, appointmentId: string, forUpdate = false): Promise<repo.SessionRecord> {
  const session = await repo.findSession(db, ctx.actor.organizationId, appointmentId, { forUpdate });
  if (!session || session.kind === 'group' || session.patientId === null) throw new DomainError('NOT_FOUND', 'No such appointment');
  return session;
}

/** The episode an appointment counts towards: the one named, or the patient's only open episode. */
async function episodeFor(
  db: Db,
  organizationId: string,
  patientId: string,
  episodeId: string | undefined,
): Promise<{ id: string; programId: string } | null> {
  if (episodeId !== undefined) {
    const episode = await findEpisode(db, organizationId, episodeId);
    if (!episode || episode.patientId !== patientId) throw fieldError('episodeId', "is not one of this patient's episodes");
    if (episode.status !== 'open') throw fieldError('episodeId', 'the episode is closed');
    return episode;
  }
  const open = await openEpisodesOf(db, organizationId, patientId);
  return open.length === 1 && open[0] ? open[0] : null;
}

/**
 * Books an individual appointment, refused with 409 when the patient or clinician is booked at that
 * time (group sessions they attend or lead included), the room is full, or a telehealth clinician is
 * not licensed in the patient's state.
 */
export async function bookAppointment(deps: AppDeps, ctx: ActorCtx, input: BookAppointmentInput): Promise<AppointmentDto> {
  return deps.db.transaction().execute(async (trx) => {
    const organizationId = ctx.actor.organizationId;
    await repo.lockSchedule(trx, organizationId);
    const site = await findSite(trx, organizationId, input.siteId);
    if (!site) throw fieldError('siteId', 'is not a site of this organization');
    assertSiteZone(site.timeZone);
    const patient = await findPatient(trx, organizationId, input.patientId);
    if (!patient) throw fieldError('patientId', 'is not a patient of this organization');
    const clinician = await checkClinician(trx, organizationId, input.clinicianId);
    if (input.roomId !== null && input.telehealth)
      throw fieldError('telehealth', 'an appointment is either in a room or by telehealth, not both');
    if (input.roomId === null && !input.telehealth) throw fieldError('roomId', 'choose a room, or telehealth');
    if (input.roomId !== null) {
      const room = await findRoom(trx, organizationId, input.roomId);
      if (!room) throw fieldError('roomId', 'is not a room of this organization');
      if (room.siteId !== site.id) throw fieldError('roomId', `the room is at another site than ${site.name}`);
      if (!room.active) throw fieldError('roomId', `the room ${room.name} is not in use`);
    }
    const episode = await episodeFor(trx, organizationId, patient.id, input.episodeId);
    const when = resolveWhen(site.timeZone, input);
    await refuseIfClosed(trx, organizationId, site.id, when.localDate);
    await checkAppointmentSlot(trx, organizationId, {
      start: when.start,
      end: when.end,
      timeZone: site.timeZone,
      patientId: patient.id,
      patientState: patient.stateOfResidence,
      clinician,
      roomId: input.roomId,
      telehealth: input.telehealth,
      excludeSessionId: null,
    });
    const id = await repo.insertSession(
      trx,
      organizationId,
      {
        siteId: site.id,
        programId: episode?.programId ?? null,
        kind: input.kind,
        templateId: null,
        occurrenceDate: null,
        patientId: patient.id,
        episodeId: episode?.id ?? null,
        // Titles never carry the patient's name: calendars and feeds show them to other staff.
        title: APPOINTMENT_TITLES[input.kind],
        modality: null,
        startsAt: when.start,
        endsAt: when.end,
        localDate: when.localDate,
        roomId: input.roomId,
        telehealth: input.telehealth,
        capacity: 1,
        clinicianIds: [clinician.id],
        substituteFacilitatorId: null,
        moved: false,
        status: 'scheduled',
        cancelReason: null,
        cancelledBy: null,
      },
      ctx.now,
    );
    await deps.audit(trx, {
      ...auditBase(ctx),
      action: 'appointment.booked',
      entityType: 'session',
      entityId: id,
      patientId: patient.id,
      details: { kind: input.kind, clinicianId: clinician.id },
    });
    return toAppointmentDto(trx, organizationId, await mustFind(trx, ctx, id));
  });
}

export async function getAppointment(deps: AppDeps, ctx: ActorCtx, appointmentId: string): Promise<AppointmentDto> {
  return deps.db.transaction().execute(async (trx) => {
    const session = await mustFind(trx, ctx, appointmentId);
    await deps.audit(trx, {
      ...auditBase(ctx),
      action: 'appointment.viewed',
      entityType: 'session',
      entityId: appointmentId,
      patientId: session.patientId,
    });
    return toAppointmentDto(trx, ctx.actor.organizationId, session);
  });
}

export async function cancelAppointment(
  deps: AppDeps,
  ctx: ActorCtx,
  appointmentId: string,
  reason: string,
  version: number | undefined,
): Promise<AppointmentDto> {
  return deps.db.transaction().execute(async (trx) => {
    const organizationId = ctx.actor.organizationId;
    const session = await mustFind(trx, ctx, appointmentId, true);
    checkVersion(version, session.version, 'appointment');
    if (session.status === 'cancelled') throw new DomainError('RULE_VIOLATION', 'The appointment is already cancelled');
    if (session.hasAttendance || session.dayClosedAt !== null)
      throw new DomainError('RULE_VIOLATION', 'Attendance has been recorded for this appointment; it can no longer be cancelled');
    await repo.updateSession(
      trx,
      organizationId,
      appointmentId,
      { status: 'cancelled', cancelledBy: 'staff', cancelReason: reason },
      ctx.now,
    );
    await deps.audit(trx, {
      ...auditBase(ctx),
      action: 'appointment.cancelled',
      entityType: 'session',
      entityId: appointmentId,
      patientId: session.patientId,
      details: { kind: session.kind },
    });
    return toAppointmentDto(trx, organizationId, await mustFind(trx, ctx, appointmentId));
  });
}

import { DateTime } from 'luxon';
import type { Role } from '../../../domain/access/roles.js';
import { DomainError, fieldError } from '../../../domain/errors.js';
import { assertLocalDate, daysBetween, isoWeekOf } from '../../../domain/scheduling/local-time.js';
import type { ActorCtx, AppDeps } from '../../context.js';
import type { Db } from '../../db/database.js';
import { findPatient, findProgram, findRoom, findSite, findStaff } from '../schedules/lookups.repository.js';
import { sessionsInView, type SessionDto } from '../schedules/sessions.service.js';

// Week calendars by site, program, clinician, room or patient. Sessions are selected by their
// site-local date, so a week is Monday..Sunday in each session's own site zone. Only the patient
// view names a patient, and reading it is audited with the patient's id.

export const CALENDAR_VIEWS = ['site', 'program', 'clinician', 'room', 'patient'] as const;
export type CalendarView = (typeof CALENDAR_VIEWS)[number];

export const MAX_CALENDAR_DAYS = 42;

/** Roles that may read patient data (issue #3 brief); the admin reads calendars but not patients. */
const PATIENT_READERS: readonly Role[] = ['clinician', 'psychiatrist', 'admissions', 'director', 'front_desk', 'billing'];

export type CalendarQuery = {
  view: CalendarView;
  id: string;
  week?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
};

export type CalendarDto = {
  view: CalendarView;
  id: string;
  label: string;
  /** The zone of the site, program or room viewed; null for clinicians and patients (each session has its own). */
  timeZone: string | null;
  week: string | null;
  from: string;
  to: string;
  sessions: SessionDto[];
  patient: { id: string; displayName: string } | null;
};

/** Monday..Sunday of an ISO week "YYYY-Www", or an explicit from..to of at most six weeks. */
export function calendarRange(query: { week?: string | undefined; from?: string | undefined; to?: string | undefined }): {
  week: string | null;
  from: string;
  to: string;
} {
  if (query.week !== undefined) {
    if (query.from !== undefined || query.to !== undefined) throw fieldError('week', 'give either week or from and to, not both');
    const match = /^(\d{4})-W(\d{2})$/.exec(query.week);
    const monday = match
      ? DateTime.fromObject({ weekYear: Number(match[1]), weekNumber: Number(match[2]), weekday: 1 }, { zone: 'utc' })
      : null;
    if (!monday?.isValid || `${monday.weekYear}-W${String(monday.weekNumber).padStart(2, '0')}` !== query.week) {
      throw fieldError('week', `"${query.week}" is not an ISO week (YYYY-Www, e.g. 2026-W10)`);
    }
    const week = isoWeekOf(monday.toFormat('yyyy-MM-dd'));
    return { week: week.key, from: week.monday, to: week.sunday };
  }
  if (query.from === undefined || query.to === undefined) throw fieldError('week', 'give week=YYYY-Www, or from and to');
  assertLocalDate(query.from, 'from');
  assertLocalDate(query.to, 'to');
  const days = daysBetween(query.from, query.to) + 1;
  if (days < 1) throw fieldError('to', 'must not be before from');
  if (days > MAX_CALENDAR_DAYS) throw fieldError('to', `a calendar covers at most ${MAX_CALENDAR_DAYS} days`);
  return { week: null, from: query.from, to: query.to };
}

type Subject = { label: string; timeZone: string | null; patient: { id: string; displayName: string } | null };

async function subjectOf(db: Db, ctx: ActorCtx, view: CalendarView, id: string): Promise<Subject> {
  const organizationId = ctx.actor.organizationId;
  const missing = () => new DomainError('NOT_FOUND', `No such ${view}`);
  switch (view) {
    case 'site': {
      const site = await findSite(db, organizationId, id);
      if (!site) throw missing();
      return { label: site.name, timeZone: site.timeZone, patient: null };
    }
    case 'program': {
      const program = await findProgram(db, organizationId, id);
      if (!program) throw missing();
      return { label: program.name, timeZone: program.timeZone, patient: null };
    }
    case 'room': {
      const room = await findRoom(db, organizationId, id);
      if (!room) throw missing();
      return { label: room.name, timeZone: room.timeZone, patient: null };
    }
    case 'clinician': {
      const staff = (await findStaff(db, organizationId, [id])).get(id);
      if (!staff) throw missing();
      return { label: staff.displayName, timeZone: null, patient: null };
    }
    case 'patient': {
      if (!ctx.actor.roles.some((role) => PATIENT_READERS.includes(role)))
        throw new DomainError('FORBIDDEN', 'Your roles do not allow reading patient schedules');
      const patient = await findPatient(db, organizationId, id);
      if (!patient) throw missing();
      return { label: patient.displayName, timeZone: null, patient: { id: patient.id, displayName: patient.displayName } };
    }
  }
}

export async function calendarView(deps: AppDeps, ctx: ActorCtx, query: CalendarQuery): Promise<CalendarDto> {
  const range = calendarRange(query);
  return deps.db.transaction().execute(async (trx) => {
    const organizationId = ctx.actor.organizationId;
    const subject = await subjectOf(trx, ctx, query.view, query.id);
    const sessions = await sessionsInView(trx, organizationId, { by: query.view, id: query.id }, range.from, range.to);
    if (subject.patient !== null) {
      await deps.audit(trx, {
        organizationId,
        userId: ctx.actor.userId,
        outcome: 'success',
        clientIp: ctx.ip,
        requestId: ctx.requestId,
        action: 'calendar.patient_viewed',
        entityType: 'patient',
        entityId: subject.patient.id,
        patientId: subject.patient.id,
        details: { from: range.from, to: range.to },
      });
    }
    return {
      view: query.view,
      id: query.id,
      label: subject.label,
      timeZone: subject.timeZone,
      week: range.week,
      from: range.from,
      to: range.to,
      sessions,
      patient: subject.patient,
    };
  });
}

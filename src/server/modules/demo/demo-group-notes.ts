// Synthetic group notes for the demo (issue #6): a signed note for a past group the demo clinician
// facilitated (each attendee's section its own), which wrote one note into each attendee's chart,
// and a draft for the clinician's latest group. Every value is invented.
import type { Transaction } from 'kysely';
import { attendeeNoteContent, checkGroupNote, isAttendee, type GroupNoteEntryInput } from '../../../domain/notes/group-note.js';
import type { GroupSummary } from '../../../domain/notes/note-content.js';
import type { SigningOutcome } from '../../../domain/notes/note-signing.js';
import type { AppDeps } from '../../context.js';
import type { Database } from '../../db/schema.js';
import * as attendanceRepo from '../attendance/attendance.repository.js';
import * as repo from '../group-notes/group-notes.repository.js';

const SUMMARY: GroupSummary = {
  topic: 'Catching all-or-nothing thinking (demo)',
  modality: 'CBT',
  interventions: 'Psychoeducation on thinking traps; thought record practice in pairs; homework review',
  summary:
    'Members named a recent all-or-nothing thought, worked it through a thought record in pairs and shared one balanced alternative.',
};

const PARTICIPATION = [
  'Volunteered the first example, about a missed deadline at work',
  'Listened for most of the group, then shared a thought about a family dinner',
  'Worked closely with a partner and asked two clarifying questions',
  'Arrived guarded; by the pair exercise was offering suggestions to others',
  'Shared an example about a text message left unanswered',
  'Contributed briefly when prompted; stayed engaged in the pair work',
  'Described a weekend where one setback “ruined everything”',
  'Took notes throughout and summarised the exercise for the group',
];
const RESPONSE = [
  'Completed a thought record and rated belief in the thought from 90% down to 50%',
  'Found the evidence column hard; with coaching wrote one piece of counter-evidence',
  'Said the pair format felt safer than speaking to the whole group',
  'Recognised the same pattern in two other situations this week',
  'Reported relief at hearing others have the same trap',
  'Struggled to find a balanced thought; agreed to finish it as homework',
  'Generated three alternative explanations without prompting',
  'Connected the exercise to urges to skip group when a day goes badly',
];
const PROGRESS = [
  'Used a thought record twice since last week, toward the daily-skill objective',
  'First time identifying a thinking trap unprompted; early progress on the coping objective',
  'Attendance objective on track (4 of 4 days this week)',
  'No change yet on the sleep objective; mood objective slightly improved by self-report',
  'Reports fewer all-or-nothing statements at home, per the patient’s own log',
  'Homework incomplete this week; objective reviewed and kept as written',
  'Practised the skill with a family member, which the plan lists as a step',
  'Named one early warning sign to add to the relapse-prevention objective',
];

function sectionFor(patientId: string, index: number): GroupNoteEntryInput {
  const pick = (bank: readonly string[]) => `${bank[index % bank.length] ?? ''}${index >= bank.length ? ` (session ${index + 1})` : ''}`;
  return { patientId, participation: pick(PARTICIPATION), response: pick(RESPONSE), progress: pick(PROGRESS), addressedObjectiveIds: [] };
}

/** The clinician's past group sessions with attendees, newest first. */
export async function pastGroupsWithAttendees(trx: Transaction<Database>, organizationId: string, clinicianId: string, now: Date) {
  const sessions = await repo.sessionsToWrite(trx, organizationId, { now, facilitatorId: clinicianId, limit: 10 });
  return sessions.filter((session) => session.attendees >= 2 && session.startsAt.getTime() < now.getTime() - 3 * 3600_000);
}

export async function seedDemoGroupNotes(
  deps: Pick<AppDeps, 'audit'>,
  trx: Transaction<Database>,
  input: { organizationId: string; clinicianId: string; now: Date },
): Promise<void> {
  const [latest, earlier] = await pastGroupsWithAttendees(trx, input.organizationId, input.clinicianId, input.now);
  if (earlier) await seedSignedNote(deps, trx, input, earlier.sessionId);
  if (latest) await seedDraft(trx, input, latest.sessionId);
}

const SIGNED = { status: 'signed', cosignerId: null } as const;

/**
 * A signed note: every attendee's section its own, one signed chart note each (or, for a trainee
 * with `outcome` awaiting_cosign, all awaiting the supervisor).
 */
export async function seedSignedNote(
  deps: Pick<AppDeps, 'audit'>,
  trx: Transaction<Database>,
  input: { organizationId: string; clinicianId: string },
  sessionId: string,
  outcome: SigningOutcome = SIGNED,
): Promise<void> {
  const { organizationId, clinicianId } = input;
  const session = await attendanceRepo.findSession(trx, organizationId, sessionId);
  if (!session) return;
  const attendance = await attendanceRepo.attendanceOfSession(trx, organizationId, session.id);
  const attendees = attendance
    .filter((row) => isAttendee(row.status))
    .map((row, index) => ({ ...row, entry: sectionFor(row.patientId, index) }));
  const entries = attendees.map((attendee) => attendee.entry);
  const checked = checkGroupNote({ summary: SUMMARY, entries, attendance, unrecordedPatientIds: [], objectiveIds: new Map() });
  if (!checked.ok) throw new Error('demo group note does not pass its own signing check');
  const signedAt = new Date(session.endsAt.getTime() + 45 * 60_000);
  const noteId = await repo.insertGroupNote(trx, {
    organizationId,
    sessionId: session.id,
    summary: SUMMARY,
    authorId: clinicianId,
    now: session.endsAt,
  });
  await repo.replaceEntries(
    trx,
    organizationId,
    noteId,
    attendees.map((attendee) => ({ ...attendee.entry, episodeId: attendee.episodeId })),
    session.endsAt,
  );
  const written = await repo.insertAttendeeNotes(
    trx,
    {
      organizationId,
      groupNoteId: noteId,
      sessionId: session.id,
      serviceDate: session.localDate,
      signerId: clinicianId,
      outcome,
      now: signedAt,
    },
    attendees.map((attendee) => ({
      patientId: attendee.patientId,
      episodeId: attendee.episodeId,
      minutes: attendee.minutes,
      content: attendeeNoteContent(SUMMARY, attendee.entry, attendee),
      addressedObjectiveIds: [],
    })),
  );
  await repo.markSigned(trx, organizationId, noteId, { signerId: clinicianId, outcome, now: signedAt });
  for (const [patientId, clinicalNoteId] of written) {
    await deps.audit(trx, {
      organizationId,
      userId: clinicianId,
      action: 'group_note.signed',
      entityType: 'clinical_note',
      entityId: clinicalNoteId,
      patientId,
      details: { groupNoteId: noteId, sessionId: session.id },
      outcome: 'success',
      clientIp: null,
      requestId: null,
    });
  }
}

/** A draft part-way through: the first attendee's section started, the rest still to write. */
async function seedDraft(
  trx: Transaction<Database>,
  input: { organizationId: string; clinicianId: string; now: Date },
  sessionId: string,
): Promise<void> {
  const { organizationId, clinicianId, now } = input;
  const attendance = await attendanceRepo.attendanceOfSession(trx, organizationId, sessionId);
  const first = attendance.find((row) => isAttendee(row.status));
  const noteId = await repo.insertGroupNote(trx, {
    organizationId,
    sessionId,
    summary: { ...SUMMARY, topic: 'Planning for the weekend (demo)', summary: '' },
    authorId: clinicianId,
    now,
  });
  if (first)
    await repo.replaceEntries(
      trx,
      organizationId,
      noteId,
      [{ ...sectionFor(first.patientId, 0), progress: '', episodeId: first.episodeId }],
      now,
    );
}

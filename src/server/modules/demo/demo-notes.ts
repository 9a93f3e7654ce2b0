// Synthetic clinical notes for the demo (issue #6, decision 0027): signed DAP notes citing the
// patient's plan objectives when a plan was seeded first, an addendum, a draft, a late unsigned
// note, a trainee's note awaiting co-signature, and an SUD counseling note. Every value is invented.
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import { addDays, localDateOf } from '../../../domain/scheduling/local-time.js';
import { episodeObjectives } from '../notes/notes-dto.js';
import * as repo from '../notes/notes.repository.js';

type Trx = Transaction<Database>;

const DAY_MS = 86_400_000;

const DAP_NOTES = [
  {
    data: 'Patient reported sleeping about six hours most nights this week and attended all three groups (demo).',
    assessment: 'Mood brighter than last week; practising the breathing skill when anxious at work.',
    plan: 'Continue CBT skills group; keep the sleep log; next individual session in one week.',
  },
  {
    data: 'Patient described an argument with a roommate and leaving the house to cool down (demo).',
    assessment: 'Used a coping skill instead of withdrawing; early progress on the anger objective.',
    plan: 'Rehearse the "pause and name it" skill; review the safety plan next session.',
  },
];

async function episodesInCare(trx: Trx, organizationId: string, limit: number) {
  return trx
    .selectFrom('episodes as e')
    .innerJoin('programs as p', 'p.id', 'e.program_id')
    .innerJoin('sites as s', 's.id', 'p.site_id')
    .select(['e.id', 'e.patient_id', 's.time_zone'])
    .where('e.organization_id', '=', organizationId)
    .where('e.status', '=', 'open')
    .orderBy('e.created_at')
    .orderBy('e.id')
    .limit(limit)
    .execute();
}

async function userByEmail(trx: Trx, organizationId: string, email: string): Promise<string | undefined> {
  const row = await trx
    .selectFrom('users')
    .select('id')
    .where('organization_id', '=', organizationId)
    .where('email', '=', email)
    .executeTakeFirst();
  return row?.id;
}

type NoteSpec = {
  organizationId: string;
  patientId: string;
  episodeId: string;
  noteType: 'progress_dap' | 'sud_counseling';
  serviceDate: string;
  authorId: string;
  content: Record<string, string>;
  objectiveIds: string[];
  at: Date;
  sign: { cosignerId: string | null } | null;
};

async function writeNote(trx: Trx, spec: NoteSpec): Promise<string> {
  const noteId = await repo.insertNote(trx, {
    organizationId: spec.organizationId,
    patientId: spec.patientId,
    episodeId: spec.episodeId,
    sessionId: null,
    noteType: spec.noteType,
    serviceDate: spec.serviceDate,
    durationMinutes: 50,
    authorId: spec.authorId,
    now: spec.at,
  });
  await repo.updateDraft(trx, spec.organizationId, noteId, { content: spec.content, addressedObjectiveIds: spec.objectiveIds }, spec.at);
  if (spec.sign)
    await repo.markSigned(trx, spec.organizationId, noteId, {
      content: spec.content,
      status: spec.sign.cosignerId === null ? 'signed' : 'awaiting_cosign',
      cosignerId: spec.sign.cosignerId,
      signedBy: spec.authorId,
      now: new Date(spec.at.getTime() + 3_600_000),
    });
  return noteId;
}

export async function seedDemoNotes(trx: Trx, input: { organizationId: string; clinicianId: string; now: Date }): Promise<void> {
  const { organizationId, clinicianId, now } = input;
  const episodes = await episodesInCare(trx, organizationId, 3);
  const first = episodes[0];
  if (!first) return;
  const daysAgo = (days: number, zone: string) => addDays(localDateOf(now.getTime(), zone), -days);
  const at = (days: number) => new Date(now.getTime() - days * DAY_MS);

  // Signed DAP notes, citing the first objective of the episode's plan when there is one.
  let firstSigned: string | undefined;
  for (const [index, episode] of episodes.entries()) {
    const { choices } = await episodeObjectives(trx, organizationId, episode.id);
    const noteId = await writeNote(trx, {
      organizationId,
      patientId: episode.patient_id,
      episodeId: episode.id,
      noteType: 'progress_dap',
      serviceDate: daysAgo(2 + index, episode.time_zone),
      authorId: clinicianId,
      content: DAP_NOTES[index % DAP_NOTES.length] ?? {},
      objectiveIds: choices.slice(0, 1).map((objective) => objective.id),
      at: at(2 + index),
      sign: { cosignerId: null },
    });
    firstSigned ??= noteId;
  }
  if (firstSigned)
    await repo.insertAddendum(trx, {
      organizationId,
      noteId: firstSigned,
      patientId: first.patient_id,
      kind: 'correction',
      body: 'Correction: the patient attended two of the three groups, not all three (demo).',
      authorId: clinicianId,
      now: at(1),
    });

  // A draft of today, and a late one: still unsigned six days after its session.
  await writeNote(trx, {
    organizationId,
    patientId: first.patient_id,
    episodeId: first.id,
    noteType: 'progress_dap',
    serviceDate: daysAgo(0, first.time_zone),
    authorId: clinicianId,
    content: { data: 'Patient arrived early and asked about the weekend schedule (demo).' },
    objectiveIds: [],
    at: now,
    sign: null,
  });
  const lateEpisode = episodes[1] ?? first;
  await writeNote(trx, {
    organizationId,
    patientId: lateEpisode.patient_id,
    episodeId: lateEpisode.id,
    noteType: 'progress_dap',
    serviceDate: daysAgo(6, lateEpisode.time_zone),
    authorId: clinicianId,
    content: { data: 'Phone check-in after a missed group (demo).' },
    objectiveIds: [],
    at: at(6),
    sign: null,
  });

  // A trainee (the demo's fourth therapist) whose notes the demo clinician co-signs.
  const trainee = await userByEmail(trx, organizationId, 'therapist4@demo.openiop.org');
  if (trainee) {
    await trx
      .updateTable('staff_profiles')
      .set({ cosign_supervisor_id: clinicianId })
      .where('organization_id', '=', organizationId)
      .where('user_id', '=', trainee)
      .execute();
    await writeNote(trx, {
      organizationId,
      patientId: first.patient_id,
      episodeId: first.id,
      noteType: 'progress_dap',
      serviceDate: daysAgo(1, first.time_zone),
      authorId: trainee,
      content: DAP_NOTES[1] ?? {},
      objectiveIds: [],
      at: at(1),
      sign: { cosignerId: clinicianId },
    });
  }

  // An SUD counseling note by another therapist: the demo clinician sees it only as "withheld".
  const counselor = await userByEmail(trx, organizationId, 'therapist3@demo.openiop.org');
  if (counselor)
    await writeNote(trx, {
      organizationId,
      patientId: first.patient_id,
      episodeId: first.id,
      noteType: 'sud_counseling',
      serviceDate: daysAgo(3, first.time_zone),
      authorId: counselor,
      content: {
        data: 'Discussed cravings after a stressful shift and the plan for the weekend (demo).',
        assessment: 'Motivated; identified two high-risk situations.',
        plan: 'Relapse prevention group; call the sponsor before Friday.',
      },
      objectiveIds: [],
      at: at(3),
      sign: { cosignerId: null },
    });
}

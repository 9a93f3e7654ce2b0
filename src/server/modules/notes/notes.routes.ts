import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { NOTE_ROLES } from '../../../domain/notes/note-authoring.js';
import type { AppDeps } from '../../context.js';
import { actorCtx } from '../../http/access.js';
import { expectedVersion } from '../schedules/schedules.schemas.js';
import * as signing from './note-signing.service.js';
import {
  AddendumBody,
  CreateNoteBody,
  NoteDto,
  NoteParams,
  PatientNotesDto,
  PatientParams,
  SaveDraftBody,
  SignBody,
  notesErrors,
} from './notes.schemas.js';
import * as notes from './notes.service.js';

// Roles: docs/roles.md (clinical notes). Written, signed and read by the clinical staff; which note
// types each may write, and who may read SUD counseling notes, is decided per note by the services.
const clinical = { access: { roles: NOTE_ROLES } } as const;
const tags = ['notes'];

export function notesRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/patients/:patientId/notes',
      { config: clinical, schema: { tags, params: PatientParams, response: { 200: PatientNotesDto, ...notesErrors } } },
      (request) => notes.listPatientNotes(deps, actorCtx(request), request.params.patientId),
    );

    app.post(
      '/patients/:patientId/notes',
      { config: clinical, schema: { tags, params: PatientParams, body: CreateNoteBody, response: { 201: NoteDto, ...notesErrors } } },
      async (request, reply) =>
        reply.status(201).send(await notes.createNote(deps, actorCtx(request), request.params.patientId, request.body)),
    );

    app.get(
      '/notes/:noteId',
      { config: clinical, schema: { tags, params: NoteParams, response: { 200: NoteDto, ...notesErrors } } },
      (request) => notes.getNote(deps, actorCtx(request), request.params.noteId),
    );

    app.patch(
      '/notes/:noteId',
      { config: clinical, schema: { tags, params: NoteParams, body: SaveDraftBody, response: { 200: NoteDto, ...notesErrors } } },
      (request) => {
        const { version, ...input } = request.body;
        return notes.saveDraft(
          deps,
          actorCtx(request),
          request.params.noteId,
          expectedVersion(version, request.headers['if-match']),
          input,
        );
      },
    );

    app.delete(
      '/notes/:noteId',
      { config: clinical, schema: { tags, params: NoteParams, response: { 204: z.null(), ...notesErrors } } },
      async (request, reply) => {
        await notes.discardDraft(deps, actorCtx(request), request.params.noteId);
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/notes/:noteId/sign',
      { config: clinical, schema: { tags, params: NoteParams, body: SignBody, response: { 200: NoteDto, ...notesErrors } } },
      (request) =>
        signing.signNote(
          deps,
          actorCtx(request),
          request.params.noteId,
          expectedVersion(request.body.version, request.headers['if-match']),
        ),
    );

    app.post(
      '/notes/:noteId/cosign',
      { config: clinical, schema: { tags, params: NoteParams, response: { 200: NoteDto, ...notesErrors } } },
      (request) => signing.cosignNote(deps, actorCtx(request), request.params.noteId),
    );

    app.post(
      '/notes/:noteId/addenda',
      { config: clinical, schema: { tags, params: NoteParams, body: AddendumBody, response: { 201: NoteDto, ...notesErrors } } },
      async (request, reply) =>
        reply.status(201).send(await signing.addAddendum(deps, actorCtx(request), request.params.noteId, request.body)),
    );
  };
}

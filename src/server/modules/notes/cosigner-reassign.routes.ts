import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../context.js';
import { actorCtx } from '../../http/access.js';
import { reassignGroupNoteCosigner } from '../group-notes/group-note-reassign.service.js';
import { SaveGroupNoteDto, SessionParams, groupNoteErrors } from '../group-notes/group-notes.schemas.js';
import { ReassignCosignerBody } from './cosigner-reassign.schemas.js';
import { reassignNoteCosigner } from './cosigner-reassign.service.js';
import { NoteDto, NoteParams, notesErrors } from './notes.schemas.js';

// Roles: docs/roles.md (clinical notes). Only a director names another co-signer (decision 0034).
const director = { access: { roles: ['director'] } } as const;

export function cosignerReassignRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/notes/:noteId/cosigner',
      {
        config: director,
        schema: { tags: ['notes'], params: NoteParams, body: ReassignCosignerBody, response: { 200: NoteDto, ...notesErrors } },
      },
      (request) => reassignNoteCosigner(deps, actorCtx(request), request.params.noteId, request.body),
    );

    app.post(
      '/sessions/:sessionId/group-note/cosigner',
      {
        config: director,
        schema: {
          tags: ['group-notes'],
          params: SessionParams,
          body: ReassignCosignerBody,
          response: { 200: SaveGroupNoteDto, ...groupNoteErrors },
        },
      },
      (request) => reassignGroupNoteCosigner(deps, actorCtx(request), request.params.sessionId, request.body),
    );
  };
}

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../context.js';
import { actorCtx } from '../../http/access.js';
import { expectedVersion } from '../schedules/schedules.schemas.js';
import { cosignGroupNote, signGroupNote } from './group-note-signing.service.js';
import {
  GroupNoteViewDto,
  GroupNotesToWriteDto,
  SaveGroupNoteBody,
  SaveGroupNoteDto,
  SessionParams,
  SignGroupNoteBody,
  groupNoteErrors,
} from './group-notes.schemas.js';
import { GROUP_NOTE_READERS, GROUP_NOTE_WRITERS, getGroupNote, groupNotesToWrite, saveDraft } from './group-notes.service.js';

// Roles: docs/roles.md (group notes). Writers are narrowed in the service to the session's
// facilitators (and directors), which only the session row knows.
const read = { access: { roles: GROUP_NOTE_READERS } } as const;
const write = { access: { roles: GROUP_NOTE_WRITERS } } as const;
const tags = ['group-notes'];

export function groupNotesRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/sessions/:sessionId/group-note',
      { config: read, schema: { tags, params: SessionParams, response: { 200: GroupNoteViewDto, ...groupNoteErrors } } },
      (request) => getGroupNote(deps, actorCtx(request), request.params.sessionId),
    );

    app.put(
      '/sessions/:sessionId/group-note',
      {
        config: write,
        schema: { tags, params: SessionParams, body: SaveGroupNoteBody, response: { 200: SaveGroupNoteDto, ...groupNoteErrors } },
      },
      (request) => {
        const { version, ...input } = request.body;
        return saveDraft(deps, actorCtx(request), request.params.sessionId, input, expectedVersion(version, request.headers['if-match']));
      },
    );

    app.post(
      '/sessions/:sessionId/group-note/sign',
      {
        config: write,
        schema: { tags, params: SessionParams, body: SignGroupNoteBody, response: { 200: SaveGroupNoteDto, ...groupNoteErrors } },
      },
      (request) =>
        signGroupNote(
          deps,
          actorCtx(request),
          request.params.sessionId,
          expectedVersion(request.body.version, request.headers['if-match']),
        ),
    );

    // Co-signed by the supervisor named on the note, who need not facilitate (checked in the service).
    app.post(
      '/sessions/:sessionId/group-note/cosign',
      { config: read, schema: { tags, params: SessionParams, response: { 200: SaveGroupNoteDto, ...groupNoteErrors } } },
      (request) => cosignGroupNote(deps, actorCtx(request), request.params.sessionId),
    );

    app.get(
      '/group-notes/to-write',
      { config: read, schema: { tags, response: { 200: GroupNotesToWriteDto, ...groupNoteErrors } } },
      (request) => groupNotesToWrite(deps, actorCtx(request)),
    );
  };
}

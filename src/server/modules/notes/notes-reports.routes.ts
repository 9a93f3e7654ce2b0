import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { NOTE_ROLES } from '../../../domain/notes/note-authoring.js';
import type { AppDeps } from '../../context.js';
import { actorCtx } from '../../http/access.js';
import { MyNotesDto, TimelinessDto, TimelinessQuery, notesErrors } from './notes.schemas.js';
import * as reports from './notes-reports.service.js';

// Roles: docs/roles.md (clinical notes). The timeliness report shows a director every clinician and
// anyone else their own notes only.
const clinical = { access: { roles: NOTE_ROLES } } as const;
const tags = ['notes'];

export function notesReportsRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/notes/mine', { config: clinical, schema: { tags, response: { 200: MyNotesDto, ...notesErrors } } }, (request) =>
      reports.myNotes(deps, actorCtx(request)),
    );

    app.get(
      '/notes/timeliness',
      { config: clinical, schema: { tags, querystring: TimelinessQuery, response: { 200: TimelinessDto, ...notesErrors } } },
      (request) => reports.timelinessReport(deps, actorCtx(request), request.query),
    );
  };
}

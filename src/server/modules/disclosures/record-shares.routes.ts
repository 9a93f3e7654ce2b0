// API shares of records with an outside system (decision 0030): staff make, list and revoke them
// under a patient; the outside system fetches with `Authorization: Bearer <token>` (no session).
import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../context.js';
import { actorCtx, requestCtx } from '../../http/access.js';
import { DISCLOSURE_DOCUMENT_FORMAT } from './disclosure-document.js';
import { DISCLOSERS, LOG_READERS } from './disclosure-roles.js';
import { CreatedShareDto, PatientParams, ShareBody, ShareDto, ShareListDto, ShareParams, disclosureErrors } from './disclosures.schemas.js';
import { createShare, fetchShare, listShares, revokeShare } from './record-shares.service.js';

const tags = ['disclosures'];
const FETCHES_PER_MINUTE = 30;

// The document is described in docs/decisions/0030-disclosure-channels.md; its top level is checked here.
const SharedDocument = z.looseObject({ format: z.literal(DISCLOSURE_DOCUMENT_FORMAT), disclosure: z.looseObject({ id: z.string() }) });

function bearerOf(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match?.[1] ?? null;
}

export function recordSharesRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    // Registered in this plugin only (global: false), so only the fetch is limited.
    await app.register(fastifyRateLimit, { global: false });

    app.post(
      '/patients/:patientId/record-shares',
      {
        config: { access: { roles: DISCLOSERS } },
        schema: { tags, params: PatientParams, body: ShareBody, response: { 201: CreatedShareDto, ...disclosureErrors } },
      },
      async (request, reply) => reply.status(201).send(await createShare(deps, actorCtx(request), request.params.patientId, request.body)),
    );

    app.get(
      '/patients/:patientId/record-shares',
      {
        config: { access: { roles: LOG_READERS } },
        schema: { tags, params: PatientParams, response: { 200: ShareListDto, ...disclosureErrors } },
      },
      (request) => listShares(deps, actorCtx(request), request.params.patientId),
    );

    app.post(
      '/patients/:patientId/record-shares/:shareId/revoke',
      {
        config: { access: { roles: DISCLOSERS } },
        schema: { tags, params: ShareParams, response: { 200: ShareDto, ...disclosureErrors } },
      },
      (request) => revokeShare(deps, actorCtx(request), request.params.patientId, request.params.shareId),
    );

    app.get(
      '/shared-records',
      {
        config: { access: 'public', sessionless: true, rateLimit: { max: FETCHES_PER_MINUTE, timeWindow: 60 * 1000 } },
        schema: {
          tags,
          summary:
            'An outside system fetches the records of an API share (Authorization: Bearer <token>); each fetch is decided and logged',
          headers: z.object({ authorization: z.string({ error: 'is required: "Bearer <token>" with the token of the share' }).max(200) }),
          response: { 200: SharedDocument, ...disclosureErrors },
        },
      },
      async (request, reply) => {
        const document = await fetchShare(deps, requestCtx(request), bearerOf(request.headers.authorization));
        return reply.header('cache-control', 'no-store').send(document);
      },
    );
  };
}

// Safety plan links (docs/domain/safety.md, decision 0024): staff create, list and revoke them
// under /api/v1; the patient's page /plan/:token is public, sessionless and never cached.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pageLanguage } from '../../../domain/patients/patient-language.js';
import type { AppDeps } from '../../context.js';
import { actorCtx, requestCtx } from '../../http/access.js';
import { Uuid } from '../../http/common-schemas.js';
import { planGonePage, planPage } from '../../public-site/safety-plan-page.js';
import { PUBLIC_PAGE, pageContext, sendHtml } from '../public-site/public-site.context.js';
import { createPlanLink, listPlanLinks, openPlanLink, revokePlanLink } from './safety-plan-links.service.js';
import { PatientParams, safetyErrors } from './safety.schemas.js';
import { SAFETY_ROLES } from './safety.routes.js';

// Roles: docs/roles.md (safety plans): the clinical staff who may read the plan may share it.
const safety = { access: { roles: SAFETY_ROLES } } as const;
const tags = ['safety'];

const LinkParams = z.strictObject({ patientId: Uuid, linkId: Uuid });
const Person = z.object({ id: z.string(), name: z.string() });
const PlanLinkDto = z.object({
  id: z.string(),
  state: z.enum(['active', 'expired', 'revoked']),
  expiresAt: z.string(),
  revokedAt: z.string().nullable(),
  createdBy: Person,
  createdAt: z.string(),
  lastViewedAt: z.string().nullable(),
});
const CreatedDto = z.object({ linkId: z.string(), url: z.string(), expiresAt: z.string() });
const TokenParams = z.object({ token: z.string().max(200) });
const LangQuery = z.object({ lang: z.enum(['en', 'es']).optional() });
// The page carries the token in its URL: it must not be cached or sent on as a referrer.
const NO_STORE = 'no-store';

export function safetyPlanLinksRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/v1/patients/:patientId/safety-plan/links',
      { config: safety, schema: { tags, params: PatientParams, response: { 201: CreatedDto, ...safetyErrors } } },
      async (request, reply) => reply.status(201).send(await createPlanLink(deps, actorCtx(request), request.params.patientId)),
    );

    app.get(
      '/api/v1/patients/:patientId/safety-plan/links',
      {
        config: safety,
        schema: { tags, params: PatientParams, response: { 200: z.object({ links: z.array(PlanLinkDto) }), ...safetyErrors } },
      },
      (request) => listPlanLinks(deps, actorCtx(request), request.params.patientId),
    );

    app.post(
      '/api/v1/patients/:patientId/safety-plan/links/:linkId/revoke',
      { config: safety, schema: { tags, params: LinkParams, response: { 200: PlanLinkDto, ...safetyErrors } } },
      (request) => revokePlanLink(deps, actorCtx(request), request.params.patientId, request.params.linkId),
    );

    app.get(
      '/plan/:token',
      { config: PUBLIC_PAGE, schema: { hide: true, params: TokenParams, querystring: LangQuery } },
      async (request, reply) => {
        const opened = await openPlanLink(deps, requestCtx(request), request.params.token);
        // The patient's recorded language unless the page's own switcher chose (decision 0033).
        const lang = pageLanguage(request.query.lang, opened.kind === 'not_found' ? null : opened.language);
        const ctx = pageContext(lang, request.url, null);
        if (opened.kind === 'not_found') return sendHtml(reply, 404, planGonePage(ctx, 'not_found'), NO_STORE);
        if (opened.kind === 'gone') return sendHtml(reply, 410, planGonePage(ctx, 'gone'), NO_STORE);
        const other = lang === 'en' ? 'es' : 'en';
        return sendHtml(reply, 200, planPage(ctx, opened, `/plan/${request.params.token}?lang=${other}`), NO_STORE);
      },
    );
  };
}

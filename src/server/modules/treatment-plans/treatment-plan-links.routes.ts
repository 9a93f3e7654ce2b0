// Treatment plan signing links (decision 0026): staff create, list and revoke them under /api/v1;
// the patient's page /sign-plan/:token is public, sessionless, script-free and never cached.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pageLanguage } from '../../../domain/patients/patient-language.js';
import type { AppDeps } from '../../context.js';
import { actorCtx, requestCtx } from '../../http/access.js';
import { Uuid } from '../../http/common-schemas.js';
import type { Language } from '../../public-site/i18n/i18n.js';
import { signPlanGonePage, signPlanPage, signedPlanPage } from '../../public-site/sign-plan-page.js';
import { PUBLIC_PAGE, pageContext, sendHtml } from '../public-site/public-site.context.js';
import { createSignLink, listSignLinks, revokeSignLink, submitSignLink, viewSignLink } from './treatment-plan-links.service.js';
import { planAccess } from './treatment-plans.routes.js';
import { PlanParams, planErrors } from './treatment-plans.schemas.js';

const tags = ['treatment-plans'];
const LinkParams = z.strictObject({ planId: Uuid, signLinkId: Uuid });
const SignLinkDto = z.object({
  id: z.string(),
  state: z.enum(['active', 'used', 'expired', 'revoked']),
  expiresAt: z.string(),
  usedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  createdBy: z.object({ id: z.string(), name: z.string() }),
  createdAt: z.string(),
});
const CreatedDto = z.object({ linkId: z.string(), url: z.string(), expiresAt: z.string() });
const TokenParams = z.object({ token: z.string().max(200) });
const LangQuery = z.object({ lang: z.enum(['en', 'es']).optional() });
const FormBody = z.record(z.string(), z.string());
const BODY_LIMIT = 8 * 1024;
// The page carries the token in its URL: it must not be cached or sent on as a referrer.
const NO_STORE = 'no-store';

function otherLanguage(lang: Language): Language {
  return lang === 'en' ? 'es' : 'en';
}

/** The page itself in a language; the form's action carries the language so errors keep it. */
function pagePath(token: string, lang: Language): string {
  return `/sign-plan/${encodeURIComponent(token)}?lang=${lang}`;
}

export function treatmentPlanLinksRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: BODY_LIMIT }, (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    });

    app.post(
      '/api/v1/treatment-plans/:planId/sign-links',
      { config: planAccess, schema: { tags, params: PlanParams, response: { 201: CreatedDto, ...planErrors } } },
      async (request, reply) => reply.status(201).send(await createSignLink(deps, actorCtx(request), request.params.planId)),
    );

    app.get(
      '/api/v1/treatment-plans/:planId/sign-links',
      {
        config: planAccess,
        schema: { tags, params: PlanParams, response: { 200: z.object({ links: z.array(SignLinkDto) }), ...planErrors } },
      },
      (request) => listSignLinks(deps, actorCtx(request), request.params.planId),
    );

    app.post(
      '/api/v1/treatment-plans/:planId/sign-links/:signLinkId/revoke',
      { config: planAccess, schema: { tags, params: LinkParams, response: { 200: SignLinkDto, ...planErrors } } },
      (request) => revokeSignLink(deps, actorCtx(request), request.params.planId, request.params.signLinkId),
    );

    // The page opens in the patient's preferred language (decision 0033), English when none is
    // recorded; the patient's choice (?lang=, the switcher) wins and the form posts back with it
    // (decision 0031).
    app.get(
      '/sign-plan/:token',
      { config: PUBLIC_PAGE, schema: { hide: true, params: TokenParams, querystring: LangQuery } },
      async (request, reply) => {
        const { token } = request.params;
        const opened = await viewSignLink(deps, requestCtx(request), token);
        const lang = pageLanguage(request.query.lang, opened.kind === 'not_found' ? null : opened.language);
        const ctx = pageContext(lang, request.url, null);
        const other = otherLanguage(lang);
        if (opened.kind !== 'ok') {
          const [status, reason] = opened.kind === 'not_found' ? ([404, 'not_found'] as const) : ([410, 'gone'] as const);
          return sendHtml(reply, status, signPlanGonePage(ctx, reason, pagePath(token, other)), NO_STORE);
        }
        const empty = { signedName: '', missing: [] };
        return sendHtml(reply, 200, signPlanPage(ctx, opened.view, pagePath(token, lang), empty, pagePath(token, other)), NO_STORE);
      },
    );

    app.post(
      '/sign-plan/:token',
      { config: PUBLIC_PAGE, bodyLimit: BODY_LIMIT, schema: { hide: true, params: TokenParams, querystring: LangQuery, body: FormBody } },
      async (request, reply) => {
        const { token } = request.params;
        const form = {
          signedName: request.body.signedName ?? '',
          agreed: request.body.agreed === 'yes',
          requestedLanguage: request.query.lang,
        };
        const submitted = await submitSignLink(deps, requestCtx(request), token, form);
        const lang = submitted.language;
        const ctx = pageContext(lang, request.url, null);
        switch (submitted.kind) {
          case 'not_found':
            return sendHtml(reply, 404, signPlanGonePage(ctx, 'not_found', null), NO_STORE);
          case 'gone':
            return sendHtml(reply, 410, signPlanGonePage(ctx, 'gone', null), NO_STORE);
          case 'invalid': {
            const state = { signedName: form.signedName, missing: submitted.missing };
            const page = signPlanPage(ctx, submitted.view, pagePath(token, lang), state, pagePath(token, otherLanguage(lang)));
            return sendHtml(reply, 400, page, NO_STORE);
          }
          case 'signed':
            return sendHtml(reply, 200, signedPlanPage(ctx, submitted.planVersion), NO_STORE);
        }
      },
    );
  };
}

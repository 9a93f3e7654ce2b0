// The patient's questionnaire page behind a measure link or kiosk session (decision 0022): public,
// sessionless, plain HTML forms without JavaScript.
import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../context.js';
import { requestCtx } from '../../http/access.js';
import { measureDonePage, measureFormPage, measureGonePage } from '../../public-site/measure-page.js';
import { PUBLIC_PAGE, pageContext, sendHtml } from '../public-site/public-site.context.js';
import { openLink, submitLink } from './measure-links.service.js';

const TokenParams = z.object({ token: z.string().max(200) });
const LangQuery = z.object({ lang: z.enum(['en', 'es']).optional() });
const FormBody = z.record(z.string(), z.string());
const BODY_LIMIT = 32 * 1024;
// The page carries the link token in its URL: it must not be cached or sent on as a referrer.
const NO_STORE = 'no-store';

export function measureLinksRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: BODY_LIMIT }, (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    });

    app.get(
      '/m/:token',
      { config: PUBLIC_PAGE, schema: { hide: true, params: TokenParams, querystring: LangQuery } },
      async (request, reply) => {
        const opened = await openLink(deps, requestCtx(request), request.params.token);
        const lang = request.query.lang ?? (opened.kind === 'ok' ? opened.language : 'en');
        const ctx = pageContext(lang, request.url, null);
        if (opened.kind === 'not_found') return sendHtml(reply, 404, measureGonePage(ctx, 'not_found'), NO_STORE);
        if (opened.kind === 'gone') return sendHtml(reply, 410, measureGonePage(ctx, opened.reason), NO_STORE);
        const action = `/m/${request.params.token}${request.query.lang ? `?lang=${lang}` : ''}`;
        return sendHtml(
          reply,
          200,
          measureFormPage(ctx, opened.instrument, action, { values: {}, missing: [], formKey: randomUUID() }),
          NO_STORE,
        );
      },
    );

    app.post(
      '/m/:token',
      { config: PUBLIC_PAGE, bodyLimit: BODY_LIMIT, schema: { hide: true, params: TokenParams, querystring: LangQuery, body: FormBody } },
      async (request, reply) => {
        const submitted = await submitLink(deps, requestCtx(request), request.params.token, request.body);
        const lang = request.query.lang ?? ('language' in submitted ? submitted.language : 'en');
        const ctx = pageContext(lang, request.url, null);
        switch (submitted.kind) {
          case 'not_found':
            return sendHtml(reply, 404, measureGonePage(ctx, 'not_found'), NO_STORE);
          case 'gone':
            return sendHtml(reply, 410, measureGonePage(ctx, submitted.reason), NO_STORE);
          case 'invalid': {
            const formKey = request.body.formKey ?? randomUUID();
            const page = measureFormPage(ctx, submitted.instrument, request.url, {
              values: request.body,
              missing: submitted.missing,
              formKey,
            });
            return sendHtml(reply, 400, page, NO_STORE);
          }
          case 'stored':
            return sendHtml(
              reply,
              200,
              measureDonePage(ctx, { suicideRisk: submitted.suicideRisk, kiosk: submitted.linkKind === 'kiosk', center: submitted.center }),
              NO_STORE,
            );
        }
      },
    );
  };
}

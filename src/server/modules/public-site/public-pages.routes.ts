// The public site's information pages, in English at / and in Spanish under /es (decision 0016).
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../context.js';
import type { PageContext } from '../../public-site/model.js';
import { comparePage, contactPage, homePage, notFoundPage, weekPage } from '../../public-site/pages.js';
import { conditionsPage, programPage, programsPage } from '../../public-site/program-pages.js';
import { SITE_CSS } from '../../public-site/site-css.js';
import { LANGUAGES, PUBLIC_PAGE, languageOfPath, orgOrNotSetUp, pageContext, pathIn, sendHtml } from './public-site.context.js';
import { logo, publicOrganization, publishedProgram, publishedPrograms } from './public-site.service.js';

const hidden = { hide: true } as const;
const ProgramParams = z.object({ publicProgramId: z.string().max(100) });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The friendly 404 page for unknown public paths (used by the app's not-found handler). */
export async function renderNotFound(deps: AppDeps, urlPath: string): Promise<string> {
  const lang = languageOfPath(urlPath);
  const org = await publicOrganization(deps).catch(() => null);
  return notFoundPage(pageContext(lang, '/', org));
}

export function publicPagesRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/public/site.css', { config: PUBLIC_PAGE, schema: hidden }, (_request, reply) =>
      reply.header('Cache-Control', 'public, max-age=86400').type('text/css; charset=utf-8').send(SITE_CSS),
    );

    app.get('/public/logo', { config: PUBLIC_PAGE, schema: hidden }, async (_request, reply) => {
      const found = await logo(deps);
      if (!found) return reply.status(404).type('text/plain; charset=utf-8').send('No logo');
      // The pages link /public/logo?v=<settings version>, so a new logo gets a new URL.
      return reply
        .header('Cache-Control', 'public, max-age=86400')
        .header('X-Content-Type-Options', 'nosniff')
        .type(found.contentType)
        .send(found.logo);
    });

    const simple: readonly [string, (ctx: PageContext) => string][] = [
      ['/', homePage],
      ['/inpatient-or-iop', comparePage],
      ['/a-week-in-iop', weekPage],
      ['/contact', contactPage],
    ];
    for (const lang of LANGUAGES) {
      for (const [path, render] of simple) {
        app.get(pathIn(lang, path), { config: PUBLIC_PAGE, schema: hidden }, async (_request, reply) => {
          const org = await orgOrNotSetUp(deps, reply, lang, path);
          if (!org) return reply;
          return sendHtml(reply, 200, render(pageContext(lang, path, org)));
        });
      }

      app.get(pathIn(lang, '/programs'), { config: PUBLIC_PAGE, schema: hidden }, async (request, reply) => {
        const org = await orgOrNotSetUp(deps, reply, lang, '/programs');
        if (!org) return reply;
        const programs = await publishedPrograms(deps, org.id, new Date(request.nowMs));
        return sendHtml(reply, 200, programsPage(pageContext(lang, '/programs', org), programs));
      });

      app.get(pathIn(lang, '/conditions'), { config: PUBLIC_PAGE, schema: hidden }, async (request, reply) => {
        const org = await orgOrNotSetUp(deps, reply, lang, '/conditions');
        if (!org) return reply;
        const programs = await publishedPrograms(deps, org.id, new Date(request.nowMs));
        return sendHtml(reply, 200, conditionsPage(pageContext(lang, '/conditions', org), programs));
      });

      app.get(
        pathIn(lang, '/programs/:publicProgramId'),
        { config: PUBLIC_PAGE, schema: { hide: true, params: ProgramParams } },
        async (request, reply) => {
          const id = request.params.publicProgramId;
          const path = `/programs/${id}`;
          const org = await orgOrNotSetUp(deps, reply, lang, path);
          if (!org) return reply;
          const program = UUID.test(id) ? await publishedProgram(deps, org.id, id, new Date(request.nowMs)) : null;
          if (!program) return sendHtml(reply, 404, notFoundPage(pageContext(lang, path, org)));
          return sendHtml(reply, 200, programPage(pageContext(lang, path, org), program));
        },
      );
    }
  };
}

// Shared by the public site's route files: languages, paths and the page context of a request.
import type { FastifyReply } from 'fastify';
import type { AppDeps } from '../../context.js';
import { translator, type Language } from '../../public-site/i18n/i18n.js';
import { pathIn, type PageContext, type PublicOrganization } from '../../public-site/model.js';
import { notSetUpPage } from '../../public-site/pages.js';
import { publicOrganization } from './public-site.service.js';

export const LANGUAGES: readonly Language[] = ['en', 'es'];

/** Every public page is public and ignores the session cookie (decision 0016). */
export const PUBLIC_PAGE = { access: 'public', sessionless: true } as const;

export { pathIn };

export function pageContext(lang: Language, path: string, org: PublicOrganization | null): PageContext {
  return { lang, t: translator(lang), path, org };
}

export function languageOfPath(urlPath: string): Language {
  return urlPath === '/es' || urlPath.startsWith('/es/') ? 'es' : 'en';
}

export function sendHtml(reply: FastifyReply, status: number, body: string, cache = 'no-cache'): FastifyReply {
  return reply.status(status).header('Cache-Control', cache).type('text/html; charset=utf-8').send(body);
}

/** The center shown, or a "not set up yet" page already sent (null). */
export async function orgOrNotSetUp(deps: AppDeps, reply: FastifyReply, lang: Language, path: string): Promise<PublicOrganization | null> {
  const org = await publicOrganization(deps);
  if (!org) sendHtml(reply, 503, notSetUpPage(pageContext(lang, path, null)));
  return org;
}

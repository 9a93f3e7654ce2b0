import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../context.js';
import { actorCtx } from '../../http/access.js';
import { OrganizationSettingsDto, UpdateOrganizationSettingsBody, settingsErrors } from './organization-settings.schemas.js';
import * as settings from './organization-settings.service.js';

// Roles: docs/roles.md (admin changes; director may read).
const read = { access: { roles: ['admin', 'director'] } } as const;
const edit = { access: { roles: ['admin'] } } as const;
const LOGO_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;

export function organizationSettingsRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    // The logo is sent as the raw image body; a little above 256 KB is read so the service can
    // answer "too large" itself.
    app.addContentTypeParser([...LOGO_TYPES], { parseAs: 'buffer', bodyLimit: 300 * 1024 }, (_request, body, done) => done(null, body));

    app.get(
      '/organization/settings',
      { config: read, schema: { tags: ['organization'], response: { 200: OrganizationSettingsDto, ...settingsErrors } } },
      (request) => settings.getSettings(deps, actorCtx(request)),
    );

    app.put(
      '/organization/settings',
      {
        config: edit,
        schema: {
          tags: ['organization'],
          body: UpdateOrganizationSettingsBody,
          response: { 200: OrganizationSettingsDto, ...settingsErrors },
        },
      },
      (request) => settings.updateSettings(deps, actorCtx(request), request.body),
    );

    app.put(
      '/organization/logo',
      {
        config: edit,
        bodyLimit: 300 * 1024,
        schema: {
          tags: ['organization'],
          summary: 'Upload the logo: the raw PNG, JPEG or WebP file (at most 256 KB) as the body',
          body: z.instanceof(Buffer).optional(),
          response: { 200: OrganizationSettingsDto, ...settingsErrors },
        },
      },
      (request) => {
        const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim() ?? '';
        return settings.putLogo(deps, actorCtx(request), request.body ?? Buffer.alloc(0), type);
      },
    );

    app.delete(
      '/organization/logo',
      { config: edit, schema: { tags: ['organization'], response: { 200: OrganizationSettingsDto, ...settingsErrors } } },
      (request) => settings.deleteLogo(deps, actorCtx(request)),
    );
  };
}

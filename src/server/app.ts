import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { FastifyBaseLogger as Logger } from 'fastify';
import { createAuditWriter } from './audit/audit.writer.js';
import type { Config } from './config.js';
import type { AppDeps } from './context.js';
import type { Db } from './db/database.js';
import { registerAccessControl } from './http/access.js';
import { registerErrorHandler } from './http/error-handler.js';
import { registerRoutes } from './http/routes.js';
import { renderNotFound } from './modules/public-site/public-pages.routes.js';
import { createHealthCheck } from './modules/health/health.service.js';
import { loadCommonPasswords } from './modules/auth/common-passwords.js';

export type BuildAppOptions = {
  config: Config;
  db: Db;
  logger: Logger;
  auditKey: Buffer;
  sealKey: Buffer;
  clock?: () => Date;
  webDir?: string;
};

export const VERSION = '0.1.0';

/** Builds the whole HTTP app; never listens (main.ts does), so tests drive it with inject(). */
export async function buildApp(options: BuildAppOptions): Promise<{ app: FastifyInstance; deps: AppDeps }> {
  const clock = options.clock ?? (() => new Date());
  const deps: AppDeps = {
    db: options.db,
    config: options.config,
    clock,
    audit: createAuditWriter(options.auditKey, clock),
    auditKey: options.auditKey,
    sealKey: options.sealKey,
    commonPasswords: loadCommonPasswords(),
    log: options.logger,
  };

  const app = Fastify({
    loggerInstance: options.logger,
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    trustProxy: options.config.trustProxy,
    bodyLimit: 256 * 1024,
    // Fastify's own request log prints raw URLs, which can hold one-time tokens; ours (below) logs
    // the route pattern and ids only.
    logController: new LogController({ disableRequestLogging: true }),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(fastifyCookie);
  await app.register(fastifyHelmet, {
    // No inline script anywhere; Mantine sets inline styles, so style-src allows them.
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    // HSTS only when the request really came over TLS (below): a clinic LAN may serve plain http.
    strictTransportSecurity: false,
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onSend', async (request, reply) => {
    if (request.protocol === 'https') void reply.header('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    if (request.url.startsWith('/api/') && !request.url.startsWith('/api/docs')) void reply.header('Cache-Control', 'no-store');
  });

  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      {
        reqId: request.id,
        method: request.method,
        route: request.routeOptions.url ?? '(no route)',
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
        userId: request.actor?.userId,
      },
      'request',
    );
  });

  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'OpenIOP API',
        version: VERSION,
        description: 'Intensive Outpatient Program operations. Errors: { error: { code, message, details? }, requestId }.',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'openiop_session' } } },
    },
    transform: jsonSchemaTransform,
  });
  // The docs UI loads only same-origin scripts, so it lives under the app's own CSP.
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  registerErrorHandler(app);
  registerAccessControl(app, deps);
  registerRoutes(app, deps, createHealthCheck(deps, VERSION));
  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, () => app.swagger());

  await registerWebApp(app, options.webDir, (urlPath) => renderNotFound(deps, urlPath));
  return { app, deps };
}

/** Where the staff app's pages live; the public site owns the rest of the paths. */
export const STAFF_APP_BASE = '/app';

/** The built React app (dist/web): files by path, and index.html for the staff app's client-side routes. */
async function registerWebApp(
  app: FastifyInstance,
  webDir: string | undefined,
  publicNotFound: (urlPath: string) => Promise<string>,
): Promise<void> {
  const root = webDir ?? path.resolve('dist/web');
  const hasWeb = fs.existsSync(path.join(root, 'index.html'));
  if (hasWeb) await app.register(fastifyStatic, { root, serve: false });
  app.setNotFoundHandler(async (request, reply) => {
    const urlPath = safeDecode(request.url.split('?')[0] ?? '/');
    const isStaffApp = urlPath === STAFF_APP_BASE || urlPath.startsWith(`${STAFF_APP_BASE}/`);
    // Unknown public pages get the public site's own 404 page (decision 0016).
    if (
      (request.method === 'GET' || request.method === 'HEAD') &&
      !urlPath.startsWith('/api/') &&
      !isStaffApp &&
      !hasWebFile(root, hasWeb, urlPath)
    ) {
      return reply
        .status(404)
        .type('text/html; charset=utf-8')
        .header('Cache-Control', 'no-cache')
        .send(await publicNotFound(urlPath));
    }
    if (!hasWeb || request.method !== 'GET' || urlPath.startsWith('/api/')) {
      return reply
        .status(404)
        .send({ error: { code: 'NOT_FOUND', message: `No route ${request.method} ${urlPath}` }, requestId: request.id });
    }
    const file = path.join(root, path.normalize(urlPath));
    if (file.startsWith(root + path.sep) && fs.existsSync(file) && fs.statSync(file).isFile()) {
      const immutable = urlPath.startsWith('/assets/');
      return reply.sendFile(path.relative(root, file), { cacheControl: true, maxAge: immutable ? 31_536_000_000 : 0, immutable });
    }
    // The staff app's client-side routes live under /app (decision 0014).
    if (isStaffApp) {
      return reply.header('Cache-Control', 'no-cache').sendFile('index.html', { cacheControl: false });
    }
    return reply.status(404).type('text/plain; charset=utf-8').send(`Not found: ${urlPath}`);
  });
}

function hasWebFile(root: string, hasWeb: boolean, urlPath: string): boolean {
  if (!hasWeb) return false;
  const file = path.join(root, path.normalize(urlPath));
  return file.startsWith(root + path.sep) && fs.existsSync(file) && fs.statSync(file).isFile();
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

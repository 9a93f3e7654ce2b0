import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Health } from './health.service.js';

const HealthDto = z.object({
  status: z.enum(['ok', 'degraded', 'down']),
  database: z.enum(['ok', 'down']),
  auditChain: z.enum(['ok', 'broken', 'unknown']),
  auditProblem: z.string().optional(),
  version: z.string(),
});

export function healthRoutes(check: () => Promise<Health>): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/health',
      { config: { access: 'public' }, schema: { tags: ['health'], response: { 200: HealthDto, 503: HealthDto } } },
      async (_request, reply) => {
        const health = await check();
        return reply.status(health.database === 'ok' ? 200 : 503).send(health);
      },
    );
  };
}

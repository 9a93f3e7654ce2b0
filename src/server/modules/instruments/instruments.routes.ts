import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../context.js';
import { InstrumentListDto, InstrumentParams, ScoreBody, ScoreDto, instrumentErrors } from './instruments.schemas.js';
import { listInstruments, scoreAnswers } from './instruments.service.js';

const PUBLIC = { access: 'public', sessionless: true } as const;

export function instrumentsRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    // Registered in this plugin only (global: false), so only the scoring route is limited.
    await app.register(fastifyRateLimit, { global: false });

    app.get(
      '/instruments',
      {
        config: PUBLIC,
        schema: {
          tags: ['instruments'],
          summary: 'The enabled instruments with their items, scoring, bands, flags, LOINC codes and licences (no sign-in)',
          response: { 200: InstrumentListDto },
        },
      },
      () => ({ instruments: listInstruments(deps) }),
    );

    app.post(
      '/instruments/:code/score',
      {
        config: { ...PUBLIC, rateLimit: { max: deps.config.scoreRateLimit, timeWindow: 60 * 1000 } },
        bodyLimit: 16 * 1024,
        schema: {
          tags: ['instruments'],
          summary: 'Score one form without storing anything (no sign-in); an incomplete form gets no total or band',
          params: InstrumentParams,
          body: ScoreBody,
          response: { 200: ScoreDto, ...instrumentErrors },
        },
      },
      (request) => scoreAnswers(deps, request.params.code, request.body),
    );
  };
}

import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../context.js';
import { requestCtx } from '../../http/access.js';
import { IDEMPOTENCY_HEADER } from '../../lib/idempotency.js';
import { InquiryBody, InquiryCreatedDto, inquiryErrors } from './public-inquiries.schemas.js';
import { submitInquiry } from './public-inquiries.service.js';

/** Per client IP, per route: enough for a family sending two or three inquiries, not for a flood. */
export function inquiryRateLimit(deps: AppDeps) {
  return { max: deps.config.inquiryRateLimit, timeWindow: 10 * 60 * 1000 };
}

export const INQUIRY_BODY_LIMIT = 64 * 1024;

export function publicInquiriesRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    // Registered in this plugin only (global: false), so only routes that ask for it are limited.
    await app.register(fastifyRateLimit, { global: false });

    app.post(
      '/public/inquiries',
      {
        config: { access: 'public', sessionless: true, rateLimit: inquiryRateLimit(deps) },
        bodyLimit: INQUIRY_BODY_LIMIT,
        schema: {
          tags: ['public'],
          summary: 'Send an inquiry to the admissions team (no sign-in; Idempotency-Key recommended)',
          body: InquiryBody,
          response: { 201: InquiryCreatedDto, ...inquiryErrors },
        },
      },
      async (request, reply) => {
        const key = request.headers[IDEMPOTENCY_HEADER];
        const receipt = await submitInquiry(deps, requestCtx(request), request.body, {
          source: 'api',
          language: request.body.language ?? 'en',
          idempotencyKey: Array.isArray(key) ? key[0] : key,
        });
        return reply.status(201).send(receipt);
      },
    );
  };
}

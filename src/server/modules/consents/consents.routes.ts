import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Role } from '../../../domain/access/roles.js';
import type { AppDeps } from '../../context.js';
import { actorCtx } from '../../http/access.js';
import { expectedVersion } from '../schedules/schedules.schemas.js';
import * as consents from './consents.service.js';
import {
  ActivateBody,
  ConsentDto,
  ConsentListDto,
  ConsentParams,
  CreateConsentBody,
  PatientParams,
  RevokeBody,
  UpdateConsentBody,
  consentErrors,
} from './consents.schemas.js';

// Roles: docs/roles.md (42 CFR Part 2 consents): recorded by clinicians, directors and admissions
// (consents are often signed at intake); read by them and the psychiatrist.
export const CONSENT_WRITERS: readonly Role[] = ['clinician', 'director', 'admissions'];
export const CONSENT_READERS: readonly Role[] = ['clinician', 'psychiatrist', 'director', 'admissions'];

const read = { access: { roles: CONSENT_READERS } } as const;
const write = { access: { roles: CONSENT_WRITERS } } as const;
const tags = ['consents'];

export function consentsRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/patients/:patientId/consents',
      { config: read, schema: { tags, params: PatientParams, response: { 200: ConsentListDto, ...consentErrors } } },
      async (request) => ({ consents: await consents.listConsents(deps, actorCtx(request), request.params.patientId) }),
    );

    app.post(
      '/patients/:patientId/consents',
      { config: write, schema: { tags, params: PatientParams, body: CreateConsentBody, response: { 201: ConsentDto, ...consentErrors } } },
      async (request, reply) =>
        reply.status(201).send(await consents.createConsent(deps, actorCtx(request), request.params.patientId, request.body)),
    );

    app.patch(
      '/patients/:patientId/consents/:consentId',
      { config: write, schema: { tags, params: ConsentParams, body: UpdateConsentBody, response: { 200: ConsentDto, ...consentErrors } } },
      (request) => {
        const { version, ...fields } = request.body;
        return consents.updateConsent(
          deps,
          actorCtx(request),
          request.params.patientId,
          request.params.consentId,
          fields,
          expectedVersion(version, request.headers['if-match']),
        );
      },
    );

    app.post(
      '/patients/:patientId/consents/:consentId/activate',
      {
        config: write,
        schema: { tags, params: ConsentParams, body: ActivateBody.optional(), response: { 200: ConsentDto, ...consentErrors } },
      },
      (request) =>
        consents.activateConsent(
          deps,
          actorCtx(request),
          request.params.patientId,
          request.params.consentId,
          expectedVersion(request.body?.version, request.headers['if-match']),
        ),
    );

    app.post(
      '/patients/:patientId/consents/:consentId/revoke',
      { config: write, schema: { tags, params: ConsentParams, body: RevokeBody, response: { 200: ConsentDto, ...consentErrors } } },
      (request) => consents.revokeConsent(deps, actorCtx(request), request.params.patientId, request.params.consentId, request.body),
    );
  };
}

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../context.js';
import { actorCtx } from '../../http/access.js';
import { PATIENT_READERS } from '../patients/patients.routes.js';
import {
  AdmitBody,
  DischargeBody,
  EpisodeDto,
  EpisodeListDto,
  EpisodeParams,
  PatientEpisodesParams,
  PlanDto,
  PlanQuery,
  PutPlanBody,
  TransferBody,
  TransferResultDto,
  episodeErrors,
} from './episodes.schemas.js';
import * as episodes from './episodes.service.js';
import * as plans from './plan.service.js';

// Roles: docs/roles.md.
const read = { access: { roles: PATIENT_READERS } } as const;
const admit = { access: { roles: ['admissions', 'director'] } } as const;
const move = { access: { roles: ['director', 'clinician', 'psychiatrist', 'admissions'] } } as const;
const plan = { access: { roles: ['admissions', 'director', 'clinician'] } } as const;

export function episodesRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/patients/:patientId/episodes',
      { config: read, schema: { tags: ['episodes'], params: PatientEpisodesParams, response: { 200: EpisodeListDto, ...episodeErrors } } },
      async (request) => ({
        episodes: await episodes.listEpisodes(deps, actorCtx(request), request.params.patientId),
      }),
    );

    app.post(
      '/patients/:patientId/episodes',
      {
        config: admit,
        schema: { tags: ['episodes'], params: PatientEpisodesParams, body: AdmitBody, response: { 201: EpisodeDto, ...episodeErrors } },
      },
      async (request, reply) =>
        reply.status(201).send(await episodes.admitPatient(deps, actorCtx(request), request.params.patientId, request.body)),
    );

    app.post(
      '/episodes/:episodeId/transfer',
      {
        config: move,
        schema: { tags: ['episodes'], params: EpisodeParams, body: TransferBody, response: { 200: TransferResultDto, ...episodeErrors } },
      },
      (request) => episodes.transferEpisode(deps, actorCtx(request), request.params.episodeId, request.body),
    );

    app.post(
      '/episodes/:episodeId/discharge',
      {
        config: move,
        schema: { tags: ['episodes'], params: EpisodeParams, body: DischargeBody, response: { 200: EpisodeDto, ...episodeErrors } },
      },
      (request) => episodes.dischargeEpisode(deps, actorCtx(request), request.params.episodeId, request.body),
    );

    app.get(
      '/episodes/:episodeId/plan',
      {
        config: read,
        schema: { tags: ['episodes'], params: EpisodeParams, querystring: PlanQuery, response: { 200: PlanDto, ...episodeErrors } },
      },
      (request) => plans.getPlan(deps, actorCtx(request), request.params.episodeId, request.query.asOf),
    );

    app.put(
      '/episodes/:episodeId/plan',
      {
        config: plan,
        schema: { tags: ['episodes'], params: EpisodeParams, body: PutPlanBody, response: { 200: PlanDto, ...episodeErrors } },
      },
      (request) => plans.putPlan(deps, actorCtx(request), request.params.episodeId, request.body),
    );
  };
}

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../context.js';
import { actorCtx } from '../../http/access.js';
import { standardErrors } from '../../http/common-schemas.js';
import { PATIENT_READERS } from '../patients/patients.routes.js';
import { readCensus, readMovements } from './census.service.js';

const DateText = z.iso.date({ message: 'must be a date (YYYY-MM-DD)' });
const LevelOfCare = z.enum(['OP', 'IOP', 'PHP']);

const ProgramCensusDto = z.object({
  programId: z.string(),
  programName: z.string(),
  siteId: z.string(),
  siteName: z.string(),
  levelOfCare: LevelOfCare,
  population: z.enum(['adult', 'adolescent']),
  active: z.boolean(),
  onDate: z.string(),
  openEpisodes: z.number(),
});

const CensusDto = z.object({
  on: z.string().nullable(),
  programs: z.array(ProgramCensusDto),
  sites: z.array(z.object({ siteId: z.string(), siteName: z.string(), programs: z.number(), openEpisodes: z.number() })),
  totalOpenEpisodes: z.number(),
});

const MovementDto = z.object({
  eventId: z.string(),
  movement: z.enum(['admission', 'discharge', 'transfer_in', 'transfer_out', 'level_change']),
  kind: z.string(),
  effectiveOn: z.string(),
  episodeId: z.string(),
  patientId: z.string(),
  legalFirstName: z.string(),
  legalLastName: z.string(),
  preferredName: z.string().nullable(),
  programId: z.string(),
  programName: z.string(),
  siteId: z.string(),
  fromProgramId: z.string().nullable(),
  toProgramId: z.string().nullable(),
  fromLevel: z.string().nullable(),
  toLevel: z.string().nullable(),
  disposition: z.string().nullable(),
});

const MovementsDto = z.object({
  from: z.string(),
  to: z.string(),
  movements: z.array(MovementDto),
  counts: z.object({ admissions: z.number(), discharges: z.number(), transfers: z.number() }),
  truncated: z.boolean(),
});

// Counts name no patient, so the administrator (who runs the configuration) may see them too;
// the movements list names patients and is for patient readers only.
const countsAccess = { access: { roles: [...PATIENT_READERS, 'admin'] } } as const;
const movementsAccess = { access: { roles: PATIENT_READERS } } as const;

export function censusRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/census',
      {
        config: countsAccess,
        schema: {
          tags: ['episodes'],
          querystring: z.strictObject({ on: DateText.optional() }),
          response: { 200: CensusDto, ...standardErrors },
        },
      },
      (request) => readCensus(deps, actorCtx(request), request.query.on),
    );

    app.get(
      '/census/movements',
      {
        config: movementsAccess,
        schema: {
          tags: ['episodes'],
          querystring: z.strictObject({ from: DateText.optional(), to: DateText.optional() }),
          response: { 200: MovementsDto, ...standardErrors },
        },
      },
      (request) => readMovements(deps, actorCtx(request), request.query),
    );
  };
}

import { z } from 'zod';
import { Uuid } from '../../http/common-schemas.js';

export const PatientParams = z.strictObject({ patientId: Uuid });

const DateText = z.iso.date({ message: 'must be a date (YYYY-MM-DD)' });
export const OutcomesQuery = z.strictObject({
  programId: Uuid,
  from: DateText.optional(),
  to: DateText.optional(),
  instrument: z.string().min(1).max(32).optional(),
});

const Band = z.object({ min: z.number(), max: z.number(), name: z.string() });
const Reliable = z.enum(['improvement', 'deterioration', 'none']).nullable();

export const PatientTrendsDto = z.object({
  patientId: z.string(),
  instruments: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      range: z.object({ min: z.number(), max: z.number() }),
      bands: z.array(Band),
      remissionBelow: z.number().nullable(),
      reliability: z.object({ sd: z.number(), reliability: z.number(), verified: z.boolean(), sources: z.array(z.string()) }).nullable(),
      baselines: z.array(z.object({ episodeId: z.string().nullable(), administeredAt: z.string(), total: z.number() })),
      points: z.array(
        z.object({
          id: z.string(),
          episodeId: z.string().nullable(),
          administeredAt: z.string(),
          total: z.number(),
          band: z.string().nullable(),
          isBaseline: z.boolean(),
          baselineTotal: z.number(),
          change: z.number(),
          response: z.boolean(),
          remission: z.boolean().nullable(),
          reliable: Reliable,
        }),
      ),
      incomplete: z.array(z.object({ id: z.string(), administeredAt: z.string() })),
    }),
  ),
  levelOfCare: z.array(
    z.object({
      kind: z.enum([
        'admitted',
        'transferred_in',
        'transferred_out',
        'stepped_up',
        'stepped_down',
        'level_changed',
        'discharged',
        'assessment',
      ]),
      date: z.string(),
      fromLevel: z.string().nullable(),
      toLevel: z.string().nullable(),
    }),
  ),
});

const Rate = z.object({ numerator: z.number(), denominator: z.number(), percent: z.number().nullable() });

export const OutcomesDto = z.object({
  program: z.object({ id: z.string(), name: z.string() }),
  instrument: z.object({ code: z.string(), name: z.string() }),
  from: z.string(),
  to: z.string(),
  timeZone: z.string(),
  episodes: z.number(),
  withBaseline: z.number(),
  withFollowUp: z.number(),
  followUp: Rate,
  meanChange: z.object({ sum: z.number(), count: z.number(), mean: z.number().nullable() }),
  response: Rate,
  remission: Rate.nullable(),
  reliableImprovement: Rate.nullable(),
  reliableDeterioration: Rate.nullable(),
  reliabilityVerified: z.boolean().nullable(),
  reliabilitySources: z.array(z.string()),
});

import { z } from 'zod';
import { LOC_LEVELS } from '../../../domain/level-of-care/pack.js';
import { ErrorBody, Uuid, standardErrors } from '../../http/common-schemas.js';

export const LocLevel = z.enum(LOC_LEVELS);

const Anchor = z.object({ rating: z.number(), label: z.string(), description: z.string(), level: LocLevel });
const Dimension = z.object({ id: z.string(), title: z.string(), description: z.string(), anchors: z.array(Anchor).readonly() });
const Rule = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('at_least'),
    code: z.string(),
    when: z.array(z.object({ dimensionId: z.string(), atLeast: z.number() })).readonly(),
    level: LocLevel,
    text: z.string(),
  }),
  z.object({ kind: z.literal('all_at_most'), code: z.string(), atMost: z.number(), level: LocLevel, text: z.string() }),
]);

/** The whole pack, rules included: the staff app runs the same engine on it for the live recommendation. */
export const PackDto = z.object({
  id: z.string(),
  version: z.number(),
  name: z.string(),
  description: z.string(),
  dimensions: z.array(Dimension).readonly(),
  rules: z.array(Rule).readonly(),
});

const Text = (max: number) => z.string().trim().min(1, 'is required').max(max, `use at most ${max} characters`);

export const AssessBody = z.strictObject({
  ratings: z
    .array(
      z.strictObject({
        dimensionId: z.string().max(64),
        // Range is the pack's business: the engine names `ratings[i].rating` when it is outside the anchors.
        rating: z.number(),
        note: z.string().trim().max(2000, 'use at most 2000 characters').optional(),
      }),
    )
    .max(50),
  finalLevel: LocLevel,
  /** The pack the ratings were made against; when given and no longer current, the save is refused (409). */
  pack: z.strictObject({ id: z.string().max(64), version: z.number().int() }).optional(),
  overrideReason: Text(2000).optional(),
  note: z.string().trim().max(4000, 'use at most 4000 characters').optional(),
});

export const LocReasonDto = z.object({ code: z.string(), dimensionId: z.string().nullable(), text: z.string() });

/** The stateless helper: ratings in, the current pack's recommendation out; nothing is stored. */
export const RecommendBody = AssessBody.pick({ ratings: true, pack: true });

export const RecommendationDto = z.object({
  pack: z.object({ id: z.string(), version: z.number() }),
  level: LocLevel,
  perDimension: z.array(z.object({ dimensionId: z.string(), rating: z.number(), level: LocLevel })),
  drivers: z.array(z.string()),
  reasons: z.array(LocReasonDto),
});

export const AssessmentDto = z.object({
  id: z.string(),
  inquiryId: z.string().nullable(),
  patientId: z.string().nullable(),
  episodeId: z.string().nullable(),
  pack: z.object({ id: z.string(), version: z.number(), name: z.string().nullable() }),
  ratings: z.array(
    z.object({
      dimensionId: z.string(),
      title: z.string(),
      rating: z.number(),
      label: z.string(),
      level: LocLevel.nullable(),
      note: z.string().nullable(),
    }),
  ),
  recommendedLevel: LocLevel,
  reasons: z.array(LocReasonDto),
  finalLevel: LocLevel,
  overridden: z.boolean(),
  overrideReason: z.string().nullable(),
  note: z.string().nullable(),
  assessedBy: z.object({ id: z.string(), name: z.string() }),
  assessedAt: z.string(),
});

export const AssessmentListDto = z.object({ assessments: z.array(AssessmentDto) });

export const InquiryParams = z.strictObject({ inquiryId: Uuid });
export const PatientParams = z.strictObject({ patientId: Uuid });
export const AssessmentParams = z.strictObject({ assessmentId: Uuid });

export const locErrors = { ...standardErrors, 409: ErrorBody, 422: ErrorBody } as const;

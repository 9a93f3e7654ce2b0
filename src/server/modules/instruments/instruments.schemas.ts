import { z } from 'zod';
import { ErrorBody } from '../../http/common-schemas.js';

/** Instrument data is readonly; the schema says so. */
const list = <T extends z.ZodType>(item: T) => z.array(item).readonly();
const TextDto = z.object({ en: z.string(), es: z.string().optional() });
const ConditionDto = z.object({ anyOf: list(z.string()), atLeast: z.number() });
const StatisticDto = z.object({ value: z.number(), source: z.string(), verified: z.boolean() });

export const InstrumentDto = z.object({
  code: z.string().meta({ description: 'e.g. phq-9; case and hyphens are ignored in URLs' }),
  name: z.string(),
  title: TextDto,
  measures: z.string(),
  instructions: TextDto,
  items: list(
    z.object({
      id: z.string().meta({ description: "'1'..'n' in the instrument's own order" }),
      text: TextDto,
      kind: z.enum(['choice', 'text']),
      options: list(z.object({ value: z.number(), label: TextDto })),
      scored: z.boolean(),
      reverse: z.boolean().optional(),
      optional: z.boolean().optional(),
      requiredWhen: ConditionDto.optional(),
    }),
  ),
  range: z.object({ min: z.number(), max: z.number() }),
  languages: list(z.enum(['en', 'es'])),
  languageNote: z.string(),
  bands: list(z.object({ min: z.number(), max: z.number(), name: z.string() })),
  bandOverrides: list(z.object({ when: ConditionDto, band: z.string() })),
  screen: z
    .object({
      cutOff: z.object({ default: z.number(), female: z.number().optional(), male: z.number().optional() }),
      unknownSexNote: z.string().optional(),
      flag: z.string(),
      positiveBand: z.string(),
      negativeBand: z.string(),
    })
    .nullable(),
  clusters: z
    .object({
      endorsedAt: z.number(),
      clusters: list(z.object({ code: z.string(), name: z.string(), items: list(z.string()), atLeast: z.number() })),
      flag: z.string(),
    })
    .nullable(),
  itemFlags: list(z.object({ when: ConditionDto, flag: z.string(), meaning: z.string() })),
  totalFlags: list(z.object({ atLeast: z.number(), flag: z.string(), meaning: z.string() })),
  loinc: z.object({ panel: z.string().nullable(), total: z.string().nullable() }),
  licence: z.string(),
  sources: list(z.string()),
  enabledByDefault: z.boolean(),
  notice: z.string().nullable(),
  change: z.object({ remissionBelow: z.number().nullable(), sd: StatisticDto.nullable(), reliability: StatisticDto.nullable() }),
});

export const InstrumentListDto = z.object({ instruments: z.array(InstrumentDto) });

export const InstrumentParams = z.strictObject({ code: z.string().max(40) });

export const ScoreBody = z.strictObject({
  answers: z
    .record(z.string().max(10), z.union([z.number(), z.string().max(2000), z.null()]))
    .meta({ description: 'item id → the item score (yes/no items: 1 yes, 0 no); null or absent = not answered' }),
  sex: z
    .enum(['female', 'male'])
    .optional()
    .meta({ description: 'for sex-specific cut-offs (AUDIT-C); without it the lower cut-off is used' }),
  cutOff: z.number().int().min(0).max(1000).optional().meta({ description: 'replaces the screening cut-off (e.g. PCL-5, 33 by default)' }),
});

export const ScoreDto = z.object({
  instrument: z.string(),
  complete: z.boolean(),
  total: z.number().nullable(),
  band: z.string().nullable(),
  flags: z.array(z.string()),
  missingItems: z.array(z.string()),
  answered: z.number(),
  screen: z.object({ cutOff: z.number(), positive: z.boolean() }).nullable(),
  clusters: z
    .object({
      endorsedAt: z.number(),
      results: z.array(z.object({ code: z.string(), name: z.string(), endorsed: z.number(), required: z.number(), met: z.boolean() })),
      allMet: z.boolean(),
    })
    .nullable(),
  notes: z.array(z.string()),
  crisisResources: z.array(z.string()).meta({ description: 'present (non-empty) whenever a suicide-risk flag is raised' }),
});

export const instrumentErrors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 413: ErrorBody, 429: ErrorBody } as const;

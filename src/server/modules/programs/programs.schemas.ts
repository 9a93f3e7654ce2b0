import { z } from 'zod';
import { CODE_FAMILY_HINT, parseCodeFamily } from '../../../domain/programs/conditions.js';
import { LEVELS_OF_CARE, POPULATIONS } from '../../../domain/programs/intensity-defaults.js';
import { MODALITIES } from '../../../domain/programs/modalities.js';
import { ErrorBody, Uuid, standardErrors } from '../../http/common-schemas.js';

export const FOCUSES = ['mental_health', 'substance_use', 'dual_diagnosis'] as const;
export const FORMATS = ['in_person', 'virtual', 'hybrid'] as const;

const LevelOfCare = z.enum(LEVELS_OF_CARE);
const Population = z.enum(POPULATIONS);
const Focus = z.enum(FOCUSES);
const Format = z.enum(FORMATS);
const Modality = z.enum(MODALITIES);

export const ProgramDto = z.object({
  id: z.string(),
  siteId: z.string(),
  timeZone: z.string(),
  name: z.string(),
  description: z.string(),
  levelOfCare: LevelOfCare,
  population: Population,
  focus: Focus,
  format: Format,
  weeklyFloorMinutes: z.number().int(),
  weeklyCeilingMinutes: z.number().int().nullable(),
  minDaysPerWeek: z.number().int(),
  minBillableDaysPerWeek: z.number().int(),
  minBillableDayMinutes: z.number().int(),
  groupCapacity: z.number().int(),
  conditions: z.array(z.string()),
  modalities: z.array(Modality),
  isPart2: z.boolean(),
  published: z.boolean(),
  publicSummaryEn: z.string(),
  publicSummaryEs: z.string(),
  active: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const Name = z.string().trim().min(1, 'is required').max(200);
const Description = z.string().trim().max(5000);
/** What the public site shows about the program, per language (decision 0016). */
const PublicSummary = z.string().trim().max(1000, 'use at most 1000 characters');
// Whole minutes; ranges and the rules between fields are checked by validateIntensityRules.
const Minutes = z.number().int('must be a whole number of minutes');
const Count = z.number().int('must be a whole number');
const GroupCapacity = z.number().int('must be a whole number').min(1, 'must be at least 1').max(200, 'must be at most 200');
const CodeFamily = z
  .string()
  .max(20)
  .transform((value, ctx) => {
    const family = parseCodeFamily(value);
    if (family === null) {
      ctx.addIssue({ code: 'custom', message: CODE_FAMILY_HINT, input: value });
      return z.NEVER;
    }
    return family;
  });
const Conditions = z.array(CodeFamily).max(100);
const Modalities = z.array(Modality).max(MODALITIES.length * 2);

const intensityFields = {
  weeklyFloorMinutes: Minutes.optional(),
  weeklyCeilingMinutes: Minutes.nullable().optional(),
  minDaysPerWeek: Count.optional(),
  minBillableDaysPerWeek: Count.optional(),
  minBillableDayMinutes: Minutes.optional(),
};

export const CreateProgramBody = z.strictObject({
  siteId: Uuid,
  name: Name,
  description: Description.default(''),
  levelOfCare: LevelOfCare,
  population: Population,
  focus: Focus,
  format: Format,
  ...intensityFields,
  groupCapacity: GroupCapacity,
  conditions: Conditions.default([]),
  modalities: Modalities.default([]),
  isPart2: z.boolean().default(false),
  published: z.boolean().default(false),
  publicSummaryEn: PublicSummary.default(''),
  publicSummaryEs: PublicSummary.default(''),
});

export const UpdateProgramBody = z.strictObject({
  version: z.number().int().min(1),
  name: Name.optional(),
  description: Description.optional(),
  levelOfCare: LevelOfCare.optional(),
  population: Population.optional(),
  focus: Focus.optional(),
  format: Format.optional(),
  ...intensityFields,
  groupCapacity: GroupCapacity.optional(),
  conditions: Conditions.optional(),
  modalities: Modalities.optional(),
  isPart2: z.boolean().optional(),
  published: z.boolean().optional(),
  publicSummaryEn: PublicSummary.optional(),
  publicSummaryEs: PublicSummary.optional(),
});

const Flag = z.enum(['true', 'false']).transform((value) => value === 'true');

export const ProgramsQuery = z.strictObject({
  siteId: Uuid.optional(),
  levelOfCare: LevelOfCare.optional(),
  published: Flag.optional(),
  active: Flag.optional(),
});

export const ProgramParams = z.strictObject({ programId: Uuid });

export type CreateProgramInput = z.output<typeof CreateProgramBody>;
export type UpdateProgramInput = z.output<typeof UpdateProgramBody>;

export const programErrors = { ...standardErrors, 412: ErrorBody, 422: ErrorBody } as const;

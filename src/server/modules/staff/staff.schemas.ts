import { z } from 'zod';
import { MODALITIES } from '../../../domain/programs/modalities.js';
import { parseUsStateCode } from '../../../domain/us-states.js';
import { RoleSchema, Uuid, standardErrors } from '../../http/common-schemas.js';

const Modality = z.enum(MODALITIES);

const Window = z.object({ weekday: z.number().int(), start: z.string(), end: z.string() });

export const StaffDto = z.object({
  userId: z.string(),
  displayName: z.string(),
  email: z.string(),
  status: z.enum(['invited', 'active', 'deactivated']),
  roles: z.array(RoleSchema),
  siteIds: z.array(z.string()),
  licenceType: z.string(),
  licensedStates: z.array(z.string()),
  modalities: z.array(Modality),
  weeklyAvailability: z.array(Window),
  cosignSupervisorId: z.string().nullable(),
  counselingNotesAccess: z.boolean(),
  profileUpdatedAt: z.string().nullable(),
});

const StateCode = z
  .string()
  .max(10)
  .transform((value, ctx) => {
    const code = parseUsStateCode(value);
    if (code === null) {
      ctx.addIssue({ code: 'custom', message: 'must be a two-letter US state code such as NY', input: value });
      return z.NEVER;
    }
    return code;
  });

// Times and overlaps are checked by validateAvailability, which names the window and field.
const WindowInput = z.strictObject({ weekday: z.number().int('must be a whole number'), start: z.string().max(5), end: z.string().max(5) });

export const PutProfileBody = z.strictObject({
  licenceType: z.string().trim().max(100),
  licensedStates: z.array(StateCode).max(60),
  modalities: z.array(Modality).max(MODALITIES.length * 2),
  weeklyAvailability: z.array(WindowInput).max(50),
  siteIds: z.array(Uuid).max(100),
  // Notes (decision 0027). Left out: unchanged, so callers that predate them keep working.
  cosignSupervisorId: Uuid.nullable().optional(),
  counselingNotesAccess: z.boolean().optional(),
});

const Flag = z.enum(['true', 'false']).transform((value) => value === 'true');

export const StaffQuery = z.strictObject({
  role: RoleSchema.optional(),
  siteId: Uuid.optional(),
  modality: Modality.optional(),
  includeDeactivated: Flag.optional(),
});

export const StaffParams = z.strictObject({ userId: Uuid });

export const staffErrors = standardErrors;

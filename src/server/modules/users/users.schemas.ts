import { z } from 'zod';
import { Email, ErrorBody, RoleSchema, Uuid, standardErrors } from '../../http/common-schemas.js';

export const UserDto = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  roles: z.array(RoleSchema),
  siteIds: z.array(z.string()),
  status: z.enum(['invited', 'active', 'deactivated']),
  mfaEnrolled: z.boolean(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
});

const DisplayName = z.string().trim().min(1, 'is required').max(200);
const Roles = z.array(RoleSchema).min(1, 'choose at least one role').max(8);
const SiteIds = z.array(Uuid).max(100);

export const CreateUserBody = z.strictObject({ email: Email, displayName: DisplayName, roles: Roles, siteIds: SiteIds });
export const UpdateUserBody = z.strictObject({ displayName: DisplayName.optional(), roles: Roles.optional(), siteIds: SiteIds.optional() });
export const UserParams = z.strictObject({ userId: Uuid });
export const UserWithInvite = z.object({ user: UserDto, inviteUrl: z.string() });

export const userErrors = { ...standardErrors, 409: ErrorBody, 422: ErrorBody } as const;

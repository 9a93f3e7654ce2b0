import { z } from 'zod';
import { ROLES } from '../../domain/access/roles.js';

export const RoleSchema = z.enum(ROLES);
export const Uuid = z.uuid();
export const Email = z.email({ message: 'must be an email address' }).max(254);

export const ErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
  requestId: z.string(),
});

/** The error responses every signed-in route can give; listed so OpenAPI shows them. */
export const standardErrors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 429: ErrorBody } as const;

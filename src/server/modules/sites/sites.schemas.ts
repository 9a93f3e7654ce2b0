import { z } from 'zod';
import { ErrorBody, Uuid, standardErrors } from '../../http/common-schemas.js';

export const SiteDto = z.object({ id: z.string(), name: z.string(), address: z.string(), timeZone: z.string() });
export const RoomDto = z.object({ id: z.string(), siteId: z.string(), name: z.string(), capacity: z.number().int(), active: z.boolean() });

const Name = z.string().trim().min(1, 'is required').max(200);
const Address = z.string().trim().max(500);
// Checked against the IANA database in the service (assertTimeZone), which names the field.
const TimeZone = z.string().trim().min(1, 'is required').max(100);
const Capacity = z.number().int('must be a whole number').min(1, 'must be at least 1').max(1000, 'must be at most 1000');

export const CreateSiteBody = z.strictObject({ name: Name, address: Address.default(''), timeZone: TimeZone });
export const UpdateSiteBody = z.strictObject({ name: Name.optional(), address: Address.optional(), timeZone: TimeZone.optional() });
export const SiteParams = z.strictObject({ siteId: Uuid });

export const CreateRoomBody = z.strictObject({ name: Name, capacity: Capacity });
export const UpdateRoomBody = z.strictObject({ name: Name.optional(), capacity: Capacity.optional() });
export const RoomParams = z.strictObject({ roomId: Uuid });
export const RoomsQuery = z.strictObject({
  includeInactive: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
});

export const siteErrors = { ...standardErrors, 409: ErrorBody, 422: ErrorBody } as const;

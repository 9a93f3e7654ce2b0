import { z } from 'zod';
import { REASSIGN_REASON_MAX } from '../../../domain/notes/cosigner-reassignment.js';
import { Uuid } from '../../http/common-schemas.js';

export const ReassignCosignerBody = z.strictObject({
  cosignerId: Uuid,
  reason: z
    .string()
    .trim()
    .min(1, 'is required: say why the co-signer changes')
    .max(REASSIGN_REASON_MAX, `use at most ${REASSIGN_REASON_MAX} characters`),
});

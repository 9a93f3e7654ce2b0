import { fieldError } from '../../../domain/errors.js';
import { isModality, modalityLabel } from '../../../domain/programs/modalities.js';
import type { Db } from '../../db/database.js';
import { findStaff, type StaffRecord } from './lookups.repository.js';

// Who may lead a group and who may see a patient. Staff profiles are read directly here; the
// programs area owns their API (issue #3 brief).

const CLINICAL_ROLES = ['clinician', 'psychiatrist', 'director'];

function describeModality(modality: string): string {
  return isModality(modality) ? modalityLabel(modality) : modality;
}

/** A facilitator is an active (or invited) user of the organization whose staff profile lists the modality. */
export function facilitatorProblem(staff: StaffRecord | undefined, modality: string): string | null {
  if (!staff) return 'is not a user of this organization';
  if (staff.status === 'deactivated') return `${staff.displayName} is deactivated`;
  if (staff.modalities === null) return `${staff.displayName} has no staff profile, so no modality they may lead`;
  if (!staff.modalities.includes(modality))
    return `${staff.displayName} is not qualified to lead ${describeModality(modality)} (not in their staff profile)`;
  return null;
}

export async function checkFacilitators(
  db: Db,
  organizationId: string,
  userIds: readonly string[],
  modality: string,
  path = 'facilitatorIds',
): Promise<Map<string, StaffRecord>> {
  const staff = await findStaff(db, organizationId, userIds);
  userIds.forEach((userId, index) => {
    if (userIds.indexOf(userId) !== index) throw fieldError(`${path}[${index}]`, 'is listed twice');
    const problem = facilitatorProblem(staff.get(userId), modality);
    if (problem !== null) throw fieldError(`${path}[${index}]`, problem);
  });
  return staff;
}

/** The clinician of an individual appointment: an active user holding a clinical role. */
export async function checkClinician(db: Db, organizationId: string, userId: string, path = 'clinicianId'): Promise<StaffRecord> {
  const staff = (await findStaff(db, organizationId, [userId])).get(userId);
  if (!staff) throw fieldError(path, 'is not a user of this organization');
  if (staff.status === 'deactivated') throw fieldError(path, `${staff.displayName} is deactivated`);
  if (!staff.roles.some((role) => CLINICAL_ROLES.includes(role)))
    throw fieldError(path, `${staff.displayName} does not hold a clinical role (clinician, psychiatrist or director)`);
  return staff;
}

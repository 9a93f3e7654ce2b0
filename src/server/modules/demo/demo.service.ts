import { ROLES, type Role } from '../../../domain/access/roles.js';
import type { AppDeps } from '../../context.js';
import { hashPassword } from '../auth/password-hash.js';
import { insertUser, replaceRoles, replaceSites } from '../users/users.repository.js';
import { insertOrganization, insertSite } from '../sites/sites.repository.js';
import { seedDemoClinic } from './demo-clinic.js';
import { seedDemoAssessments } from './demo-level-of-care.js';
import { seedDemoInquiries } from './demo-inquiries.js';
import { seedDemoMeasures } from './demo-measures.js';
import { seedDemoNotes } from './demo-notes.js';
import { seedDemoLanguages } from './demo-languages.js';
import { seedDemoSafety } from './demo-safety.js';
import { seedDemoTreatmentPlans } from './demo-treatment-plans.js';
import { seedDemoGroupNotes } from './demo-group-notes.js';
import { seedDemoGroupNoteCosign } from './demo-group-note-cosign.js';
import { seedDemoConsents } from './demo-consents.js';

// Synthetic demo data only: no real people, places or records.
export const DEMO_ORGANIZATION_NAME = 'Harborview Recovery (demo)';
export const DEMO_PASSWORD = 'demo-password-1';
export const DEMO_EMAIL_DOMAIN = 'demo.openiop.org';

const DEMO_SITES = [
  { name: 'Harborview Portland (demo)', timeZone: 'America/Los_Angeles' },
  { name: 'Harborview Providence (demo)', timeZone: 'America/New_York' },
] as const;

// What the public site shows for the demo center: a 555-01xx number and an invented address.
const DEMO_PUBLIC_SETTINGS = {
  public_phone: '(503) 555-0123',
  public_email: 'admissions@harborview-demo.example.org',
  public_address: '1200 Example Harbor Way, Suite 300\nPortland, OR 97201',
  accreditations: ['Example Behavioral Health Accreditation (demo)', 'State-licensed outpatient program (demo)'],
  inquiry_response_target_minutes: 60,
};

const DEMO_NAMES: Record<Role, string> = {
  admin: 'Avery Admin',
  director: 'Dana Director',
  clinician: 'Casey Clinician',
  psychiatrist: 'Parker Psychiatrist',
  admissions: 'Morgan Admissions',
  billing: 'Blake Billing',
  front_desk: 'Frankie Front Desk',
  auditor: 'Aubrey Auditor',
};

export function demoEmail(role: Role): string {
  return `${role.replace('_', '-')}@${DEMO_EMAIL_DOMAIN}`;
}

/** Creates the demo organization with one user per role. Runs once, on an empty database. */
export async function seedDemo(deps: AppDeps): Promise<void> {
  const now = deps.clock();
  const passwordHash = await hashPassword(DEMO_PASSWORD, deps.config.passwordCost);
  await deps.db.transaction().execute(async (trx) => {
    const organizationId = await insertOrganization(trx, { name: DEMO_ORGANIZATION_NAME, isDemo: true });
    await trx.updateTable('organizations').set(DEMO_PUBLIC_SETTINGS).where('id', '=', organizationId).execute();
    const sites: { id: string; timeZone: string }[] = [];
    for (const site of DEMO_SITES) sites.push({ id: await insertSite(trx, { organizationId, ...site }), timeZone: site.timeZone });
    const siteIds = sites.map((site) => site.id);
    const staff: Record<string, string> = {};
    for (const role of ROLES) {
      const userId = await insertUser(trx, {
        organizationId,
        email: demoEmail(role),
        displayName: DEMO_NAMES[role],
        status: 'active',
        passwordHash,
        now,
      });
      await replaceRoles(trx, organizationId, userId, [role]);
      await replaceSites(trx, organizationId, userId, siteIds);
      staff[role] = userId;
    }
    await seedDemoClinic(trx, { organizationId, sites, staff, now, passwordCost: deps.config.passwordCost, demoPassword: DEMO_PASSWORD });
    if (staff.clinician) await seedDemoAssessments(trx, { organizationId, clinicianId: staff.clinician });
    await seedDemoInquiries(trx, { organizationId, staff, now });
    if (staff.clinician) await seedDemoSafety(deps, trx, { organizationId, clinicianId: staff.clinician, now });
    if (staff.clinician) await seedDemoMeasures(deps, trx, { organizationId, clinicianId: staff.clinician, now });
    if (staff.clinician && staff.psychiatrist)
      await seedDemoTreatmentPlans(trx, {
        organizationId,
        staff: { clinicianId: staff.clinician, psychiatristId: staff.psychiatrist },
        now,
      });
    if (staff.clinician) await seedDemoNotes(trx, { organizationId, clinicianId: staff.clinician, now });
    if (staff.clinician) await seedDemoGroupNotes(deps, trx, { organizationId, clinicianId: staff.clinician, now });
    await seedDemoGroupNoteCosign(deps, trx, { organizationId, now });
    if (staff.clinician && staff.director)
      await seedDemoConsents(deps, trx, { organizationId, clinicianId: staff.clinician, directorId: staff.director, now });
    await seedDemoLanguages(trx, { organizationId });
    await deps.audit(trx, { organizationId, userId: null, action: 'demo.seeded', outcome: 'success', clientIp: null, requestId: null });
  });
}

export async function demoLoginInfo(
  deps: AppDeps,
): Promise<{ demo: boolean; demoPassword: string | null; demoAccounts: { email: string; role: Role }[] }> {
  if (!deps.config.demo) return { demo: false, demoPassword: null, demoAccounts: [] };
  const demoOrg = await deps.db
    .selectFrom('organizations')
    .select('id')
    .where('is_demo', '=', true)
    .where('name', '=', DEMO_ORGANIZATION_NAME)
    .executeTakeFirst();
  if (!demoOrg) return { demo: false, demoPassword: null, demoAccounts: [] };
  return { demo: true, demoPassword: DEMO_PASSWORD, demoAccounts: ROLES.map((role) => ({ email: demoEmail(role), role })) };
}

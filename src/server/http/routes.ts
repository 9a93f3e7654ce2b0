import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../context.js';
import { admissionsRoutes } from '../modules/admissions/admissions.routes.js';
import { inquiriesRoutes } from '../modules/admissions/inquiries.routes.js';
import { attendanceRoutes } from '../modules/attendance/attendance.routes.js';
import { auditTrailRoutes } from '../modules/audit-trail/audit-trail.routes.js';
import { authRoutes } from '../modules/auth/auth.routes.js';
import { closuresRoutes } from '../modules/closures/closures.routes.js';
import { dashboardRoutes } from '../modules/dashboard/dashboard.routes.js';
import { healthRoutes } from '../modules/health/health.routes.js';
import type { Health } from '../modules/health/health.service.js';
import { instrumentsRoutes } from '../modules/instruments/instruments.routes.js';
import { intensityRoutes } from '../modules/intensity/intensity.routes.js';
import { levelOfCareRoutes } from '../modules/level-of-care/level-of-care.routes.js';
import { onboardingRoutes } from '../modules/onboarding/onboarding.routes.js';
import { programsRoutes } from '../modules/programs/programs.routes.js';
import { roomsRoutes } from '../modules/sites/rooms.routes.js';
import { censusRoutes } from '../modules/episodes/census.routes.js';
import { episodesRoutes } from '../modules/episodes/episodes.routes.js';
import { patientsRoutes } from '../modules/patients/patients.routes.js';
import { calendarRoutes } from '../modules/calendar/calendar.routes.js';
import { schedulesRoutes } from '../modules/schedules/schedules.routes.js';
import { sitesRoutes } from '../modules/sites/sites.routes.js';
import { staffRoutes } from '../modules/staff/staff.routes.js';
import { usersRoutes } from '../modules/users/users.routes.js';
import { organizationSettingsRoutes } from '../modules/organization-settings/organization-settings.routes.js';
import { publicInquiriesRoutes } from '../modules/public-inquiries/public-inquiries.routes.js';
import { publicFormsRoutes } from '../modules/public-site/public-forms.routes.js';
import { publicPagesRoutes } from '../modules/public-site/public-pages.routes.js';
import { safetyPlanRoutes } from '../modules/safety/safety-plan.routes.js';
import { safetyPlanLinksRoutes } from '../modules/safety/safety-plan-links.routes.js';
import { safetyAlertsRoutes } from '../modules/safety/safety.routes.js';
import { measureLinksRoutes } from '../modules/measures/measure-links.routes.js';
import { measuresRoutes } from '../modules/measures/measures.routes.js';
import { outcomesRoutes } from '../modules/outcomes/outcomes.routes.js';
import { treatmentPlansRoutes } from '../modules/treatment-plans/treatment-plans.routes.js';
import { treatmentPlanHistoryRoutes } from '../modules/treatment-plans/treatment-plan-history.routes.js';
import { treatmentPlanLinksRoutes } from '../modules/treatment-plans/treatment-plan-links.routes.js';
import { notesRoutes } from '../modules/notes/notes.routes.js';
import { notesReportsRoutes } from '../modules/notes/notes-reports.routes.js';
import { groupNotesRoutes } from '../modules/group-notes/group-notes.routes.js';
import { cosignerReassignRoutes } from '../modules/notes/cosigner-reassign.routes.js';
import { consentsRoutes } from '../modules/consents/consents.routes.js';
import { disclosuresRoutes } from '../modules/disclosures/disclosures.routes.js';
import { recordSharesRoutes } from '../modules/disclosures/record-shares.routes.js';
import { recordsPrintRoutes } from '../modules/records-print/records-print.routes.js';

/** Every route of the app, in one visible list. Each module declares access per route. */
export function registerRoutes(app: FastifyInstance, deps: AppDeps, health: () => Promise<Health>): void {
  void app.register(healthRoutes(health));
  const v1 = { prefix: '/api/v1' };
  void app.register(authRoutes(deps), v1);
  void app.register(onboardingRoutes(deps), v1);
  void app.register(sitesRoutes(deps), v1);
  void app.register(roomsRoutes(deps), v1);
  void app.register(programsRoutes(deps), v1);
  void app.register(staffRoutes(deps), v1);
  void app.register(closuresRoutes(deps), v1);
  void app.register(usersRoutes(deps), v1);
  void app.register(auditTrailRoutes(deps), v1);
  void app.register(patientsRoutes(deps), v1);
  void app.register(episodesRoutes(deps), v1);
  void app.register(censusRoutes(deps), v1);
  void app.register(schedulesRoutes(deps), v1);
  void app.register(calendarRoutes(deps), v1);
  void app.register(attendanceRoutes(deps), v1);
  void app.register(intensityRoutes(deps), v1);
  void app.register(dashboardRoutes(deps), v1);
  void app.register(levelOfCareRoutes(deps), v1);
  void app.register(organizationSettingsRoutes(deps), v1);
  void app.register(publicInquiriesRoutes(deps), v1);
  void app.register(instrumentsRoutes(deps), v1);
  // The public site (server-rendered HTML, decision 0016): /, /programs, ... and /es/...
  void app.register(publicPagesRoutes(deps));
  void app.register(publicFormsRoutes(deps));
  void app.register(inquiriesRoutes(deps), v1);
  void app.register(admissionsRoutes(deps), v1);
  void app.register(safetyAlertsRoutes(deps), v1);
  void app.register(safetyPlanRoutes(deps), v1);
  void app.register(measuresRoutes(deps), v1);
  void app.register(outcomesRoutes(deps), v1);
  void app.register(notesReportsRoutes(deps), v1);
  void app.register(notesRoutes(deps), v1);
  void app.register(groupNotesRoutes(deps), v1);
  // A director names another co-signer for a pending co-signature (decision 0034).
  void app.register(cosignerReassignRoutes(deps), v1);
  // 42 CFR Part 2 consents, the disclosure decision and log, and internal prints (decision 0029).
  void app.register(consentsRoutes(deps), v1);
  void app.register(disclosuresRoutes(deps), v1);
  // Data exports and API shares go through the same decision (decision 0030).
  void app.register(recordSharesRoutes(deps), v1);
  void app.register(recordsPrintRoutes(deps), v1);
  // The patient's questionnaire behind a measure link or kiosk session (decision 0022).
  void app.register(measureLinksRoutes(deps));
  // The patient's safety plan behind a plan link, and the staff routes that share it (decision 0024).
  void app.register(safetyPlanLinksRoutes(deps));
  // Treatment plans (decision 0026); the patient signs a plan version behind /sign-plan/:token.
  void app.register(treatmentPlansRoutes(deps), v1);
  void app.register(treatmentPlanHistoryRoutes(deps), v1);
  void app.register(treatmentPlanLinksRoutes(deps));
}

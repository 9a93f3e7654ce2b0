import { createBrowserRouter, Outlet } from 'react-router';
import { NotFound } from '../components/status-pages';
import { RequireActiveSession, RequireEnrolmentSession, RequireRoles } from '../features/auth/guards';
import { IdleLock } from '../features/auth/idle-lock';
import { LoginPage } from '../features/auth/login-page';
import { DashboardPage } from '../features/dashboard/dashboard-page';
import { ACCESS } from '../lib/roles';
import { APP_BASE } from '../lib/return-to';
import { AppLayout } from './app-layout';

function Root() {
  return (
    <>
      <IdleLock />
      <Outlet />
    </>
  );
}

// Every route of the app in one place. Staff pages go under the AppLayout route; guard each with
// the same role list as its row in nav.ts. Pages most users rarely open load on first visit
// (`lazy`), which keeps the sign-in page small.
export function createAppRouter() {
  return createBrowserRouter(
    [
      {
        element: <Root />,
        children: [
          { path: '/login', element: <LoginPage /> },
          {
            path: '/setup/:token',
            lazy: async () => {
              const { SetupPage } = await import('../features/onboarding/setup-page');
              return { element: <SetupPage /> };
            },
          },
          {
            path: '/invite/:token',
            lazy: async () => {
              const { InvitePage } = await import('../features/onboarding/invite-page');
              return { element: <InvitePage /> };
            },
          },
          {
            path: '/mfa/enrol',
            lazy: async () => {
              const { MfaEnrolPage } = await import('../features/mfa/mfa-enrol-page');
              return {
                element: (
                  <RequireEnrolmentSession>
                    <MfaEnrolPage />
                  </RequireEnrolmentSession>
                ),
              };
            },
          },
          {
            path: '/',
            element: (
              <RequireActiveSession>
                <AppLayout />
              </RequireActiveSession>
            ),
            children: [
              { index: true, element: <DashboardPage /> },
              {
                path: 'schedule',
                lazy: async () => {
                  const { SchedulePage } = await import('../features/schedule/schedule-page');
                  return {
                    element: (
                      <RequireRoles roles={ACCESS.schedule}>
                        <SchedulePage />
                      </RequireRoles>
                    ),
                  };
                },
              },
              {
                path: 'programs',
                lazy: async () => {
                  const { ProgramsPage } = await import('../features/programs/programs-page');
                  return {
                    element: (
                      <RequireRoles roles={ACCESS.programs}>
                        <ProgramsPage />
                      </RequireRoles>
                    ),
                  };
                },
              },
              {
                path: 'organization',
                lazy: async () => {
                  const { OrganizationSettingsPage } = await import('../features/organization-settings/organization-settings-page');
                  return {
                    element: (
                      <RequireRoles roles={ACCESS.organizationSettings}>
                        <OrganizationSettingsPage />
                      </RequireRoles>
                    ),
                  };
                },
              },
              {
                path: 'sites',
                lazy: async () => {
                  const { SitesPage } = await import('../features/sites/sites-page');
                  return {
                    element: (
                      <RequireRoles roles={ACCESS.configure}>
                        <SitesPage />
                      </RequireRoles>
                    ),
                  };
                },
              },
              {
                path: 'staff',
                lazy: async () => {
                  const { StaffPage } = await import('../features/staff/staff-page');
                  return {
                    element: (
                      <RequireRoles roles={ACCESS.configure}>
                        <StaffPage />
                      </RequireRoles>
                    ),
                  };
                },
              },
              {
                path: 'closures',
                lazy: async () => {
                  const { ClosuresPage } = await import('../features/closures/closures-page');
                  return {
                    element: (
                      <RequireRoles roles={ACCESS.configure}>
                        <ClosuresPage />
                      </RequireRoles>
                    ),
                  };
                },
              },
              {
                path: 'admin/users',
                lazy: async () => {
                  const { UsersPage } = await import('../features/admin-users/users-page');
                  return {
                    element: (
                      <RequireRoles roles={ACCESS.users}>
                        <UsersPage />
                      </RequireRoles>
                    ),
                  };
                },
              },
              {
                path: 'admissions',
                lazy: async () => {
                  const { AdmissionsPage } = await import('../features/admissions/admissions-page');
                  return {
                    element: (
                      <RequireRoles roles={ACCESS.admissions}>
                        <AdmissionsPage />
                      </RequireRoles>
                    ),
                  };
                },
              },
              {
                path: 'admissions/report',
                lazy: async () => {
                  const { AdmissionsReportPage } = await import('../features/admissions/admissions-report-page');
                  return {
                    element: (
                      <RequireRoles roles={ACCESS.admissionsReport}>
                        <AdmissionsReportPage />
                      </RequireRoles>
                    ),
                  };
                },
              },
              {
                path: 'admissions/:inquiryId',
                lazy: async () => {
                  const { InquiryDetailPage } = await import('../features/admissions/inquiry-detail-page');
                  return {
                    element: (
                      <RequireRoles roles={ACCESS.admissions}>
                        <InquiryDetailPage />
                      </RequireRoles>
                    ),
                  };
                },
              },
              {
                path: 'patients',
                lazy: async () => {
                  const { PatientsPage } = await import('../features/patients/patients-page');
                  return {
                    element: (
                      <RequireRoles roles={ACCESS.patients}>
                        <PatientsPage />
                      </RequireRoles>
                    ),
                  };
                },
              },
              {
                path: 'patients/:patientId',
                lazy: async () => {
                  const { PatientChartPage } = await import('../features/patients/patient-chart-page');
                  return {
                    element: (
                      <RequireRoles roles={ACCESS.patients}>
                        <PatientChartPage />
                      </RequireRoles>
                    ),
                  };
                },
              },
              {
                path: 'patients/:patientId/treatment-plans/:planId',
                lazy: async () => {
                  const { TreatmentPlanPage } = await import('../features/treatment-plans/treatment-plan-page');
                  return {
                    element: (
                      <RequireRoles roles={ACCESS.treatmentPlans}>
                        <TreatmentPlanPage />
                      </RequireRoles>
                    ),
                  };
                },
              },
              {
                path: 'patients/:patientId/assessment',
                lazy: async () => {
                  const { PatientAssessmentPage } = await import('../features/level-of-care/assessment-page');
                  return {
                    element: (
                      <RequireRoles roles={ACCESS.locAssess}>
                        <PatientAssessmentPage />
                      </RequireRoles>
                    ),
                  };
                },
              },
              {
                path: 'admissions/:inquiryId/assessment',
                lazy: async () => {
                  const { InquiryAssessmentPage } = await import('../features/level-of-care/assessment-page');
                  return {
                    element: (
                      <RequireRoles roles={ACCESS.locAssess}>
                        <InquiryAssessmentPage />
                      </RequireRoles>
                    ),
                  };
                },
              },
              {
                path: 'alerts',
                lazy: async () => {
                  const { AlertsPage } = await import('../features/safety/alerts-page');
                  return {
                    element: (
                      <RequireRoles roles={ACCESS.safety}>
                        <AlertsPage />
                      </RequireRoles>
                    ),
                  };
                },
              },
              {
                path: 'notes',
                lazy: async () => {
                  const { MyNotesPage } = await import('../features/notes/my-notes-page');
                  return {
                    element: (
                      <RequireRoles roles={ACCESS.notes}>
                        <MyNotesPage />
                      </RequireRoles>
                    ),
                  };
                },
              },
              {
                path: 'late-notes',
                lazy: async () => {
                  const { LateNotesPage } = await import('../features/notes/late-notes-page');
                  return {
                    element: (
                      <RequireRoles roles={ACCESS.lateNotes}>
                        <LateNotesPage />
                      </RequireRoles>
                    ),
                  };
                },
              },
              {
                path: 'notes/:noteId',
                lazy: async () => {
                  const { NotePage } = await import('../features/notes/note-page');
                  return {
                    element: (
                      <RequireRoles roles={ACCESS.notes}>
                        <NotePage />
                      </RequireRoles>
                    ),
                  };
                },
              },
              {
                path: 'outcomes',
                lazy: async () => {
                  const { OutcomesPage } = await import('../features/outcomes/outcomes-page');
                  return {
                    element: (
                      <RequireRoles roles={ACCESS.outcomes}>
                        <OutcomesPage />
                      </RequireRoles>
                    ),
                  };
                },
              },
              {
                path: 'audit',
                lazy: async () => {
                  const { AuditPage } = await import('../features/audit/audit-page');
                  return {
                    element: (
                      <RequireRoles roles={ACCESS.audit}>
                        <AuditPage />
                      </RequireRoles>
                    ),
                  };
                },
              },
              {
                path: 'sessions/:sessionId/attendance',
                lazy: async () => {
                  const { AttendancePage } = await import('../features/attendance/attendance-page');
                  return {
                    element: (
                      <RequireRoles roles={ACCESS.attendance}>
                        <AttendancePage />
                      </RequireRoles>
                    ),
                  };
                },
              },
              {
                path: 'sessions/:sessionId/group-note',
                lazy: async () => {
                  const { GroupNotePage } = await import('../features/group-notes/group-note-page');
                  return {
                    element: (
                      <RequireRoles roles={ACCESS.groupNotes}>
                        <GroupNotePage />
                      </RequireRoles>
                    ),
                  };
                },
              },
              {
                path: 'group-notes',
                lazy: async () => {
                  const { GroupNotesToWritePage } = await import('../features/group-notes/group-notes-to-write-page');
                  return {
                    element: (
                      <RequireRoles roles={ACCESS.groupNotes}>
                        <GroupNotesToWritePage />
                      </RequireRoles>
                    ),
                  };
                },
              },
              { path: '*', element: <NotFound /> },
            ],
          },
        ],
      },
    ],
    { basename: APP_BASE },
  );
}

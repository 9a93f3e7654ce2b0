// Shapes from the foundation API contract (docs/api-foundation.md). Once the server runs,
// its OpenAPI document at /api/openapi.json is the source of truth; keep these in step with it.

export const ROLES = [
  'admin',
  'director',
  'clinician',
  'psychiatrist',
  'admissions',
  'billing',
  'front_desk',
  'auditor',
] as const;

export type Role = (typeof ROLES)[number];

export type SessionStage = 'active' | 'mfa_required' | 'mfa_enrolment_required';

export type SessionUser = {
  id: string;
  email: string;
  displayName: string;
  roles: Role[];
  siteIds: string[];
  mfaEnrolled: boolean;
};

export type SessionDto = {
  user: SessionUser;
  organization: { id: string; name: string; isDemo: boolean };
  csrfToken: string;
  stage: SessionStage;
  idleTimeoutSeconds: number;
  idleExpiresAt: string;
  absoluteExpiresAt: string;
};

export type UserStatus = 'invited' | 'active' | 'deactivated';

export type UserDto = {
  id: string;
  email: string;
  displayName: string;
  roles: Role[];
  siteIds: string[];
  status: UserStatus;
  mfaEnrolled: boolean;
  lastLoginAt: string | null;
  createdAt: string;
};

export type SiteDto = { id: string; name: string; timeZone: string };

export type AuditOutcome = 'success' | 'failure' | 'denied';

export type AuditEventDto = {
  id: string;
  occurredAt: string;
  userId: string | null;
  userEmail: string | null;
  organizationId: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  patientId: string | null;
  outcome: AuditOutcome;
  clientIp: string | null;
  requestId: string | null;
};

export type AuthConfigDto = {
  demo: boolean;
  demoPassword: string | null;
  demoAccounts: { email: string; role: Role }[];
};

export type TotpSetupDto = { secret: string; otpauthUrl: string; qrDataUrl: string };
export type TotpEnableDto = { recoveryCodes: string[]; session: SessionDto };
export type InviteDto = { email: string; displayName: string; expiresAt: string };
export type SetupTokenDto = { expiresAt: string };
export type UsersListDto = { users: UserDto[] };
export type UserWithInviteDto = { user: UserDto; inviteUrl: string };
export type SitesDto = { sites: SiteDto[] };
export type AuditEventsDto = { events: AuditEventDto[]; total: number };

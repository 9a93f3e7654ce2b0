import { Center } from '@mantine/core';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { ErrorAlert } from '../../components/error-alert';
import { FullPageLoader } from '../../components/full-page-loader';
import { NoAccess } from '../../components/status-pages';
import type { Role } from '../../lib/api-types';
import { currentPath, loginPath } from '../../lib/return-to';
import { canAccess } from '../../lib/roles';
import { useActiveSession, useSession } from './session-provider';

function SessionUnavailable({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  return (
    <Center mih="100vh" p="md">
      <ErrorAlert error={error} title="Could not check your session" onRetry={onRetry} />
    </Center>
  );
}

/** Renders children only for a fully signed-in user; sends everyone else to the right step. */
export function RequireActiveSession({ children }: { children: ReactNode }) {
  const { session, error, retry } = useSession();
  const location = useLocation();
  if (session === undefined) {
    return error === null ? <FullPageLoader /> : <SessionUnavailable error={error} onRetry={retry} />;
  }
  // mfa_required: the login page shows the authentication-code step for this session.
  if (session === null || session.stage === 'mfa_required') {
    return <Navigate to={loginPath(currentPath(location))} replace />;
  }
  if (session.stage === 'mfa_enrolment_required') return <Navigate to="/mfa/enrol" replace />;
  return children;
}

/** For /mfa/enrol: a user who has passed the password (and, if enrolled, the code) step. */
export function RequireEnrolmentSession({ children }: { children: ReactNode }) {
  const { session, error, retry } = useSession();
  const location = useLocation();
  if (session === undefined) {
    return error === null ? <FullPageLoader /> : <SessionUnavailable error={error} onRetry={retry} />;
  }
  if (session === null || session.stage === 'mfa_required') {
    return <Navigate to={loginPath(currentPath(location))} replace />;
  }
  return children;
}

/** Inside the signed-in layout: shows a no-access message to users without one of `roles`. */
export function RequireRoles({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const session = useActiveSession();
  if (!canAccess(session.user.roles, roles)) return <NoAccess />;
  return children;
}

import { Alert } from '@mantine/core';
import { useRef, useState } from 'react';
import { Navigate, useSearchParams } from 'react-router';
import { CenteredCard } from '../../components/centered-card';
import { FullPageLoader } from '../../components/full-page-loader';
import { loginPath, safeReturnTo } from '../../lib/return-to';
import { CredentialsForm } from './credentials-form';
import { DemoBanner } from './demo-banner';
import { MfaCodeForm } from './mfa-code-form';
import { useSession } from './session-provider';
import { useAuthConfig } from './use-auth-config';

const REASON_MESSAGES: Record<string, { title: string; body: string }> = {
  idle: {
    title: 'Your session was locked after inactivity',
    body: 'Sign in again to return to the page you were on.',
  },
  expired: {
    title: 'Your session has ended',
    body: 'Sessions have a maximum length. Sign in again to return to the page you were on.',
  },
};

export function LoginPage() {
  const [params] = useSearchParams();
  const returnTo = safeReturnTo(params.get('returnTo'), window.location.origin);
  const reason = REASON_MESSAGES[params.get('reason') ?? ''];
  const { session, error, applySession, logOut } = useSession();
  const config = useAuthConfig();
  const [email, setEmail] = useState('');
  const passwordRef = useRef<HTMLInputElement>(null);

  if (session === undefined && error === null) return <FullPageLoader />;
  // A stored session decides the next step; applySession below re-renders into these branches.
  if (session?.stage === 'active') return <Navigate to={returnTo} replace />;
  if (session?.stage === 'mfa_enrolment_required') return <Navigate to="/mfa/enrol" replace />;

  const needsCode = session?.stage === 'mfa_required';
  return (
    <CenteredCard
      title={needsCode ? 'Two-factor authentication' : 'Sign in'}
      intro={
        reason !== undefined && (
          <Alert color="blue" title={reason.title}>
            {reason.body}
          </Alert>
        )
      }
    >
      {config.data?.demo === true && !needsCode && (
        <DemoBanner
          config={config.data}
          onPick={(picked) => {
            setEmail(picked);
            passwordRef.current?.focus();
          }}
        />
      )}
      {needsCode ? (
        <MfaCodeForm onVerified={applySession} onCancel={() => void logOut(loginPath(returnTo))} />
      ) : (
        <CredentialsForm email={email} onEmailChange={setEmail} passwordRef={passwordRef} onSignedIn={applySession} />
      )}
    </CenteredCard>
  );
}

import { Anchor, Text } from '@mantine/core';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { CenteredCard } from '../../components/centered-card';
import { useSession } from '../auth/session-provider';
import { RecoveryCodes } from './recovery-codes';
import { TotpSetup } from './totp-setup';

/** /mfa/enrol: required after first sign-in when MFA is mandatory, optional from the user menu. */
export function MfaEnrolPage() {
  const { session, applySession, logOut } = useSession();
  const navigate = useNavigate();
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);

  // The codes come first: applying the enabled session marks the user as enrolled.
  if (recoveryCodes !== null) {
    return (
      <CenteredCard title="Two-factor authentication is on">
        <RecoveryCodes codes={recoveryCodes} onDone={() => void navigate('/', { replace: true })} />
      </CenteredCard>
    );
  }
  if (session === null || session === undefined) return null;
  if (session.user.mfaEnrolled) {
    return (
      <CenteredCard title="Two-factor authentication">
        <Text>Two-factor authentication is already set up for {session.user.email}.</Text>
        <Anchor component={Link} to="/">
          Go to the dashboard
        </Anchor>
      </CenteredCard>
    );
  }
  const required = session.stage === 'mfa_enrolment_required';
  return (
    <CenteredCard
      title="Set up two-factor authentication"
      intro={
        <Text size="sm">
          {required
            ? 'Your organization requires a second step at sign-in. '
            : 'Add a second step at sign-in to protect patient information. '}
          You will need an authenticator app on your phone.
        </Text>
      }
    >
      <TotpSetup
        userId={session.user.id}
        canSkip={!required}
        onLogOut={() => void logOut()}
        onEnabled={(result) => {
          setRecoveryCodes(result.recoveryCodes);
          applySession(result.session);
        }}
      />
    </CenteredCard>
  );
}

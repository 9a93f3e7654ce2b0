import { Alert, Button, PasswordInput, Stack, Text } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type SubmitEvent } from 'react';
import { Navigate, useParams } from 'react-router';
import { CenteredCard } from '../../components/centered-card';
import { ErrorAlert } from '../../components/error-alert';
import { SectionLoader } from '../../components/full-page-loader';
import { ApiError } from '../../lib/api';
import { useApi } from '../../lib/api-context';
import type { InviteDto, SessionDto } from '../../lib/api-types';
import { assertNever } from '../../lib/assert-never';
import { formErrorsFrom } from '../../lib/form-errors';
import { useSession } from '../auth/session-provider';
import { InviteAccepted } from './invite-accepted';

const TITLE = 'Accept your invitation';

/** /invite/:token: a new staff member chooses a password. */
export function InvitePage() {
  const { token = '' } = useParams();
  const api = useApi();
  const { applySession } = useSession();
  const path = `/api/v1/invites/${encodeURIComponent(token)}`;
  const invite = useQuery({
    queryKey: ['invite', token],
    queryFn: () => api.get<InviteDto>(path),
    retry: false,
  });
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const accept = useMutation({
    mutationFn: (body: { password: string }) => api.post<SessionDto>(`${path}/accept`, body),
    onSuccess: applySession,
  });

  if (accept.isSuccess) {
    const stage = accept.data.stage;
    switch (stage) {
      case 'active':
        return <InviteAccepted />;
      case 'mfa_enrolment_required':
        return <Navigate to="/mfa/enrol" replace />;
      case 'mfa_required':
        return <Navigate to="/login" replace />;
      default:
        return assertNever(stage);
    }
  }
  if (invite.isPending)
    return (
      <CenteredCard title={TITLE}>
        <SectionLoader />
      </CenteredCard>
    );
  if (invite.isError) {
    const missing = invite.error instanceof ApiError && invite.error.status === 404;
    return (
      <CenteredCard title={TITLE}>
        {missing ? (
          <Alert color="yellow">
            This invitation link is not valid, has already been used or has expired. Ask your administrator for a new link.
          </Alert>
        ) : (
          <ErrorAlert error={invite.error} onRetry={() => void invite.refetch()} />
        )}
      </CenteredCard>
    );
  }

  const errors = accept.isError ? formErrorsFrom(accept.error, ['password'] as const) : null;
  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const differs = password !== confirmation;
    setMismatch(differs);
    if (!differs) accept.mutate({ password });
  }

  return (
    <CenteredCard
      title={TITLE}
      intro={
        <Text>
          Welcome, {invite.data.displayName}. Choose a password for <strong>{invite.data.email}</strong>.
        </Text>
      }
    >
      <form onSubmit={submit} noValidate aria-label="Choose a password">
        {/* Lets password managers store the new password under the right account. */}
        <input type="hidden" name="username" autoComplete="username" value={invite.data.email} />
        <Stack gap="md">
          <PasswordInput
            label="Password"
            description="At least 8 characters. A few unrelated words make a strong password."
            autoComplete="new-password"
            required
            value={password}
            error={errors?.fields.password}
            onChange={(event) => setPassword(event.currentTarget.value)}
          />
          <PasswordInput
            label="Confirm password"
            autoComplete="new-password"
            required
            value={confirmation}
            error={mismatch ? 'The passwords do not match' : undefined}
            onChange={(event) => setConfirmation(event.currentTarget.value)}
          />
          {errors !== null && errors.general !== null && (
            <Alert color="red" role="alert">
              {errors.general}
            </Alert>
          )}
          <Button type="submit" loading={accept.isPending}>
            Create my account
          </Button>
        </Stack>
      </form>
    </CenteredCard>
  );
}

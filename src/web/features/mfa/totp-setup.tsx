import { Alert, Anchor, Button, Code, Group, Image, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type SubmitEvent } from 'react';
import { Link } from 'react-router';
import { ErrorAlert } from '../../components/error-alert';
import { SectionLoader } from '../../components/full-page-loader';
import { ApiError } from '../../lib/api';
import { useApi } from '../../lib/api-context';
import type { TotpEnableDto, TotpSetupDto } from '../../lib/api-types';
import { errorMessage } from '../../lib/form-errors';

type Props = {
  userId: string;
  /** Enrolment is optional for this user: offer "Not now"; otherwise offer to log out. */
  canSkip: boolean;
  onEnabled: (result: TotpEnableDto) => void;
  onLogOut: () => void;
};

export function TotpSetup({ userId, canSkip, onEnabled, onLogOut }: Props) {
  const api = useApi();
  // A query, not a mutation, so that React's development double-mount cannot start two setups
  // (each would make a new secret). gcTime 0 drops the secret from memory when the page closes.
  const setup = useQuery({
    queryKey: ['auth', 'totp-setup', userId],
    queryFn: () => api.post<TotpSetupDto>('/api/v1/auth/totp/setup'),
    staleTime: Infinity,
    gcTime: 0,
    retry: false,
    refetchOnWindowFocus: false,
  });
  const [code, setCode] = useState('');
  const enable = useMutation({
    mutationFn: (body: { code: string }) => api.post<TotpEnableDto>('/api/v1/auth/totp/enable', body),
    onSuccess: onEnabled,
  });

  if (setup.isPending) return <SectionLoader label="Preparing two-factor setup" />;
  if (setup.isError) return <ErrorAlert error={setup.error} onRetry={() => void setup.refetch()} />;

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    enable.mutate({ code: code.replace(/\s+/g, '') });
  }

  const codeError = enable.error instanceof ApiError && enable.error.code === 'INVALID_MFA_CODE' ? enable.error.message : null;
  return (
    <Stack gap="md">
      <Text>1. Scan this QR code with an authenticator app (for example FreeOTP, Aegis or Google Authenticator).</Text>
      <Image src={setup.data.qrDataUrl} alt="QR code for adding this account to an authenticator app" w={200} h={200} fit="contain" />
      <dl style={{ margin: 0 }}>
        <Text component="dt" fw={500} size="sm">
          Setup key
        </Text>
        <Text component="dd" m={0} size="sm">
          If you cannot scan the code, enter this key in the app instead:{' '}
          <Code data-testid="totp-secret" style={{ wordBreak: 'break-all' }}>
            {setup.data.secret}
          </Code>
        </Text>
      </dl>
      <form onSubmit={submit} noValidate aria-label="Confirm two-factor setup">
        <Stack gap="md">
          <TextInput
            label="Authentication code"
            description="2. Enter the 6-digit code the app shows now."
            name="code"
            autoComplete="one-time-code"
            inputMode="numeric"
            required
            value={code}
            error={codeError}
            onChange={(event) => setCode(event.currentTarget.value)}
          />
          {enable.isError && codeError === null && (
            <Alert color="red" role="alert">
              {errorMessage(enable.error)}
            </Alert>
          )}
          <Group justify="space-between">
            {canSkip ? (
              <Anchor component={Link} to="/">
                Not now
              </Anchor>
            ) : (
              <Button variant="subtle" onClick={onLogOut}>
                Log out
              </Button>
            )}
            <Button type="submit" loading={enable.isPending} disabled={code.trim() === ''}>
              Turn on two-factor authentication
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}

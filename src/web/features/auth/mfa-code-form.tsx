import { Alert, Button, Group, Stack, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type SubmitEvent } from 'react';
import { useApi } from '../../lib/api-context';
import type { SessionDto } from '../../lib/api-types';
import { errorMessage } from '../../lib/form-errors';

/** The second sign-in step: a TOTP code or one recovery code. */
export function MfaCodeForm({ onVerified, onCancel }: { onVerified: (session: SessionDto) => void; onCancel: () => void }) {
  const api = useApi();
  const [code, setCode] = useState('');
  const verify = useMutation({
    mutationFn: (body: { code: string }) => api.post<SessionDto>('/api/v1/auth/mfa', body),
    onSuccess: onVerified,
  });

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    // Codes are often pasted with spaces ("123 456"); the server expects them without.
    verify.mutate({ code: code.replace(/\s+/g, '') });
  }

  return (
    <form onSubmit={submit} noValidate aria-label="Two-factor authentication">
      <Stack gap="md">
        <TextInput
          label="Authentication code"
          description="The 6-digit code from your authenticator app, or one of your recovery codes."
          name="code"
          autoComplete="one-time-code"
          autoFocus
          required
          value={code}
          onChange={(event) => setCode(event.currentTarget.value)}
        />
        {verify.isError && (
          <Alert color="red" role="alert">
            {errorMessage(verify.error)}
          </Alert>
        )}
        <Group justify="space-between">
          <Button variant="subtle" onClick={onCancel}>
            Use a different account
          </Button>
          <Button type="submit" loading={verify.isPending} disabled={code.trim() === ''}>
            Verify
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

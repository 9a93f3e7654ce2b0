import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type SubmitEvent, type RefObject } from 'react';
import { useApi } from '../../lib/api-context';
import type { SessionDto } from '../../lib/api-types';
import { errorMessage } from '../../lib/form-errors';

type Props = {
  email: string;
  onEmailChange: (email: string) => void;
  passwordRef: RefObject<HTMLInputElement | null>;
  onSignedIn: (session: SessionDto) => void;
};

export function CredentialsForm({ email, onEmailChange, passwordRef, onSignedIn }: Props) {
  const api = useApi();
  const [password, setPassword] = useState('');
  const login = useMutation({
    mutationFn: (body: { email: string; password: string }) => api.post<SessionDto>('/api/v1/auth/login', body),
    onSuccess: onSignedIn,
  });

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    login.mutate({ email: email.trim(), password });
  }

  return (
    <form onSubmit={submit} noValidate aria-label="Sign in">
      <Stack gap="md">
        <TextInput
          label="Email"
          type="email"
          name="email"
          autoComplete="username"
          required
          value={email}
          onChange={(event) => onEmailChange(event.currentTarget.value)}
        />
        <PasswordInput
          ref={passwordRef}
          label="Password"
          name="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.currentTarget.value)}
        />
        {login.isError && (
          <Alert color="red" role="alert">
            {errorMessage(login.error)}
          </Alert>
        )}
        <Button type="submit" loading={login.isPending} disabled={email.trim() === '' || password === ''}>
          Sign in
        </Button>
      </Stack>
    </form>
  );
}

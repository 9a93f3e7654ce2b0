import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type SubmitEvent } from 'react';
import { useNavigate, useParams } from 'react-router';
import { CenteredCard } from '../../components/centered-card';
import { ErrorAlert } from '../../components/error-alert';
import { SectionLoader } from '../../components/full-page-loader';
import { ApiError } from '../../lib/api';
import { useApi } from '../../lib/api-context';
import type { SessionDto, SetupTokenDto } from '../../lib/api-types';
import { formErrorsFrom } from '../../lib/form-errors';
import { useSession } from '../auth/session-provider';

const FIELDS = ['organizationName', 'email', 'displayName', 'password'] as const;
type Field = (typeof FIELDS)[number];
type SetupBody = Record<Field, string>;

/** /setup/:token: creates the organization and its first administrator on a new server. */
export function SetupPage() {
  const { token = '' } = useParams();
  const api = useApi();
  const navigate = useNavigate();
  const { applySession } = useSession();
  const path = `/api/v1/setup/${encodeURIComponent(token)}`;
  const check = useQuery({
    queryKey: ['setup', token],
    queryFn: () => api.get<SetupTokenDto>(path),
    retry: false,
  });
  const [values, setValues] = useState<SetupBody>({
    organizationName: '',
    email: '',
    displayName: '',
    password: '',
  });
  const create = useMutation({
    mutationFn: (body: SetupBody) => api.post<SessionDto>(path, body),
    onSuccess: (session) => {
      applySession(session);
      void navigate(session.stage === 'active' ? '/' : '/mfa/enrol', { replace: true });
    },
  });

  if (check.isPending)
    return (
      <CenteredCard title="Set up OpenIOP">
        <SectionLoader />
      </CenteredCard>
    );
  if (check.isError) {
    const missing = check.error instanceof ApiError && check.error.status === 404;
    return (
      <CenteredCard title="Set up OpenIOP">
        {missing ? (
          <Alert color="yellow">This setup link is not valid or has expired. Start the server again to print a new one.</Alert>
        ) : (
          <ErrorAlert error={check.error} onRetry={() => void check.refetch()} />
        )}
      </CenteredCard>
    );
  }

  const errors = create.isError ? formErrorsFrom(create.error, FIELDS, { EMAIL_TAKEN: 'email' }) : null;
  const set = (field: Field) => (event: { currentTarget: { value: string } }) =>
    setValues((previous) => ({ ...previous, [field]: event.currentTarget.value }));

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    create.mutate({ ...values, email: values.email.trim() });
  }

  return (
    <CenteredCard title="Set up OpenIOP" intro="Create your organization and the first administrator account.">
      <form onSubmit={submit} noValidate aria-label="Set up OpenIOP">
        <Stack gap="md">
          <TextInput
            label="Organization name"
            required
            autoComplete="organization"
            value={values.organizationName}
            onChange={set('organizationName')}
            error={errors?.fields.organizationName}
          />
          <TextInput
            label="Email"
            type="email"
            required
            autoComplete="email"
            value={values.email}
            onChange={set('email')}
            error={errors?.fields.email}
          />
          <TextInput
            label="Display name"
            required
            autoComplete="name"
            value={values.displayName}
            onChange={set('displayName')}
            error={errors?.fields.displayName}
          />
          <PasswordInput
            label="Password"
            description="At least 8 characters. A few unrelated words make a strong password."
            required
            autoComplete="new-password"
            value={values.password}
            onChange={set('password')}
            error={errors?.fields.password}
          />
          {errors !== null && errors.general !== null && (
            <Alert color="red" role="alert">
              {errors.general}
            </Alert>
          )}
          <Button type="submit" loading={create.isPending}>
            Create organization
          </Button>
        </Stack>
      </form>
    </CenteredCard>
  );
}

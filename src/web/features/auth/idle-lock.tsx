import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useSyncExternalStore } from 'react';
import { ApiError } from '../../lib/api';
import { useApi } from '../../lib/api-context';
import type { SessionDto } from '../../lib/api-types';
import { errorMessage } from '../../lib/form-errors';
import { useNow } from '../../lib/use-now';
import { lockState } from './idle-time';
import { useSession } from './session-provider';

/**
 * Warns before the server locks an idle session and leaves for the login page when it does.
 * The server counts requests, not mouse moves, so only a request (the button) keeps it open.
 */
export function IdleLock() {
  const { session, idleClock, applySession, endSession, logOut } = useSession();
  const api = useApi();
  const clock = useSyncExternalStore(idleClock.subscribe, idleClock.getSnapshot, idleClock.getSnapshot);
  const active = session?.stage === 'active';
  const now = useNow(active ? 1000 : null);
  const state = active ? lockState(now, clock) : { kind: 'ok' as const };
  const ending = useRef(false);

  const keepalive = useMutation({
    mutationFn: () => api.post<SessionDto>('/api/v1/auth/keepalive'),
    onSuccess: applySession,
    onError: (error) => {
      if (error instanceof ApiError && error.status === 401) void endSession('idle');
    },
  });

  useEffect(() => {
    if (ending.current) return;
    if (state.kind === 'idle-locked' || state.kind === 'expired') {
      ending.current = true;
      void endSession(state.kind === 'idle-locked' ? 'idle' : 'expired');
    }
  }, [state.kind, endSession]);

  const stay = () => {
    if (!keepalive.isPending) keepalive.mutate();
  };

  return (
    <Modal opened={state.kind === 'warn'} onClose={stay} title="Are you still there?" closeOnClickOutside={false} centered>
      <Stack gap="md">
        <Text>
          To protect patient information, you will be signed out in <strong>{state.kind === 'warn' ? state.secondsLeft : 0} seconds</strong>{' '}
          because of inactivity.
        </Text>
        {keepalive.isError && (
          <Alert color="red" role="alert">
            {errorMessage(keepalive.error)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={() => void logOut()}>
            Log out now
          </Button>
          <Button onClick={stay} loading={keepalive.isPending} data-autofocus>
            Stay signed in
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

import type { QueryClient } from '@tanstack/react-query';
import { createIdleClock, type IdleClock } from '../features/auth/idle-clock';
import { readSession, refreshSession } from '../features/auth/session-query';
import { createApiClient, type ApiClient } from '../lib/api';
import { APP_BASE, appPathOf, leaveTo, loginPath } from '../lib/return-to';
import { createQueryClient } from './query-client';

export type AppServices = { queryClient: QueryClient; api: ApiClient; idleClock: IdleClock };

/** Wires the API client to the session cache and the idle clock. Called once, in main.tsx. */
export function createAppServices(): AppServices {
  const queryClient = createQueryClient();
  const idleClock = createIdleClock();
  const api: ApiClient = createApiClient({
    getCsrfToken: () => readSession(queryClient)?.csrfToken ?? null,
    onResponse: (info) => idleClock.observeResponse(info),
    // Another tab may have signed in again, replacing the session (and its token) under us.
    onCsrfRejected: async () => {
      const before = readSession(queryClient)?.csrfToken ?? null;
      try {
        const session = await refreshSession(queryClient, api, idleClock);
        return session !== null && session.csrfToken !== before ? session.csrfToken : null;
      } catch {
        return null;
      }
    },
    onSessionLost: () => {
      if (window.location.pathname !== `${APP_BASE}/login`) leaveTo(loginPath(appPathOf(window.location)));
    },
  });
  return { queryClient, api, idleClock };
}

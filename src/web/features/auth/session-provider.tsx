import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { useApi } from '../../lib/api-context';
import type { SessionDto } from '../../lib/api-types';
import { appPathOf, leaveTo, loginPath, type LoginReason } from '../../lib/return-to';
import type { IdleClock } from './idle-clock';
import { fetchSession, sessionQueryKey } from './session-query';

export type SessionContextValue = {
  /** null when nobody is signed in; undefined while the first fetch runs or after it failed. */
  session: SessionDto | null | undefined;
  error: unknown;
  retry: () => void;
  /** Store a SessionDto that an auth endpoint returned (login, MFA, setup, invite, keepalive). */
  applySession: (session: SessionDto) => void;
  /** POST logout, then a full page load of `to` (default /login), which drops every cached response. */
  logOut: (to?: string) => Promise<void>;
  /** End the session because of idleness or expiry and ask to sign in again on this page. */
  endSession: (reason: LoginReason) => Promise<void>;
  idleClock: IdleClock;
};

const SessionContext = createContext<SessionContextValue | null>(null);

export function SessionProvider({ idleClock, children }: { idleClock: IdleClock; children: ReactNode }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: sessionQueryKey,
    queryFn: () => fetchSession(api, idleClock),
    // The idle clock, not a refetch, decides when a session ends. Refetching on focus or on an
    // interval would also reset the server's idle timer without the user doing anything.
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
  const { refetch } = query;

  const applySession = useCallback(
    (session: SessionDto) => {
      queryClient.setQueryData(sessionQueryKey, session);
      idleClock.setFromSession(session);
    },
    [queryClient, idleClock],
  );

  const leave = useCallback(
    async (path: string, reason: LoginReason | null) => {
      try {
        await api.post<undefined>('/api/v1/auth/logout');
      } catch {
        // The server may already have ended the session; leaving is what matters.
      }
      idleClock.announceEnded(reason);
      leaveTo(path);
    },
    [api, idleClock],
  );

  const logOut = useCallback((to = '/login') => leave(to, null), [leave]);
  const endSession = useCallback((reason: LoginReason) => leave(loginPath(appPathOf(window.location), reason), reason), [leave]);

  const hasSession = query.data !== null && query.data !== undefined;
  useEffect(() => {
    if (!hasSession) return undefined;
    // Another tab logged out or locked: this tab's session is gone too.
    return idleClock.onEndedElsewhere((reason) => {
      leaveTo(loginPath(appPathOf(window.location), reason ?? undefined));
    });
  }, [hasSession, idleClock]);

  const value = useMemo<SessionContextValue>(
    () => ({
      session: query.data,
      error: query.error,
      retry: () => void refetch(),
      applySession,
      logOut,
      endSession,
      idleClock,
    }),
    [query.data, query.error, refetch, applySession, logOut, endSession, idleClock],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (value === null) throw new Error('useSession must be used inside <SessionProvider>');
  return value;
}

/** The signed-in, active session. Only for components rendered behind RequireActiveSession. */
export function useActiveSession(): SessionDto {
  const { session } = useSession();
  if (session === null || session === undefined || session.stage !== 'active') {
    throw new Error('useActiveSession used outside an active session');
  }
  return session;
}

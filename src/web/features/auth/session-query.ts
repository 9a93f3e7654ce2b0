import type { QueryClient } from '@tanstack/react-query';
import { ApiError, type ApiClient } from '../../lib/api';
import type { SessionDto } from '../../lib/api-types';
import type { IdleClock } from './idle-clock';

// The session lives in the TanStack Query cache under one key; null means "not signed in".

export const sessionQueryKey = ['auth', 'session'] as const;

export async function fetchSession(api: ApiClient, idleClock: IdleClock): Promise<SessionDto | null> {
  let session: SessionDto | null;
  try {
    session = await api.get<SessionDto>('/api/v1/auth/session');
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 401) throw error;
    session = null;
  }
  idleClock.setFromSession(session);
  return session;
}

export function readSession(queryClient: QueryClient): SessionDto | null {
  return queryClient.getQueryData<SessionDto | null>(sessionQueryKey) ?? null;
}

export async function refreshSession(queryClient: QueryClient, api: ApiClient, idleClock: IdleClock): Promise<SessionDto | null> {
  const session = await fetchSession(api, idleClock);
  queryClient.setQueryData(sessionQueryKey, session);
  return session;
}

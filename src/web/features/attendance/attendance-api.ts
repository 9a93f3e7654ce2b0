import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../lib/api-context';
import type { CheckInBody, CheckInResultDto, CloseDayDto, RosterDto } from '../../lib/api-types';

const sessionPath = (sessionId: string) => `/api/v1/sessions/${encodeURIComponent(sessionId)}`;
export const rosterQueryKey = (sessionId: string) => ['attendance', 'roster', sessionId] as const;

/** Attendance feeds the dashboard counts and the patients' weekly hours. */
function useInvalidateAfterAttendance() {
  const queryClient = useQueryClient();
  return async () => {
    await queryClient.invalidateQueries({ queryKey: ['attendance'] });
    await queryClient.invalidateQueries({ queryKey: ['dashboard'] });
    await queryClient.invalidateQueries({ queryKey: ['intensity'] });
  };
}

export function useRoster(sessionId: string) {
  const api = useApi();
  return useQuery({
    queryKey: rosterQueryKey(sessionId),
    queryFn: () => api.get<RosterDto>(`${sessionPath(sessionId)}/roster`),
    // The draft on screen is built from this; a background refetch must not replace it.
    staleTime: Infinity,
  });
}

/** Saving sends the Idempotency-Key the caller made for this exact body, so a retry is answered, not redone. */
export function useSaveAttendance(sessionId: string) {
  const api = useApi();
  const invalidate = useInvalidateAfterAttendance();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: CheckInBody; idempotencyKey: string }) =>
      api.put<CheckInResultDto>(`${sessionPath(sessionId)}/attendance`, body, { 'Idempotency-Key': idempotencyKey }),
    onSuccess: invalidate,
  });
}

export function useCloseDay(sessionId: string) {
  const api = useApi();
  const invalidate = useInvalidateAfterAttendance();
  return useMutation({
    mutationFn: () => api.post<CloseDayDto>(`${sessionPath(sessionId)}/close-day`),
    onSuccess: invalidate,
  });
}

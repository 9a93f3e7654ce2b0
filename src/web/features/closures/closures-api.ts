import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../lib/api-context';
import type { ClosureDto, ClosuresDto } from '../../lib/api-types';

const closuresKey = ['closures'] as const;

export type ClosureQuery = { from: string; to: string; siteId?: string | undefined };
export type ClosureBody = { siteId: string | null; date: string; reason: string };

export function useClosures(query: ClosureQuery) {
  const api = useApi();
  return useQuery({
    queryKey: [...closuresKey, query],
    queryFn: () => api.get<ClosuresDto>('/api/v1/closures', query),
    select: (data) => data.closures,
  });
}

export function useCreateClosure() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ClosureBody) => api.post<ClosureDto>('/api/v1/closures', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: closuresKey }),
  });
}

export function useDeleteClosure() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (closureId: string) => api.delete(`/api/v1/closures/${encodeURIComponent(closureId)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: closuresKey }),
  });
}

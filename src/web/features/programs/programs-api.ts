import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../lib/api-context';
import type { ProgramDto, ProgramsDto } from '../../lib/api-types';
import type { ProgramBody, ProgramPatch } from './program-form-state';

export const programsQueryKey = ['programs'] as const;

export type ProgramFilters = {
  siteId?: string | undefined;
  levelOfCare?: string | undefined;
  published?: 'true' | 'false' | undefined;
  active?: 'true' | 'false' | undefined;
};

const base = '/api/v1/programs';
const programPath = (programId: string) => `${base}/${encodeURIComponent(programId)}`;

export function usePrograms(filters: ProgramFilters) {
  const api = useApi();
  return useQuery({
    queryKey: [...programsQueryKey, filters],
    queryFn: () => api.get<ProgramsDto>(base, filters),
    select: (data) => data.programs,
  });
}

function useInvalidatePrograms() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: programsQueryKey });
}

export function useCreateProgram() {
  const api = useApi();
  const invalidate = useInvalidatePrograms();
  return useMutation({
    mutationFn: (body: ProgramBody) => api.post<ProgramDto>(base, body),
    onSuccess: invalidate,
  });
}

export function useUpdateProgram() {
  const api = useApi();
  const invalidate = useInvalidatePrograms();
  return useMutation({
    mutationFn: ({ programId, patch }: { programId: string; patch: ProgramPatch }) => api.patch<ProgramDto>(programPath(programId), patch),
    onSuccess: invalidate,
  });
}

export function useSetProgramActive() {
  const api = useApi();
  const invalidate = useInvalidatePrograms();
  return useMutation({
    mutationFn: ({ programId, active }: { programId: string; active: boolean }) =>
      api.post<ProgramDto>(`${programPath(programId)}/${active ? 'reactivate' : 'deactivate'}`),
    onSuccess: invalidate,
  });
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../lib/api-context';
import type { AvailabilityWindowDto, StaffDto, StaffListDto } from '../../lib/api-types';

export const staffQueryKey = ['staff'] as const;

export type ProfileBody = {
  licenceType: string;
  licensedStates: string[];
  modalities: string[];
  weeklyAvailability: AvailabilityWindowDto[];
  siteIds: string[];
  cosignSupervisorId?: string | null;
  counselingNotesAccess?: boolean;
};

export function useStaff(includeDeactivated: boolean) {
  const api = useApi();
  return useQuery({
    queryKey: [...staffQueryKey, includeDeactivated],
    queryFn: () => api.get<StaffListDto>('/api/v1/staff', { includeDeactivated: String(includeDeactivated) }),
    select: (data) => data.staff,
  });
}

export function useSaveProfile() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, body }: { userId: string; body: ProfileBody }) =>
      api.put<StaffDto>(`/api/v1/staff/${encodeURIComponent(userId)}/profile`, body),
    // Work sites are also shown on the users page.
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: staffQueryKey }),
        queryClient.invalidateQueries({ queryKey: ['admin', 'users'] }),
      ]),
  });
}

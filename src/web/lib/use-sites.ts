import { useQuery } from '@tanstack/react-query';
import { useApi } from './api-context';
import type { SitesDto } from './api-types';

export const sitesQueryKey = ['sites'] as const;

export function useSites() {
  const api = useApi();
  return useQuery({
    queryKey: sitesQueryKey,
    queryFn: () => api.get<SitesDto>('/api/v1/sites'),
    select: (data) => data.sites,
  });
}

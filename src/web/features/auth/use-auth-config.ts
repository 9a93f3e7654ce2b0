import { useQuery } from '@tanstack/react-query';
import { useApi } from '../../lib/api-context';
import type { AuthConfigDto } from '../../lib/api-types';

export function useAuthConfig() {
  const api = useApi();
  return useQuery({
    queryKey: ['auth', 'config'],
    queryFn: () => api.get<AuthConfigDto>('/api/v1/auth/config'),
    staleTime: Infinity,
  });
}

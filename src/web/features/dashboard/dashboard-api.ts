import { useQuery } from '@tanstack/react-query';
import { useApi } from '../../lib/api-context';
import type { DashboardDto, PatientIntensityDto } from '../../lib/api-types';

export function useDashboard(enabled: boolean) {
  const api = useApi();
  // Always fresh when the page opens: check-ins and admissions elsewhere change it.
  return useQuery({
    queryKey: ['dashboard'],
    queryFn: () => api.get<DashboardDto>('/api/v1/dashboard'),
    enabled,
    refetchOnMount: 'always',
  });
}

/** A patient's weekly hours and forecast; `week` is an ISO week such as 2026-W45 (default: this week). */
export function usePatientIntensity(patientId: string, week?: string) {
  const api = useApi();
  return useQuery({
    queryKey: ['intensity', patientId, week ?? 'current'],
    queryFn: () => api.get<PatientIntensityDto>(`/api/v1/patients/${encodeURIComponent(patientId)}/intensity`, { week }),
  });
}

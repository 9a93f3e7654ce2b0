import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../lib/api-context';

export type OrganizationSettingsDto = {
  name: string;
  publicPhone: string;
  publicEmail: string;
  publicAddress: string;
  accreditations: string[];
  inquiryResponseTargetMinutes: number;
  safetyEscalationAcuteMinutes: number;
  safetyEscalationPositiveMinutes: number;
  planReviewDays: number;
  noteSigningLimitHours: number;
  hasLogo: boolean;
  logoContentType: string | null;
  settingsVersion: number;
};

export type OrganizationSettingsBody = Omit<OrganizationSettingsDto, 'hasLogo' | 'logoContentType'>;

const key = ['organization', 'settings'] as const;
const SETTINGS = '/api/v1/organization/settings';
const LOGO = '/api/v1/organization/logo';

export function useOrganizationSettings() {
  const api = useApi();
  return useQuery({ queryKey: key, queryFn: () => api.get<OrganizationSettingsDto>(SETTINGS) });
}

export function useSaveOrganizationSettings() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: OrganizationSettingsBody) => api.put<OrganizationSettingsDto>(SETTINGS, body),
    onSuccess: (saved) => queryClient.setQueryData(key, saved),
  });
}

export function useLogo() {
  const api = useApi();
  const queryClient = useQueryClient();
  const upload = useMutation({
    mutationFn: (file: File) => api.put<OrganizationSettingsDto>(LOGO, file),
    onSuccess: (saved) => queryClient.setQueryData(key, saved),
  });
  const remove = useMutation({
    mutationFn: () => api.delete<OrganizationSettingsDto>(LOGO),
    onSuccess: (saved) => queryClient.setQueryData(key, saved),
  });
  return { upload, remove };
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ConsentFields } from '../../../domain/disclosure/consent';
import { useApi } from '../../lib/api-context';

// 42 CFR Part 2 consents (decision 0029). Shapes follow src/server/modules/consents/consents.schemas.ts.

export type Person = { id: string; name: string };

export type { ConsentFields } from '../../../domain/disclosure/consent';

export type ConsentIssue = { element: string; path: string; message: string };

export type ConsentDto = ConsentFields & {
  id: string;
  patientId: string;
  status: 'draft' | 'active' | 'revoked';
  version: number;
  createdBy: Person;
  createdAt: string;
  activatedBy: Person | null;
  activatedAt: string | null;
  revokedBy: Person | null;
  revokedAt: string | null;
  revocationNote: string | null;
  missing: ConsentIssue[];
};

const base = (patientId: string) => `/api/v1/patients/${encodeURIComponent(patientId)}/consents`;
export const consentKeys = { list: (patientId: string) => ['consents', patientId] as const };

export function useConsents(patientId: string) {
  const api = useApi();
  return useQuery({
    queryKey: consentKeys.list(patientId),
    queryFn: () => api.get<{ consents: ConsentDto[] }>(base(patientId)),
    select: (data) => data.consents,
  });
}

export function useSaveConsent(patientId: string) {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { id: string | null; version: number | null; fields: ConsentFields }) =>
      input.id === null
        ? api.post<ConsentDto>(base(patientId), input.fields)
        : api.patch<ConsentDto>(`${base(patientId)}/${encodeURIComponent(input.id)}`, { ...input.fields, version: input.version }),
    onSettled: () => client.invalidateQueries({ queryKey: consentKeys.list(patientId) }),
  });
}

export function useActivateConsent(patientId: string) {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { id: string; version: number }) =>
      api.post<ConsentDto>(`${base(patientId)}/${encodeURIComponent(input.id)}/activate`, { version: input.version }),
    onSettled: () => client.invalidateQueries({ queryKey: consentKeys.list(patientId) }),
  });
}

export function useRevokeConsent(patientId: string) {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { id: string; version: number; receivedOn: string; note: string }) =>
      api.post<ConsentDto>(`${base(patientId)}/${encodeURIComponent(input.id)}/revoke`, {
        version: input.version,
        receivedOn: input.receivedOn,
        note: input.note,
      }),
    onSettled: () => client.invalidateQueries({ queryKey: consentKeys.list(patientId) }),
  });
}

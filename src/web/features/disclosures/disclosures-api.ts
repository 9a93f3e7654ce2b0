import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RequestedBasis } from '../../../domain/disclosure/decide-disclosure';
import type { DownloadedFile } from '../../lib/api';
import { useApi } from '../../lib/api-context';

// Disclosures to outside parties and the disclosure log (decision 0029). Shapes follow
// src/server/modules/disclosures/disclosures.schemas.ts.

export type DisclosureDto = {
  id: string;
  disclosedAt: string;
  disclosedBy: { id: string; name: string };
  recipient: string;
  purpose: string;
  basis: string;
  consentId: string | null;
  channel: 'pdf' | 'print' | 'data_export' | 'api_share';
  what: string;
  includedPart2: boolean;
  noticeIncluded: boolean;
};

export type DisclosureWhat =
  | { kind: 'note'; noteId: string }
  | { kind: 'plan'; planId: string }
  | { kind: 'chart'; from: string; to: string; includeCounselingNotes: boolean };

export type DisclosureRequest = {
  recipient: string;
  purpose: string;
  basis: RequestedBasis;
  consentId?: string;
  what: DisclosureWhat;
};

/** The channels that download a file here (decision 0030); an API share is made with useCreateShare. */
export type DisclosureChannel = 'pdf' | 'data_export';

export type ShareDto = {
  id: string;
  state: 'active' | 'expired' | 'revoked';
  recipient: string;
  purpose: string;
  basis: string;
  consentId: string | null;
  what: string;
  createdAt: string;
  createdBy: { id: string; name: string };
  expiresAt: string;
  revokedAt: string | null;
  fetchCount: number;
  lastFetchedAt: string | null;
};

export type CreatedShare = { share: ShareDto; token: string; endpoint: string };

export const CHANNEL_LABELS: Record<DisclosureDto['channel'], string> = {
  pdf: 'PDF file',
  print: 'Printed copy',
  data_export: 'Data file (JSON)',
  api_share: 'API share',
};

const base = (patientId: string) => `/api/v1/patients/${encodeURIComponent(patientId)}/disclosures`;
const key = (patientId: string) => ['disclosures', patientId] as const;

export function disclosuresCsvUrl(patientId: string): string {
  return `${base(patientId)}.csv`;
}

export function chartPdfUrl(patientId: string, from: string, to: string): string {
  return `/api/v1/patients/${encodeURIComponent(patientId)}/chart.pdf?${new URLSearchParams({ from, to }).toString()}`;
}

export function notePdfUrl(noteId: string): string {
  return `/api/v1/notes/${encodeURIComponent(noteId)}/pdf`;
}

export function planPdfUrl(planId: string): string {
  return `/api/v1/treatment-plans/${encodeURIComponent(planId)}/pdf`;
}

export function useDisclosures(patientId: string) {
  const api = useApi();
  return useQuery({
    queryKey: key(patientId),
    queryFn: () => api.get<{ disclosures: DisclosureDto[] }>(base(patientId)),
    select: (data) => data.disclosures,
  });
}

export function useSendRecords(patientId: string) {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (request: DisclosureRequest & { channel: DisclosureChannel }): Promise<DownloadedFile> =>
      api.postForFile(base(patientId), request),
    onSettled: () => client.invalidateQueries({ queryKey: key(patientId) }),
  });
}

const sharesBase = (patientId: string) => `/api/v1/patients/${encodeURIComponent(patientId)}/record-shares`;
const sharesKey = (patientId: string) => ['record-shares', patientId] as const;

export function useShares(patientId: string) {
  const api = useApi();
  return useQuery({
    queryKey: sharesKey(patientId),
    queryFn: () => api.get<{ shares: ShareDto[] }>(sharesBase(patientId)),
    select: (data) => data.shares,
  });
}

export function useCreateShare(patientId: string) {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (request: DisclosureRequest & { expiresInDays: number }) => api.post<CreatedShare>(sharesBase(patientId), request),
    onSettled: () => client.invalidateQueries({ queryKey: sharesKey(patientId) }),
  });
}

export function useRevokeShare(patientId: string) {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (shareId: string) => api.post<ShareDto>(`${sharesBase(patientId)}/${encodeURIComponent(shareId)}/revoke`, {}),
    onSettled: () => client.invalidateQueries({ queryKey: sharesKey(patientId) }),
  });
}

/** Hands a downloaded file to the browser as a download. */
export function saveFile(file: DownloadedFile, fallbackName: string): void {
  const url = URL.createObjectURL(file.blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = file.filename ?? fallbackName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

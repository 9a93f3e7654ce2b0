import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Instrument } from '../../../domain/instruments/instrument';
import { useApi } from '../../lib/api-context';

// The measures endpoints (issue #5). Shapes follow src/server/modules/measures/measures.schemas.ts.

export type ResponseDto = {
  id: string;
  instrument: string;
  instrumentVersion: string;
  administeredAt: string;
  complete: boolean;
  total: number | null;
  band: string | null;
  flags: string[];
  missingItems: string[];
  source: 'link' | 'kiosk' | 'staff_entry';
  enteredBy: { id: string; name: string } | null;
};

export type DueDto = {
  instrument: string;
  instrumentName: string;
  reason: 'baseline' | 'every_days' | 'every_sessions' | 'level_change' | 'discharge';
  dueOn: string;
  status: 'due' | 'overdue';
};

export type PatientMeasuresDto = {
  episodeId: string | null;
  due: DueDto[];
  instruments: { code: string; name: string; responses: ResponseDto[] }[];
};

export type LinkDto = { linkId: string; url: string; expiresAt: string; kind: 'link' | 'kiosk' };

const patientPath = (patientId: string) => `/api/v1/patients/${encodeURIComponent(patientId)}`;
const keys = { patient: (patientId: string) => ['measures', patientId] as const, instruments: ['instruments'] as const };

export function usePatientMeasures(patientId: string) {
  const api = useApi();
  return useQuery({ queryKey: keys.patient(patientId), queryFn: () => api.get<PatientMeasuresDto>(`${patientPath(patientId)}/measures`) });
}

export function useInstruments() {
  const api = useApi();
  return useQuery({
    queryKey: keys.instruments,
    queryFn: () => api.get<{ instruments: Instrument[] }>('/api/v1/instruments'),
    select: (data) => data.instruments,
    staleTime: Infinity,
  });
}

export function useEnterPaperForm(patientId: string) {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { instrument: string; answers: Record<string, number>; administeredAt: string; incomplete: boolean }) =>
      api.post<{ response: ResponseDto; alertId: string | null }>(`${patientPath(patientId)}/measures`, body),
    onSuccess: () =>
      Promise.all([client.invalidateQueries({ queryKey: keys.patient(patientId) }), client.invalidateQueries({ queryKey: ['safety'] })]),
  });
}

export function useCreateLink(patientId: string) {
  const api = useApi();
  return useMutation({
    mutationFn: (input: { instrument: string; language: 'en' | 'es'; kind: 'link' | 'kiosk' }) =>
      input.kind === 'link'
        ? api.post<LinkDto>(`${patientPath(patientId)}/measure-links`, { instrument: input.instrument, language: input.language })
        : api.post<LinkDto>('/api/v1/kiosk/sessions', { patientId, instrument: input.instrument, language: input.language }),
  });
}

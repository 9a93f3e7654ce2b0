import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../lib/api-context';
import type {
  CensusDto,
  Disposition,
  EpisodeDto,
  EpisodeListDto,
  MoveKind,
  PatientDto,
  PatientListDto,
  PlanDto,
  TransferResultDto,
} from '../../lib/api-types';
import type { PatientBody, PatientPatch } from './patient-form-values';

export type PatientSearch = {
  q: string;
  openEpisode: '' | 'true' | 'false';
  programId: string;
  page: number;
};

export const PAGE_SIZE = 25;

const patientPath = (patientId: string) => `/api/v1/patients/${encodeURIComponent(patientId)}`;
const episodePath = (episodeId: string) => `/api/v1/episodes/${encodeURIComponent(episodeId)}`;

const keys = {
  list: (search: PatientSearch) => ['patients', 'list', search] as const,
  patient: (patientId: string) => ['patients', 'one', patientId] as const,
  episodes: (patientId: string) => ['patients', 'episodes', patientId] as const,
  plan: (episodeId: string, asOf: string) => ['patients', 'plan', episodeId, asOf] as const,
  census: ['census'] as const,
};

export function usePatients(search: PatientSearch) {
  const api = useApi();
  return useQuery({
    queryKey: keys.list(search),
    queryFn: () =>
      api.get<PatientListDto>('/api/v1/patients', {
        q: search.q,
        openEpisode: search.openEpisode,
        programId: search.programId,
        limit: PAGE_SIZE,
        offset: (search.page - 1) * PAGE_SIZE,
      }),
    placeholderData: keepPreviousData,
  });
}

export function usePatient(patientId: string) {
  const api = useApi();
  return useQuery({
    queryKey: keys.patient(patientId),
    queryFn: () => api.get<PatientDto>(patientPath(patientId)),
  });
}

export function useEpisodes(patientId: string) {
  const api = useApi();
  return useQuery({
    queryKey: keys.episodes(patientId),
    queryFn: () => api.get<EpisodeListDto>(`${patientPath(patientId)}/episodes`),
    select: (data) => data.episodes,
  });
}

/** Programs with today's census: the choices for admission and transfer. */
export function useCensusPrograms() {
  const api = useApi();
  return useQuery({
    queryKey: keys.census,
    queryFn: () => api.get<CensusDto>('/api/v1/census'),
    select: (data) => data.programs,
  });
}

export function usePlan(episodeId: string, asOf: string) {
  const api = useApi();
  return useQuery({
    queryKey: keys.plan(episodeId, asOf),
    queryFn: () => api.get<PlanDto>(`${episodePath(episodeId)}/plan`, { asOf: asOf === '' ? undefined : asOf }),
    placeholderData: keepPreviousData,
  });
}

export function useCreatePatient() {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: PatientBody) => api.post<PatientDto>('/api/v1/patients', body),
    onSuccess: () => client.invalidateQueries({ queryKey: ['patients', 'list'] }),
  });
}

export function useUpdatePatient(patientId: string) {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (patch: PatientPatch) => api.patch<PatientDto>(patientPath(patientId), patch),
    onSuccess: (saved) => {
      client.setQueryData(keys.patient(patientId), saved);
      return client.invalidateQueries({ queryKey: ['patients', 'list'] });
    },
  });
}

/** After any episode change: the patient's episodes, plans, the list's open episodes and the census. */
function useInvalidateEpisodes(patientId: string) {
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: keys.episodes(patientId) }),
      client.invalidateQueries({ queryKey: ['patients', 'plan'] }),
      client.invalidateQueries({ queryKey: ['patients', 'list'] }),
      client.invalidateQueries({ queryKey: keys.census }),
    ]);
}

export type AdmitBody = { programId: string; admittedOn: string; expectedWeeks: number | null };

export function useAdmit(patientId: string) {
  const api = useApi();
  const invalidate = useInvalidateEpisodes(patientId);
  return useMutation({
    mutationFn: (body: AdmitBody) => api.post<EpisodeDto>(`${patientPath(patientId)}/episodes`, body),
    onSuccess: invalidate,
  });
}

export type TransferBody = {
  kind: MoveKind;
  toProgramId?: string;
  toInpatient?: true;
  effectiveOn: string;
  reason: string;
  referralNote?: string;
  expectedWeeks?: number | null;
};

export function useTransfer(patientId: string, episodeId: string) {
  const api = useApi();
  const invalidate = useInvalidateEpisodes(patientId);
  return useMutation({
    mutationFn: (body: TransferBody) => api.post<TransferResultDto>(`${episodePath(episodeId)}/transfer`, body),
    onSuccess: invalidate,
  });
}

export type DischargeBody = {
  dischargedOn: string;
  disposition: Disposition;
  aftercareNote: string;
};

export function useDischarge(patientId: string, episodeId: string) {
  const api = useApi();
  const invalidate = useInvalidateEpisodes(patientId);
  return useMutation({
    mutationFn: (body: DischargeBody) => api.post<EpisodeDto>(`${episodePath(episodeId)}/discharge`, body),
    onSuccess: invalidate,
  });
}

export type PlanBody = {
  version: number;
  enrolments: { templateId: string; startsOn: string; endsOn: string | null }[];
};

export function useSavePlan(episodeId: string) {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: PlanBody) => api.put<PlanDto>(`${episodePath(episodeId)}/plan`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: ['patients', 'plan', episodeId] }),
  });
}

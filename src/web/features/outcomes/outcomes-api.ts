import { useQuery } from '@tanstack/react-query';
import { useApi } from '../../lib/api-context';

// Trends and population outcomes (issue #5). Shapes follow src/server/modules/outcomes/outcomes.schemas.ts.

export type Reliable = 'improvement' | 'deterioration' | 'none' | null;

export type TrendPointDto = {
  id: string;
  episodeId: string | null;
  administeredAt: string;
  total: number;
  band: string | null;
  isBaseline: boolean;
  baselineTotal: number;
  change: number;
  response: boolean;
  remission: boolean | null;
  reliable: Reliable;
};

export type TrendDto = {
  code: string;
  name: string;
  range: { min: number; max: number };
  bands: { min: number; max: number; name: string }[];
  remissionBelow: number | null;
  reliability: { sd: number; reliability: number; verified: boolean; sources: string[] } | null;
  baselines: { episodeId: string | null; administeredAt: string; total: number }[];
  points: TrendPointDto[];
  incomplete: { id: string; administeredAt: string }[];
};

export type LevelMarkerDto = {
  kind: 'admitted' | 'transferred_in' | 'transferred_out' | 'stepped_up' | 'stepped_down' | 'level_changed' | 'discharged' | 'assessment';
  date: string;
  fromLevel: string | null;
  toLevel: string | null;
};

export type PatientTrendsDto = { patientId: string; instruments: TrendDto[]; levelOfCare: LevelMarkerDto[] };

export type RateDto = { numerator: number; denominator: number; percent: number | null };

export type OutcomesDto = {
  program: { id: string; name: string };
  instrument: { code: string; name: string };
  from: string;
  to: string;
  timeZone: string;
  episodes: number;
  withBaseline: number;
  withFollowUp: number;
  followUp: RateDto;
  meanChange: { sum: number; count: number; mean: number | null };
  response: RateDto;
  remission: RateDto | null;
  reliableImprovement: RateDto | null;
  reliableDeterioration: RateDto | null;
  reliabilityVerified: boolean | null;
  reliabilitySources: string[];
};

export type OutcomesParams = { programId: string; instrument: string; from: string; to: string };

// Under the measures key, so entering a response (which invalidates ['measures', patientId]) redraws the chart.
export function usePatientTrends(patientId: string) {
  const api = useApi();
  return useQuery({
    queryKey: ['measures', patientId, 'trends'],
    queryFn: () => api.get<PatientTrendsDto>(`/api/v1/patients/${encodeURIComponent(patientId)}/trends`),
  });
}

export function useOutcomes(params: OutcomesParams | null) {
  const api = useApi();
  return useQuery({
    queryKey: ['outcomes', params],
    queryFn: () => api.get<OutcomesDto>('/api/v1/outcomes', params ?? {}),
    enabled: params !== null,
  });
}

export function outcomesCsvHref(params: OutcomesParams): string {
  return `/api/v1/outcomes.csv?${new URLSearchParams(params).toString()}`;
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { LocReason } from '../../../domain/level-of-care/engine';
import type { LocLevel, LocPack } from '../../../domain/level-of-care/pack';
import { useApi } from '../../lib/api-context';

// The server's level-of-care API (src/server/modules/level-of-care). The pack is the domain's own
// type: the page runs the same engine on it for the live recommendation; the server recomputes on save.

export type AssessmentSubject = { kind: 'inquiry'; id: string } | { kind: 'patient'; id: string };

export type StoredRatingDto = {
  dimensionId: string;
  title: string;
  rating: number;
  label: string;
  level: LocLevel | null;
  note: string | null;
};

export type AssessmentDto = {
  id: string;
  inquiryId: string | null;
  patientId: string | null;
  episodeId: string | null;
  pack: { id: string; version: number; name: string | null };
  ratings: StoredRatingDto[];
  recommendedLevel: LocLevel;
  reasons: LocReason[];
  finalLevel: LocLevel;
  overridden: boolean;
  overrideReason: string | null;
  note: string | null;
  assessedBy: { id: string; name: string };
  assessedAt: string;
};

export type AssessBody = {
  ratings: { dimensionId: string; rating: number; note?: string }[];
  finalLevel: LocLevel;
  pack: { id: string; version: number };
  overrideReason?: string;
  note?: string;
};

function subjectPath(subject: AssessmentSubject): string {
  const base = subject.kind === 'inquiry' ? '/api/v1/inquiries' : '/api/v1/patients';
  return `${base}/${encodeURIComponent(subject.id)}/loc-assessments`;
}

const keys = {
  pack: ['level-of-care', 'pack'] as const,
  history: (subject: AssessmentSubject) => ['level-of-care', 'history', subject.kind, subject.id] as const,
};

export function useCurrentPack() {
  const api = useApi();
  return useQuery({
    queryKey: keys.pack,
    queryFn: () => api.get<LocPack>('/api/v1/level-of-care/packs/current'),
    staleTime: 5 * 60_000,
  });
}

export function useAssessmentHistory(subject: AssessmentSubject) {
  const api = useApi();
  return useQuery({
    queryKey: keys.history(subject),
    queryFn: () => api.get<{ assessments: AssessmentDto[] }>(subjectPath(subject)),
    select: (data) => data.assessments,
  });
}

export function useSaveAssessment(subject: AssessmentSubject) {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: AssessBody) => api.post<AssessmentDto>(subjectPath(subject), body),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: keys.history(subject) });
      // An inquiry's page offers admission once a qualifying assessment exists: read it again.
      if (subject.kind === 'inquiry') await client.invalidateQueries({ queryKey: ['inquiries'] });
    },
  });
}

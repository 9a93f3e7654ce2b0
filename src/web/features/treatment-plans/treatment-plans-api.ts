import type { NoteType } from '../../../domain/notes/note-content';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { IntensityFinding } from '../../../domain/intensity/weekly-intensity';
import type { TreatmentPlanContent } from '../../../domain/treatment-plans/plan-content';
import type { PlanVersionStatus, ReviewStatus } from '../../../domain/treatment-plans/plan-review';
import type { PlannedIntensityRules } from '../../../domain/treatment-plans/planned-intensity';
import type { SignLinkState } from '../../../domain/treatment-plans/sign-links';
import { useApi } from '../../lib/api-context';

// The treatment plan endpoints (issue #6, decision 0026). Shapes follow
// src/server/modules/treatment-plans/treatment-plans.schemas.ts.

export type Person = { id: string; name: string };

export type PlanSummaryDto = {
  id: string;
  planVersion: number;
  status: PlanVersionStatus;
  part2: boolean;
  createdBy: Person;
  createdAt: string;
  clinicianSignedBy: Person | null;
  clinicianSignedAt: string | null;
  patientSignedAt: string | null;
  patientDeclined: boolean;
  reviewDueOn: string | null;
  reviewStatus: ReviewStatus | null;
  revisionReason: string | null;
};

export type ProgramOfPlan = { id: string; name: string; rules: PlannedIntensityRules };

export type PlanDto = PlanSummaryDto & {
  patientId: string;
  episodeId: string;
  content: TreatmentPlanContent;
  plannedDaysPerWeek: number | null;
  plannedMinutesPerWeek: number | null;
  reviewedOn: string | null;
  version: number;
  updatedAt: string;
  patientSignature: { name: string; at: string; method: 'device' | 'link'; hasImage: boolean } | null;
  patientDeclinedReason: string | null;
  program: ProgramOfPlan;
  intensityFindings: IntensityFinding[];
};

export type EpisodePlansDto = { episodeId: string; admittedOn: string; program: ProgramOfPlan; versions: PlanSummaryDto[] };
export type PatientPlansDto = { episodes: EpisodePlansDto[]; staff: Person[] };

export type DraftBody = {
  version: number;
  content: TreatmentPlanContent;
  plannedDaysPerWeek: number | null;
  plannedMinutesPerWeek: number | null;
};

export type SignLinkDto = {
  id: string;
  state: SignLinkState;
  expiresAt: string;
  usedAt: string | null;
  revokedAt: string | null;
  createdBy: Person;
  createdAt: string;
};
export type CreatedSignLinkDto = { linkId: string; url: string; expiresAt: string };

export type ObjectiveHistoryDto = {
  planId: string;
  planVersion: number;
  objectives: {
    id: string;
    statement: string;
    targetDate: string;
    status: string;
    problem: string;
    goal: string;
    notes: { id: string; serviceDate: string; noteType: NoteType; author: Person; signedAt: string }[];
  }[];
  withheldNotes: number;
};

export type ReviewDueDto = {
  patientId: string;
  patientName: string;
  episodeId: string;
  programName: string;
  kind: 'overdue' | 'due' | 'missing';
  planId: string | null;
  planVersion: number | null;
  reviewDueOn: string | null;
  admittedOn: string;
  hasDraft: boolean;
};

export type PatientSignatureBody = { signedName: string; attested: true; signatureImage?: string } | { declinedReason: string };

const planPath = (planId: string) => `/api/v1/treatment-plans/${encodeURIComponent(planId)}`;
const episodePath = (episodeId: string) => `/api/v1/episodes/${encodeURIComponent(episodeId)}/treatment-plans`;

export const planKeys = {
  all: ['treatment-plans'] as const,
  patient: (patientId: string) => ['treatment-plans', 'patient', patientId] as const,
  plan: (planId: string) => ['treatment-plans', 'plan', planId] as const,
  links: (planId: string) => ['treatment-plans', 'links', planId] as const,
  history: (planId: string) => ['treatment-plans', 'history', planId] as const,
  reviews: ['treatment-plans', 'reviews'] as const,
};

export function usePatientPlans(patientId: string) {
  const api = useApi();
  return useQuery({
    queryKey: planKeys.patient(patientId),
    queryFn: () => api.get<PatientPlansDto>(`/api/v1/patients/${encodeURIComponent(patientId)}/treatment-plans`),
  });
}

export function usePlan(planId: string) {
  const api = useApi();
  return useQuery({ queryKey: planKeys.plan(planId), queryFn: () => api.get<PlanDto>(planPath(planId)) });
}

/** After any change: the plan itself is set from the answer, lists are refetched. */
function usePlanMutation<I>(request: (input: I) => Promise<PlanDto>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: (plan) => {
      client.setQueryData(planKeys.plan(plan.id), plan);
      void client.invalidateQueries({ queryKey: planKeys.patient(plan.patientId) });
      void client.invalidateQueries({ queryKey: planKeys.reviews });
    },
  });
}

export function useCreatePlan() {
  const api = useApi();
  return usePlanMutation((episodeId: string) => api.post<PlanDto>(episodePath(episodeId)));
}

export function useStartRevision() {
  const api = useApi();
  return usePlanMutation((input: { episodeId: string; reason: string; isReview: boolean }) =>
    api.post<PlanDto>(`${episodePath(input.episodeId)}/revisions`, { reason: input.reason, isReview: input.isReview }),
  );
}

/** The autosave: not through usePlanMutation, so the editor's own state stays the source of truth while typing. */
export function useSaveDraft(planId: string) {
  const api = useApi();
  return useMutation({ mutationFn: (body: DraftBody) => api.put<PlanDto>(planPath(planId), body) });
}

export function useSignPlan() {
  const api = useApi();
  return usePlanMutation((input: { planId: string; version: number }) =>
    api.post<PlanDto>(`${planPath(input.planId)}/sign`, { version: input.version }),
  );
}

export function usePatientSignature() {
  const api = useApi();
  return usePlanMutation((input: { planId: string; body: PatientSignatureBody }) =>
    api.post<PlanDto>(`${planPath(input.planId)}/patient-signature`, input.body),
  );
}

export function useSignLinks(planId: string) {
  const api = useApi();
  return useQuery({
    queryKey: planKeys.links(planId),
    queryFn: () => api.get<{ links: SignLinkDto[] }>(`${planPath(planId)}/sign-links`),
    select: (data) => data.links,
  });
}

export function useCreateSignLink(planId: string) {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<CreatedSignLinkDto>(`${planPath(planId)}/sign-links`),
    onSettled: () => client.invalidateQueries({ queryKey: planKeys.links(planId) }),
  });
}

export function useRevokeSignLink(planId: string) {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (linkId: string) => api.post<SignLinkDto>(`${planPath(planId)}/sign-links/${encodeURIComponent(linkId)}/revoke`),
    onSettled: () => client.invalidateQueries({ queryKey: planKeys.links(planId) }),
  });
}

export function useObjectiveHistory(planId: string) {
  const api = useApi();
  return useQuery({
    queryKey: planKeys.history(planId),
    queryFn: () => api.get<ObjectiveHistoryDto>(`${planPath(planId)}/objective-history`),
  });
}

export function usePlanReviews() {
  const api = useApi();
  return useQuery({
    queryKey: planKeys.reviews,
    queryFn: () => api.get<{ items: ReviewDueDto[] }>('/api/v1/treatment-plan-reviews'),
    select: (data) => data.items,
  });
}

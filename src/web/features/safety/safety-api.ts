import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AlertAction, AlertSeverity } from '../../../domain/safety/alerts';
import type { SafetyPlanContent } from '../../../domain/safety/safety-plan';
import { useApi } from '../../lib/api-context';

// The safety endpoints (issue #5). Shapes follow src/server/modules/safety/safety.schemas.ts.

export type Person = { id: string; name: string };

export type AlertDto = {
  id: string;
  subject: { kind: 'patient' | 'inquiry'; id: string; name: string };
  source: 'measure' | 'self_check' | 'staff';
  sourceRef: string | null;
  severity: AlertSeverity;
  reasonCode: string;
  reason: string;
  note: string | null;
  raisedBy: Person | null;
  createdAt: string;
  waitingMinutes: number;
  escalateAt: string;
  escalated: boolean;
  escalatedAt: string | null;
  acknowledgedAt: string | null;
  acknowledgedBy: Person | null;
  actions: AlertAction[];
  ackNote: string | null;
};

export type PlanDto = SafetyPlanContent & { version: number; createdBy: Person; createdAt: string };
export type PlanVersionDto = { version: number; createdBy: Person; createdAt: string };
export type CurrentPlanDto = { current: PlanDto | null; versions: PlanVersionDto[] };

export type AlertStatus = 'open' | 'acknowledged';

const patientPath = (patientId: string) => `/api/v1/patients/${encodeURIComponent(patientId)}`;

const keys = {
  all: ['safety'] as const,
  alerts: (status: AlertStatus, patientId: string | undefined) => ['safety', 'alerts', status, patientId ?? ''] as const,
  count: ['safety', 'count'] as const,
  plan: (patientId: string) => ['safety', 'plan', patientId] as const,
  version: (patientId: string, version: number) => ['safety', 'plan', patientId, version] as const,
};

/** Waiting minutes change with time: refresh the queue every half minute. */
const QUEUE_REFRESH_MS = 30_000;

export function useAlerts(status: AlertStatus, patientId?: string) {
  const api = useApi();
  return useQuery({
    queryKey: keys.alerts(status, patientId),
    queryFn: () => api.get<{ alerts: AlertDto[] }>('/api/v1/safety/alerts', { status, patientId }),
    select: (data) => data.alerts,
    refetchInterval: status === 'open' ? QUEUE_REFRESH_MS : false,
  });
}

export function useOpenAlertCount(enabled: boolean) {
  const api = useApi();
  return useQuery({
    queryKey: keys.count,
    queryFn: () => api.get<{ open: number }>('/api/v1/safety/alerts/count'),
    select: (data) => data.open,
    enabled,
    refetchInterval: QUEUE_REFRESH_MS,
  });
}

export function useAcknowledge() {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { alertId: string; actions: AlertAction[]; note: string }) =>
      api.post<AlertDto>(`/api/v1/safety/alerts/${encodeURIComponent(input.alertId)}/acknowledge`, {
        actions: input.actions,
        ...(input.note.trim() === '' ? {} : { note: input.note }),
      }),
    onSettled: () => client.invalidateQueries({ queryKey: keys.all }),
  });
}

export function useRaiseAlert(patientId: string) {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { severity: AlertSeverity; note: string }) => api.post<AlertDto>(`${patientPath(patientId)}/safety-alerts`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.all }),
  });
}

export function useSafetyPlan(patientId: string) {
  const api = useApi();
  return useQuery({ queryKey: keys.plan(patientId), queryFn: () => api.get<CurrentPlanDto>(`${patientPath(patientId)}/safety-plan`) });
}

export function usePlanVersion(patientId: string, version: number | null) {
  const api = useApi();
  return useQuery({
    queryKey: keys.version(patientId, version ?? 0),
    queryFn: () => api.get<PlanDto>(`${patientPath(patientId)}/safety-plan/versions/${version ?? 0}`),
    enabled: version !== null,
  });
}

export function useSavePlan(patientId: string) {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: SafetyPlanContent & { basedOnVersion: number }) => api.post<PlanDto>(`${patientPath(patientId)}/safety-plan`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.plan(patientId) }),
  });
}

export function planPdfUrl(patientId: string): string {
  return `${patientPath(patientId)}/safety-plan.pdf`;
}

// Safety plan links (decision 0024): the URL with the token comes back once, on creation.
export type PlanLinkState = 'active' | 'expired' | 'revoked';
export type PlanLinkDto = {
  id: string;
  state: PlanLinkState;
  expiresAt: string;
  revokedAt: string | null;
  createdBy: Person;
  createdAt: string;
  lastViewedAt: string | null;
};
export type CreatedPlanLinkDto = { linkId: string; url: string; expiresAt: string };

const linksKey = (patientId: string) => ['safety', 'plan-links', patientId] as const;

export function usePlanLinks(patientId: string) {
  const api = useApi();
  return useQuery({
    queryKey: linksKey(patientId),
    queryFn: () => api.get<{ links: PlanLinkDto[] }>(`${patientPath(patientId)}/safety-plan/links`),
    select: (data) => data.links,
  });
}

export function useCreatePlanLink(patientId: string) {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<CreatedPlanLinkDto>(`${patientPath(patientId)}/safety-plan/links`),
    onSettled: () => client.invalidateQueries({ queryKey: linksKey(patientId) }),
  });
}

export function useRevokePlanLink(patientId: string) {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (linkId: string) =>
      api.post<PlanLinkDto>(`${patientPath(patientId)}/safety-plan/links/${encodeURIComponent(linkId)}/revoke`),
    onSettled: () => client.invalidateQueries({ queryKey: linksKey(patientId) }),
  });
}

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../lib/api-context';
import type { AdmissionsReportDto, CallOutcome, InquiryDetailDto, InquiryListDto, InquiryStage, TaskDto } from './admissions-types';

export type InquirySearch = {
  stage: InquiryStage | 'open' | 'all';
  q: string;
  urgent: boolean;
  overdue: boolean;
  mine: boolean;
  page: number;
};

const inquiryPath = (inquiryId: string) => `/api/v1/inquiries/${encodeURIComponent(inquiryId)}`;

const keys = {
  list: (search: InquirySearch, ownerId: string) => ['inquiries', 'list', search, ownerId] as const,
  one: (inquiryId: string) => ['inquiries', 'one', inquiryId] as const,
  tasks: ['inquiries', 'tasks'] as const,
  report: (from: string, to: string) => ['inquiries', 'report', from, to] as const,
};

export const BOARD_PAGE_SIZE = 200;
export const LIST_PAGE_SIZE = 25;

export function useInquiries(search: InquirySearch, userId: string, pageSize: number) {
  const api = useApi();
  return useQuery({
    queryKey: [...keys.list(search, userId), pageSize],
    queryFn: () =>
      api.get<InquiryListDto>('/api/v1/inquiries', {
        stage: search.stage,
        q: search.q,
        urgent: search.urgent ? 'true' : undefined,
        overdue: search.overdue ? 'true' : undefined,
        ownerId: search.mine ? userId : undefined,
        page: search.page,
        pageSize,
      }),
    placeholderData: keepPreviousData,
    // The clock moves and new inquiries arrive: refresh every two minutes (each refresh is an audited read of every card).
    refetchInterval: 120_000,
  });
}

export function useInquiry(inquiryId: string) {
  const api = useApi();
  return useQuery({ queryKey: keys.one(inquiryId), queryFn: () => api.get<InquiryDetailDto>(inquiryPath(inquiryId)) });
}

export function useMyTasks() {
  const api = useApi();
  return useQuery({
    queryKey: keys.tasks,
    queryFn: () => api.get<{ tasks: TaskDto[] }>('/api/v1/inquiry-tasks', { mine: '1' }),
    select: (data) => data.tasks,
  });
}

export function useAdmissionsReport(from: string, to: string) {
  const api = useApi();
  return useQuery({
    queryKey: keys.report(from, to),
    queryFn: () => api.get<AdmissionsReportDto>('/api/v1/admissions/report', { from, to }),
  });
}

/** A change to one inquiry: the answer is its new detail, and the board and tasks are stale. */
function useInquiryChange<B>(inquiryId: string, suffix: string) {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: B) => api.post<InquiryDetailDto>(`${inquiryPath(inquiryId)}/${suffix}`, body),
    onSuccess: async (detail) => {
      client.setQueryData(keys.one(inquiryId), detail);
      await client.invalidateQueries({ queryKey: ['inquiries', 'list'] });
      await client.invalidateQueries({ queryKey: keys.tasks });
    },
  });
}

export type ActivityBody = { kind: 'call' | 'email' | 'text_message' | 'note'; callOutcome?: CallOutcome; body?: string };
export type StageBody = { version: number; to: InquiryStage; reason?: string; reasonText?: string; referredTo?: string };

export const useLogActivity = (inquiryId: string) => useInquiryChange<ActivityBody>(inquiryId, 'activities');
export const useChangeStage = (inquiryId: string) => useInquiryChange<StageBody>(inquiryId, 'stage');
export const useBookAssessment = (inquiryId: string) =>
  useInquiryChange<{ version: number; at: string; clinicianId: string }>(inquiryId, 'assessment-booking');
export const useAssignOwner = (inquiryId: string) => useInquiryChange<{ version: number; ownerId: string | null }>(inquiryId, 'owner');
export const useMerge = (inquiryId: string) => useInquiryChange<{ version: number; duplicateId: string }>(inquiryId, 'merge');

export function useAddTask(inquiryId: string) {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { title: string; dueAt: string; ownerId?: string }) => api.post<TaskDto>(`${inquiryPath(inquiryId)}/tasks`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: ['inquiries'] }),
  });
}

export function useCompleteTask(inquiryId: string) {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (taskId: string) => api.post<TaskDto>(`${inquiryPath(inquiryId)}/tasks/${encodeURIComponent(taskId)}/done`),
    onSuccess: () => client.invalidateQueries({ queryKey: ['inquiries'] }),
  });
}

export type NewInquiryBody = {
  forWhom: 'self' | 'loved_one';
  contactName: string;
  patientName?: string;
  phone?: string;
  email?: string;
  concerns?: string;
  urgent: boolean;
  urgentReason?: string;
  contactMade: boolean;
};

export function useCreateInquiry() {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewInquiryBody) => api.post<InquiryDetailDto>('/api/v1/inquiries', body),
    onSuccess: () => client.invalidateQueries({ queryKey: ['inquiries', 'list'] }),
  });
}

export type AdmitBody = {
  version: number;
  programId: string;
  admittedOn: string;
  expectedWeeks: number | null;
  patient: {
    legalFirstName: string;
    legalLastName: string;
    preferredName?: string;
    pronouns?: string;
    dateOfBirth: string;
    stateOfResidence: string;
    phone?: string;
    email?: string;
    /** Decision 0033: proposed from a web-form inquiry's language; staff may change it. */
    preferredLanguage: 'en' | 'es' | null;
  };
};

export function useAdmitInquiry(inquiryId: string) {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: AdmitBody) =>
      api.post<{ inquiryId: string; patientId: string; episodeId: string; assessmentsAttached: number }>(
        `${inquiryPath(inquiryId)}/admit`,
        body,
      ),
    onSuccess: () =>
      Promise.all([client.invalidateQueries({ queryKey: ['inquiries'] }), client.invalidateQueries({ queryKey: ['patients'] })]),
  });
}

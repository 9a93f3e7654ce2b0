import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../../lib/api';
import { useApi } from '../../lib/api-context';
import type {
  AppointmentDto,
  AppointmentKind,
  CalendarDto,
  CalendarFeedStatusDto,
  CalendarViewKind,
  GroupTemplateDto,
  GroupTemplatesDto,
  NewCalendarFeedDto,
  ScheduleConflictDto,
  ScheduleOptionsDto,
  CalendarSessionDto,
  TemplateWithGenerationDto,
} from '../../lib/api-types';

const scheduleKey = ['schedule'] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const feedKey = ['calendar', 'feed'] as const;

export type TemplateBody = {
  programId: string;
  title: string;
  modality: string;
  daysOfWeek: number[];
  startTime: string;
  durationMinutes: number;
  facilitatorIds: string[];
  roomId: string | null;
  telehealth: boolean;
  capacity: number;
  startsOn: string;
  endsOn: string | null;
};

export type SessionChange =
  | { action: 'move'; version: number; date: string; startTime: string; durationMinutes: number }
  | { action: 'cancel'; version: number; reason: string }
  | { action: 'restore'; version: number }
  | { action: 'substitute'; version: number; facilitatorId: string | null; replacesFacilitatorId?: string };

export type AppointmentBody = {
  kind: AppointmentKind;
  patientId: string;
  clinicianId: string;
  siteId: string;
  roomId: string | null;
  telehealth: boolean;
  date: string;
  startTime: string;
  durationMinutes: number;
};

/** The messages of a 409 SCHEDULE_CONFLICT (double bookings, full room, licensing), or none. */
export function conflictMessages(error: unknown): string[] {
  if (!(error instanceof ApiError) || error.code !== 'SCHEDULE_CONFLICT') return [];
  if (!Array.isArray(error.details)) return [error.message];
  const messages = (error.details as unknown[]).flatMap((item) =>
    typeof item === 'object' && item !== null && typeof (item as ScheduleConflictDto).message === 'string'
      ? [(item as ScheduleConflictDto).message]
      : [],
  );
  return messages.length > 0 ? messages : [error.message];
}

export function useScheduleOptions() {
  const api = useApi();
  return useQuery({
    queryKey: [...scheduleKey, 'options'],
    queryFn: () => api.get<ScheduleOptionsDto>('/api/v1/schedules/options'),
    staleTime: 60_000,
  });
}

export function useCalendar(view: CalendarViewKind, id: string | null, week: string) {
  const api = useApi();
  return useQuery({
    queryKey: [...scheduleKey, 'calendar', view, id, week],
    queryFn: () => api.get<CalendarDto>('/api/v1/calendar', { view, id: id ?? '', week }),
    // A half-typed patient ID is not asked for.
    enabled: id !== null && UUID.test(id),
  });
}

export function useTemplates(siteId: string | null) {
  const api = useApi();
  return useQuery({
    queryKey: [...scheduleKey, 'templates', siteId],
    queryFn: () => api.get<GroupTemplatesDto>('/api/v1/schedules/templates', { siteId: siteId ?? undefined }),
    enabled: siteId !== null,
    select: (data) => data.templates,
  });
}

export function useTemplate(templateId: string) {
  const api = useApi();
  return useQuery({
    queryKey: [...scheduleKey, 'template', templateId],
    queryFn: () => api.get<GroupTemplateDto>(`/api/v1/schedules/templates/${encodeURIComponent(templateId)}`),
  });
}

function useInvalidateSchedule() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: scheduleKey });
}

export function useSaveTemplate() {
  const api = useApi();
  const invalidate = useInvalidateSchedule();
  return useMutation({
    mutationFn: (input: { templateId: string | null; version: number; body: TemplateBody }) =>
      input.templateId === null
        ? api.post<TemplateWithGenerationDto>('/api/v1/schedules/templates', input.body)
        : api.patch<TemplateWithGenerationDto>(`/api/v1/schedules/templates/${encodeURIComponent(input.templateId)}`, {
            ...input.body,
            version: input.version,
          }),
    onSuccess: invalidate,
  });
}

export function useEndTemplate() {
  const api = useApi();
  const invalidate = useInvalidateSchedule();
  return useMutation({
    mutationFn: (input: { templateId: string; version: number; endsOn: string }) =>
      api.post<TemplateWithGenerationDto>(`/api/v1/schedules/templates/${encodeURIComponent(input.templateId)}/end`, {
        endsOn: input.endsOn,
        version: input.version,
      }),
    onSuccess: invalidate,
  });
}

export function useChangeSession() {
  const api = useApi();
  const invalidate = useInvalidateSchedule();
  return useMutation({
    mutationFn: (input: { sessionId: string; change: SessionChange }) =>
      api.patch<CalendarSessionDto>(`/api/v1/sessions/${encodeURIComponent(input.sessionId)}`, input.change),
    onSuccess: invalidate,
  });
}

export function useBookAppointment() {
  const api = useApi();
  const invalidate = useInvalidateSchedule();
  return useMutation({
    mutationFn: (body: AppointmentBody) => api.post<AppointmentDto>('/api/v1/appointments', body),
    onSuccess: invalidate,
  });
}

export function useCancelAppointment() {
  const api = useApi();
  const invalidate = useInvalidateSchedule();
  return useMutation({
    mutationFn: (input: { appointmentId: string; version: number; reason: string }) =>
      api.post<AppointmentDto>(`/api/v1/appointments/${encodeURIComponent(input.appointmentId)}/cancel`, {
        reason: input.reason,
        version: input.version,
      }),
    onSuccess: invalidate,
  });
}

export function useFeedStatus() {
  const api = useApi();
  return useQuery({ queryKey: feedKey, queryFn: () => api.get<CalendarFeedStatusDto>('/api/v1/calendar/feed') });
}

export function useCreateFeed() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<NewCalendarFeedDto>('/api/v1/calendar/feed'),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: feedKey }),
  });
}

export function useRevokeFeed() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete<undefined>('/api/v1/calendar/feed'),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: feedKey }),
  });
}

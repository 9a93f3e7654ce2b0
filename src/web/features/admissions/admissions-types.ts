// Shapes of the admissions API (src/server/modules/admissions/admissions.schemas.ts); the server's
// OpenAPI document is the source of truth.
import type { InquiryStage } from '../../../domain/admissions/stage-rules';

export type { InquiryStage };

export type ResponseClockDto = { minutesWaiting: number | null; minutesToFirstContact: number | null; overdue: boolean; dueAt: string };

export type InquiryCoreDto = {
  id: string;
  stage: InquiryStage;
  closedReason: string | null;
  referredTo: string | null;
  urgent: boolean;
  urgentReason: string | null;
  source: 'web_form' | 'api' | 'staff';
  language: 'en' | 'es';
  forWhom: 'self' | 'loved_one';
  contactName: string;
  patientName: string | null;
  phone: string | null;
  email: string | null;
  programId: string | null;
  programName: string | null;
  ownerId: string | null;
  ownerName: string | null;
  firstContactAt: string | null;
  assessmentAt: string | null;
  assessmentClinicianId: string | null;
  assessmentClinicianName: string | null;
  admittedAt: string | null;
  patientId: string | null;
  episodeId: string | null;
  mergedIntoId: string | null;
  version: number;
  createdAt: string;
  clock: ResponseClockDto;
};

export type InquirySummaryDto = InquiryCoreDto & { openTasks: number; nextTaskDueAt: string | null; duplicateCount: number };

export type InquiryListDto = {
  inquiries: InquirySummaryDto[];
  total: number;
  page: number;
  pageSize: number;
  responseTargetMinutes: number;
};

export type CallOutcome = 'reached' | 'left_voicemail' | 'no_answer' | 'wrong_number';

export type ActivityDto = {
  id: string;
  kind: 'call' | 'email' | 'text_message' | 'note' | 'stage_change' | 'assessment_booked' | 'merged' | 'submitted';
  callOutcome: CallOutcome | null;
  body: string | null;
  stageFrom: string | null;
  stageTo: string | null;
  createdBy: string | null;
  createdByName: string | null;
  createdAt: string;
};

export type TaskDto = {
  id: string;
  inquiryId: string;
  contactName: string;
  title: string;
  dueAt: string;
  ownerId: string;
  ownerName: string;
  doneAt: string | null;
  overdue: boolean;
};

export type InquiryDetailDto = InquiryCoreDto & {
  bestTime: string | null;
  state: string | null;
  ageRange: string | null;
  concerns: string | null;
  formatPreference: string | null;
  payerName: string | null;
  memberId: string | null;
  heardAbout: string | null;
  selfCheck: unknown;
  activities: ActivityDto[];
  tasks: TaskDto[];
  duplicates: { id: string; stage: InquiryStage; contactName: string; phone: string | null; email: string | null; createdAt: string }[];
  assessments: { id: string; assessedAt: string; recommendedLevel: string; finalLevel: string }[];
  admission: { allowed: boolean; rule: string | null; message: string | null; level: string | null };
};

export type Count = { key: string; count: number };

export type AdmissionsReportDto = {
  from: string;
  to: string;
  total: number;
  bySource: Count[];
  byStage: Count[];
  firstContact: { contacted: number; medianMinutes: number | null; p90Minutes: number | null };
  admission: { admitted: number; medianMinutes: number | null; conversionPercent: number | null };
  closedReasons: Count[];
  referredTo: Count[];
};

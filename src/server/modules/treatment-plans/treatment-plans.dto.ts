// What the API shows of a plan version (treatment-plans.schemas.ts).
import type { IntensityFinding } from '../../../domain/intensity/weekly-intensity.js';
import { planVersionStatus, reviewStatus, type PlanVersionStatus, type ReviewStatus } from '../../../domain/treatment-plans/plan-review.js';
import type { TreatmentPlanContent } from '../../../domain/treatment-plans/plan-content.js';
import { plannedIntensityFindings } from '../../../domain/treatment-plans/planned-intensity.js';
import type { EpisodeRecord, PlanRecord } from './treatment-plans.repository.js';

type Person = { id: string; name: string };

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
  /** Only for the current signed version: a superseded version is not reviewed. */
  reviewStatus: ReviewStatus | null;
  revisionReason: string | null;
};

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
  program: { id: string; name: string; rules: EpisodeRecord['rules'] };
  intensityFindings: IntensityFinding[];
};

type View = { today: string; isCurrent: boolean };

export function planSummary(plan: PlanRecord, view: View): PlanSummaryDto {
  return {
    id: plan.id,
    planVersion: plan.planVersion,
    status: planVersionStatus(plan),
    part2: plan.part2,
    createdBy: plan.createdBy,
    createdAt: plan.createdAt.toISOString(),
    clinicianSignedBy: plan.clinicianSignedBy,
    clinicianSignedAt: plan.clinicianSignedAt?.toISOString() ?? null,
    patientSignedAt: plan.patientSignedAt?.toISOString() ?? null,
    patientDeclined: plan.patientDeclinedReason !== null,
    reviewDueOn: plan.reviewDueOn,
    reviewStatus: view.isCurrent && plan.reviewDueOn !== null ? reviewStatus(plan.reviewDueOn, view.today) : null,
    revisionReason: plan.revisionReason,
  };
}

export function planDto(plan: PlanRecord, episode: EpisodeRecord, view: View): PlanDto {
  const findings =
    plan.plannedDaysPerWeek === null || plan.plannedMinutesPerWeek === null
      ? []
      : plannedIntensityFindings({ daysPerWeek: plan.plannedDaysPerWeek, minutesPerWeek: plan.plannedMinutesPerWeek }, episode.rules);
  return {
    ...planSummary(plan, view),
    patientId: plan.patientId,
    episodeId: plan.episodeId,
    content: plan.content,
    plannedDaysPerWeek: plan.plannedDaysPerWeek,
    plannedMinutesPerWeek: plan.plannedMinutesPerWeek,
    reviewedOn: plan.reviewedOn,
    version: plan.version,
    updatedAt: plan.updatedAt.toISOString(),
    patientSignature:
      plan.patientSignedAt === null || plan.patientSignedName === null || plan.patientSignatureMethod === null
        ? null
        : {
            name: plan.patientSignedName,
            at: plan.patientSignedAt.toISOString(),
            method: plan.patientSignatureMethod,
            hasImage: plan.hasPatientSignatureImage,
          },
    patientDeclinedReason: plan.patientDeclinedReason,
    program: { id: episode.programId, name: episode.programName, rules: episode.rules },
    intensityFindings: findings,
  };
}

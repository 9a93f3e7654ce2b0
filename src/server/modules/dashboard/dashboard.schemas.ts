import { z } from 'zod';
import { standardErrors } from '../../http/common-schemas.js';

export const TodaySessionDto = z.object({
  sessionId: z.string(),
  title: z.string(),
  kind: z.string(),
  programId: z.string().nullable(),
  programName: z.string().nullable(),
  startsAt: z.string(),
  endsAt: z.string(),
  status: z.enum(['scheduled', 'cancelled']),
  dayClosed: z.boolean(),
  expectedCount: z.number(),
  recordedCount: z.number(),
  checkedInCount: z.number(),
});

export const SiteTodayDto = z.object({
  siteId: z.string(),
  siteName: z.string(),
  timeZone: z.string(),
  today: z.string(),
  sessions: z.array(TodaySessionDto),
});

export const CensusDto = z.object({
  programId: z.string(),
  programName: z.string(),
  siteId: z.string(),
  siteName: z.string(),
  levelOfCare: z.string(),
  population: z.string(),
  openEpisodes: z.number(),
});

export const AtRiskDto = z.object({
  patientId: z.string(),
  name: z.string(),
  programId: z.string(),
  programName: z.string(),
  week: z.string(),
  status: z.enum(['on_track', 'at_risk', 'cannot_meet']),
  overCeiling: z.boolean(),
  attendedMinutes: z.number(),
  remainingMinutes: z.number(),
  floorMinutes: z.number(),
  reasons: z.array(z.string()),
});

export const MovementDto = z.object({
  episodeId: z.string(),
  patientId: z.string(),
  name: z.string(),
  programId: z.string(),
  programName: z.string(),
  levelOfCare: z.string(),
  date: z.string(),
  disposition: z.string().nullable(),
  transfer: z.boolean(),
});

export const DashboardDto = z.object({
  generatedAt: z.string(),
  sites: z.array(SiteTodayDto),
  census: z.array(CensusDto),
  atRisk: z.object({ total: z.number(), patients: z.array(AtRiskDto) }),
  admissions: z.array(MovementDto),
  discharges: z.array(MovementDto),
});

export const dashboardErrors = standardErrors;

export type Dashboard = z.infer<typeof DashboardDto>;
export type AtRisk = z.infer<typeof AtRiskDto>;

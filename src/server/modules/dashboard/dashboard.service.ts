import type { ActorCtx, AppDeps } from '../../context.js';
import type { Db } from '../../db/database.js';
import { forecastInstant, judgeFacts } from '../intensity/intensity.service.js';
import { weekBounds, weekContaining } from '../intensity/iso-week.js';
import {
  attendanceFacts,
  openEpisodes,
  plannedSessions,
  preferIndexedPlans,
  type PatientWindow,
} from '../intensity/intensity.repository.js';
import { censusByProgramToday } from '../episodes/census.service.js';
import * as repo from './dashboard.repository.js';
import type { AtRisk, Dashboard } from './dashboard.schemas.js';

const RECENT_DAYS = 7;
const LIST_LIMIT = 50;
const AT_RISK_LIMIT = 100;
const SEVERITY: Record<AtRisk['status'], number> = { cannot_meet: 0, at_risk: 1, on_track: 2 };

/**
 * Patients whose current week (in their program's zone) is at risk, cannot meet the program's
 * minimums, or is scheduled above its ceiling, with the forecast's reasons (domain forecastWeek).
 */
export async function patientsAtRisk(db: Db, organizationId: string, now: Date): Promise<AtRisk[]> {
  const episodes = await openEpisodes(db, organizationId);
  const weeks = new Map<string, { week: ReturnType<typeof weekContaining>; bounds: { from: Date; to: Date } }>();
  const factWindows: PatientWindow[] = [];
  const plannedWindows: PatientWindow[] = [];
  for (const episode of episodes) {
    const week = weekContaining(now, episode.timeZone);
    const bounds = weekBounds(week, episode.timeZone);
    weeks.set(episode.patientId, { week, bounds });
    factWindows.push({ patientId: episode.patientId, ...bounds });
    plannedWindows.push({ patientId: episode.patientId, from: forecastInstant(now, bounds), to: bounds.to });
  }
  const facts = await attendanceFacts(db, organizationId, factWindows);
  const planned = await plannedSessions(db, organizationId, plannedWindows);

  const result: AtRisk[] = [];
  for (const episode of episodes) {
    const entry = weeks.get(episode.patientId);
    if (!entry) continue;
    const { forecast } = judgeFacts(
      episode,
      entry.week,
      forecastInstant(now, entry.bounds),
      facts.get(episode.patientId) ?? [],
      planned.get(episode.patientId) ?? [],
    );
    if (forecast.status === 'on_track' && !forecast.overCeiling) continue;
    result.push({
      patientId: episode.patientId,
      name: episode.patientName,
      programId: episode.programId,
      programName: episode.programName,
      week: entry.week.key,
      status: forecast.status,
      overCeiling: forecast.overCeiling,
      attendedMinutes: forecast.minutes.attended,
      remainingMinutes: forecast.remainingMinutes,
      floorMinutes: forecast.minutes.required,
      reasons: forecast.reasons,
    });
  }
  return result.sort(
    (a, b) => SEVERITY[a.status] - SEVERITY[b.status] || a.name.localeCompare(b.name) || a.patientId.localeCompare(b.patientId),
  );
}

/**
 * The director's dashboard. It names patients (at risk, admitted, discharged), so reading it is one
 * audit event listing their ids, in the same transaction as the reads (decision 0013).
 */
export async function getDashboard(deps: AppDeps, ctx: ActorCtx): Promise<Dashboard> {
  const organizationId = ctx.actor.organizationId;
  return deps.db.transaction().execute(async (trx) => {
    await preferIndexedPlans(trx);
    const today = await repo.todaysSessions(trx, organizationId, ctx.now);
    const sites: Dashboard['sites'] = [];
    for (const row of today) {
      let site = sites.find((entry) => entry.siteId === row.siteId);
      if (!site) {
        site = { siteId: row.siteId, siteName: row.siteName, timeZone: row.timeZone, today: row.today, sessions: [] };
        sites.push(site);
      }
      if (row.session) {
        const { id, startsAt, endsAt, expected, recorded, checkedIn, ...rest } = row.session;
        site.sessions.push({
          sessionId: id,
          ...rest,
          startsAt: startsAt.toISOString(),
          endsAt: endsAt.toISOString(),
          expectedCount: expected,
          recordedCount: recorded,
          checkedInCount: checkedIn,
        });
      }
    }
    // The census is the episodes module's: episodes in care on each site's local today.
    const census = (await censusByProgramToday(trx, organizationId, ctx.now))
      .filter((program) => program.active)
      .map(({ programId, programName, siteId, siteName, levelOfCare, population, openEpisodes }) => ({
        programId,
        programName,
        siteId,
        siteName,
        levelOfCare,
        population,
        openEpisodes,
      }));
    const atRisk = await patientsAtRisk(trx, organizationId, ctx.now);
    const admissions = await repo.recentMovements(trx, organizationId, ctx.now, 'admitted', RECENT_DAYS, LIST_LIMIT);
    const discharges = await repo.recentMovements(trx, organizationId, ctx.now, 'discharged', RECENT_DAYS, LIST_LIMIT);
    const shown = atRisk.slice(0, AT_RISK_LIMIT);
    const patientIds = [...new Set([...shown, ...admissions, ...discharges].map((entry) => entry.patientId))];
    await deps.audit(trx, {
      organizationId,
      userId: ctx.actor.userId,
      outcome: 'success',
      clientIp: ctx.ip,
      requestId: ctx.requestId,
      action: 'dashboard.viewed',
      entityType: 'dashboard',
      details: { patients: patientIds.length, patientIds },
    });
    return { generatedAt: ctx.now.toISOString(), sites, census, atRisk: { total: atRisk.length, patients: shown }, admissions, discharges };
  });
}

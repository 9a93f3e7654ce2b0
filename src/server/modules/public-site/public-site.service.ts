// What the public site reads: the center shown (decision 0016), its published programs with their
// weekly pattern, and its logo. No session, no audit: all of it is public information.
import { conditionsTreatedBy } from '../../../domain/front-door/public-conditions.js';
import { schedulePattern } from '../../../domain/front-door/schedule-pattern.js';
import { localDateOf } from '../../../domain/scheduling/local-time.js';
import type { AppDeps } from '../../context.js';
import type { PublicOrganization, PublicProgram } from '../../public-site/model.js';
import * as repo from './public-site.repository.js';

export async function publicOrganization(deps: AppDeps): Promise<PublicOrganization | null> {
  return repo.findPublicOrganization(deps.db, deps.config.publicOrganizationId);
}

export async function publishedPrograms(deps: AppDeps, organizationId: string, now: Date, programId?: string): Promise<PublicProgram[]> {
  const rows = await repo.listPublishedPrograms(deps.db, organizationId, programId);
  const templates = await repo.activeTemplatesOf(
    deps.db,
    organizationId,
    rows.map((row) => row.id),
  );
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    levelOfCare: row.levelOfCare,
    population: row.population,
    focus: row.focus,
    format: row.format,
    modalities: row.modalities,
    conditionIds: conditionsTreatedBy(row.conditions),
    summary: { en: row.summaryEn, es: row.summaryEs },
    siteName: row.siteName,
    schedule: schedulePattern(
      templates.filter((template) => template.programId === row.id),
      localDateOf(now.getTime(), row.timeZone),
    ),
  }));
}

export async function publishedProgram(deps: AppDeps, organizationId: string, programId: string, now: Date): Promise<PublicProgram | null> {
  const [program] = await publishedPrograms(deps, organizationId, now, programId);
  return program ?? null;
}

export async function logo(deps: AppDeps): Promise<{ logo: Buffer; contentType: string } | null> {
  const org = await publicOrganization(deps);
  return org ? repo.findLogo(deps.db, org.id) : null;
}

// The center's public settings (what the public site shows) and its logo: admin changes them,
// with optimistic concurrency on settings_version; every read by staff and every change audited.
import { DomainError, fieldError } from '../../../domain/errors.js';
import { MAX_LOGO_BYTES, sniffLogoType } from '../../../domain/front-door/logo.js';
import type { ActorCtx, AppDeps } from '../../context.js';
import * as repo from './organization-settings.repository.js';

export type SettingsDto = repo.SettingsRecord;
export type SettingsInput = repo.SettingsFields & { settingsVersion: number };

function auditBase(ctx: ActorCtx) {
  return {
    organizationId: ctx.actor.organizationId,
    userId: ctx.actor.userId,
    outcome: 'success' as const,
    clientIp: ctx.ip,
    requestId: ctx.requestId,
    entityType: 'organization',
    entityId: ctx.actor.organizationId,
  };
}

async function mustFind(db: AppDeps['db'], organizationId: string, lock = false): Promise<repo.SettingsRecord> {
  const settings = await repo.findSettings(db, organizationId, { lock });
  if (!settings) throw new DomainError('NOT_FOUND', 'No such organization');
  return settings;
}

export async function getSettings(deps: AppDeps, ctx: ActorCtx): Promise<SettingsDto> {
  return mustFind(deps.db, ctx.actor.organizationId);
}

export async function updateSettings(deps: AppDeps, ctx: ActorCtx, input: SettingsInput): Promise<SettingsDto> {
  return deps.db.transaction().execute(async (trx) => {
    const { settingsVersion, ...fields } = input;
    const updated = await repo.updateSettings(trx, ctx.actor.organizationId, settingsVersion, fields);
    if (!updated) {
      throw new DomainError('STALE_VERSION', 'Someone else changed the settings; reload and try again', {
        details: [{ path: 'settingsVersion', message: 'is not the current version' }],
      });
    }
    await deps.audit(trx, {
      ...auditBase(ctx),
      action: 'organization.settings_updated',
      details: { settingsVersion: settingsVersion + 1 },
    });
    return mustFind(trx, ctx.actor.organizationId);
  });
}

export async function putLogo(deps: AppDeps, ctx: ActorCtx, bytes: Buffer, declaredType: string): Promise<SettingsDto> {
  if (bytes.length === 0) throw fieldError('body', 'send the image file as the request body');
  if (bytes.length > MAX_LOGO_BYTES) throw new DomainError('PAYLOAD_TOO_LARGE', 'The logo may be at most 256 KB');
  const contentType = sniffLogoType(bytes);
  if (!contentType) throw fieldError('body', 'must be a PNG, JPEG or WebP image');
  if (contentType !== declaredType) throw fieldError('headers.content-type', `the file is ${contentType}, not ${declaredType}`);
  return deps.db.transaction().execute(async (trx) => {
    await repo.setLogo(trx, ctx.actor.organizationId, { bytes, contentType });
    await deps.audit(trx, { ...auditBase(ctx), action: 'organization.logo_updated', details: { contentType, bytes: bytes.length } });
    return mustFind(trx, ctx.actor.organizationId);
  });
}

export async function deleteLogo(deps: AppDeps, ctx: ActorCtx): Promise<SettingsDto> {
  return deps.db.transaction().execute(async (trx) => {
    await repo.setLogo(trx, ctx.actor.organizationId, null);
    await deps.audit(trx, { ...auditBase(ctx), action: 'organization.logo_removed' });
    return mustFind(trx, ctx.actor.organizationId);
  });
}

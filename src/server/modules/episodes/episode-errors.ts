import { DomainError, type FieldIssue } from '../../../domain/errors.js';

/** A domain rule broken by one field (422), named so the form can show it next to that field. */
export function ruleError(path: string, message: string): DomainError {
  return new DomainError('RULE_VIOLATION', `${path}: ${message}`, { details: [{ path, message }] satisfies FieldIssue[] });
}

/** A conflict with the record's current state (409), e.g. a second open episode or a second discharge. */
export function conflict(message: string, details?: Record<string, string>): DomainError {
  return new DomainError('CONFLICT', message, details === undefined ? {} : { details });
}

export function staleVersion(what: string, yours: number, current: number): DomainError {
  return new DomainError(
    'STALE_VERSION',
    `This ${what} was changed by someone else (version ${current}; you edited version ${yours}). Reload and apply your change again.`,
    {
      details: { yourVersion: yours, currentVersion: current },
    },
  );
}

/** The one unique index that keeps a patient to one open episode per program (migration 0002). */
export function isOneOpenEpisodeViolation(error: unknown): boolean {
  const pg = error as { code?: unknown; constraint?: unknown };
  return pg.code === '23505' && pg.constraint === 'episodes_one_open';
}

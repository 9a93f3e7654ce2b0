import { DomainError, fieldError } from '../../domain/errors.js';

// Optimistic concurrency for every editable record (DESIGN.md section 2, decision 0025): the caller
// sends the version it last read, in the body or an If-Match header; a stale one is 412, never a
// silent overwrite. Editors of clinical records get the saved record in details.current so they can
// show both versions.

/** The version the caller sent, or 400 naming `version`. */
export function requireVersion(expected: number | undefined, what: string): number {
  if (expected === undefined) throw fieldError('version', `send the ${what}'s version you last read (in the body or an If-Match header)`);
  if (Number.isNaN(expected)) throw fieldError('version', 'If-Match must carry a version number');
  return expected;
}

/** The 412 for a stale save; `current` is the saved record as the caller's editor reads it. */
export function staleVersion(what: string, actual: number, current?: unknown): DomainError {
  return new DomainError(
    'STALE_VERSION',
    `The ${what} was changed elsewhere since you read it (now version ${actual}); compare and try again`,
    {
      details: current === undefined ? { currentVersion: actual } : { currentVersion: actual, current },
    },
  );
}

export function checkVersion(expected: number | undefined, actual: number, what: string): void {
  if (requireVersion(expected, what) !== actual) throw staleVersion(what, actual);
}

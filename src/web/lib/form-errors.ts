import { ApiError } from './api';
import { formatWait } from './retry-after';

export type FormErrors<F extends string> = {
  /** Messages to show next to a named field. */
  fields: Partial<Record<F, string>>;
  /** A message that belongs to no field, shown above the submit button. */
  general: string | null;
};

export const NO_ERRORS = { fields: {}, general: null } as const;

/** A readable sentence for any error a request can throw. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 429) {
      return error.retryAfterSeconds === null
        ? 'Too many attempts. Please wait a little and try again.'
        : `Too many attempts. Try again in ${formatWait(error.retryAfterSeconds)}.`;
    }
    return error.message;
  }
  return 'Something went wrong. Please try again.';
}

/**
 * Splits a server error into per-field messages. VALIDATION_FAILED details carry a field path
 * such as "password", "body.email" or "roles.0"; `codeFields` maps other codes (EMAIL_TAKEN)
 * to the field they concern.
 */
export function formErrorsFrom<F extends string>(
  error: unknown,
  fields: readonly F[],
  codeFields: Partial<Record<string, F>> = {},
): FormErrors<F> {
  if (!(error instanceof ApiError)) return { fields: {}, general: errorMessage(error) };
  const result: FormErrors<F> = { fields: {}, general: null };
  const codeField = codeFields[error.code];
  if (codeField !== undefined) {
    result.fields[codeField] = error.message;
    return result;
  }
  const unplaced: string[] = [];
  for (const issue of error.validationIssues) {
    const field = fields.find((name) => name === fieldOfPath(issue.path));
    if (field !== undefined && result.fields[field] === undefined) result.fields[field] = issue.message;
    else if (field === undefined) unplaced.push(issue.message);
  }
  if (unplaced.length > 0) result.general = unplaced.join(' ');
  else if (error.validationIssues.length === 0) result.general = errorMessage(error);
  return result;
}

export function fieldOfPath(path: string): string {
  const segments = path.split(/[./[\]]/).filter((segment) => segment !== '');
  const first = segments[0] === 'body' ? segments[1] : segments[0];
  return first ?? '';
}

/** The closed list of error codes. Only server/http/error-handler.ts maps them to HTTP statuses. */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'UNAUTHENTICATED',
  'SESSION_EXPIRED',
  'FORBIDDEN',
  'CSRF_TOKEN_INVALID',
  'NOT_FOUND',
  'EMAIL_TAKEN',
  'INVALID_CREDENTIALS',
  'INVALID_MFA_CODE',
  'MFA_ALREADY_ENROLLED',
  'TOO_MANY_ATTEMPTS',
  'TOKEN_INVALID',
  'ALREADY_SET_UP',
  'RULE_VIOLATION',
  'CONFLICT',
  'VERSION_MISMATCH',
  'PAYLOAD_TOO_LARGE',
  'INTERNAL',
  'UNAVAILABLE',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export type FieldIssue = { path: string; message: string };

export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;
  readonly retryAfterSeconds: number | undefined;

  constructor(code: ErrorCode, message: string, options: { details?: unknown; retryAfterSeconds?: number } = {}) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.details = options.details;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

export function fieldError(path: string, message: string): DomainError {
  return new DomainError('VALIDATION_FAILED', `${path}: ${message}`, { details: [{ path, message }] satisfies FieldIssue[] });
}

export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${String(value)}`);
}

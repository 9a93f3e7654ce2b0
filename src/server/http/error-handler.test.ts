import { describe, expect, it } from 'vitest';
import { ERROR_CODES, type ErrorCode } from '../../domain/errors.js';
import { statusFor } from './error-handler.js';

// A Record over ErrorCode: a new code without a decided status does not compile.
const EXPECTED: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  SESSION_EXPIRED: 401,
  INVALID_CREDENTIALS: 401,
  INVALID_MFA_CODE: 401,
  FORBIDDEN: 403,
  CSRF_TOKEN_INVALID: 403,
  NOT_FOUND: 404,
  TOKEN_INVALID: 404,
  EMAIL_TAKEN: 409,
  ALREADY_SET_UP: 409,
  MFA_ALREADY_ENROLLED: 409,
  PAYLOAD_TOO_LARGE: 413,
  RULE_VIOLATION: 422,
  CONFLICT: 409,
  VERSION_MISMATCH: 412,
  TOO_MANY_ATTEMPTS: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
};

describe('statusFor', () => {
  it.each(ERROR_CODES.map((code) => [code, EXPECTED[code]] as const))('%s → %i', (code, status) => {
    expect(statusFor(code)).toBe(status);
  });

  it.each(ERROR_CODES.filter((code) => code !== 'INTERNAL').map((code) => [code]))('%s is not answered as a 500', (code) => {
    expect(statusFor(code)).not.toBe(500);
  });

  it('answers every code with an error status', () => {
    for (const code of ERROR_CODES) {
      expect(statusFor(code)).toBeGreaterThanOrEqual(400);
      expect(statusFor(code)).toBeLessThan(600);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { ApiError } from './api';
import { errorMessage, fieldOfPath, formErrorsFrom } from './form-errors';

const FIELDS = ['email', 'displayName', 'roles'] as const;

function validation(details: unknown): ApiError {
  return new ApiError({ status: 400, code: 'VALIDATION_FAILED', message: 'Invalid input', details });
}

describe('formErrorsFrom', () => {
  it('puts each validation message next to its field', () => {
    const errors = formErrorsFrom(
      validation([
        { path: 'email', message: 'Enter an email address' },
        { path: 'roles.0', message: 'Unknown role' },
      ]),
      FIELDS,
    );
    expect(errors).toEqual({
      fields: { email: 'Enter an email address', roles: 'Unknown role' },
      general: null,
    });
  });

  it('keeps messages for unknown fields as a general message', () => {
    const errors = formErrorsFrom(validation([{ path: 'body.nickname', message: 'Not allowed' }]), FIELDS);
    expect(errors).toEqual({ fields: {}, general: 'Not allowed' });
  });

  it('maps a conflict code to its field', () => {
    const taken = new ApiError({ status: 409, code: 'EMAIL_TAKEN', message: 'That email is in use' });
    expect(formErrorsFrom(taken, FIELDS, { EMAIL_TAKEN: 'email' })).toEqual({
      fields: { email: 'That email is in use' },
      general: null,
    });
  });

  it('treats other errors as general', () => {
    const forbidden = new ApiError({ status: 403, code: 'FORBIDDEN', message: 'Not allowed' });
    expect(formErrorsFrom(forbidden, FIELDS)).toEqual({ fields: {}, general: 'Not allowed' });
  });
});

describe('fieldOfPath', () => {
  it.each([
    ['password', 'password'],
    ['body.email', 'email'],
    ['/siteIds/0', 'siteIds'],
    ['roles[1]', 'roles'],
  ])('finds the field of %s', (path, expected) => {
    expect(fieldOfPath(path)).toBe(expected);
  });
});

describe('errorMessage', () => {
  it('tells a throttled user how long to wait', () => {
    const throttled = new ApiError({
      status: 429,
      code: 'TOO_MANY_ATTEMPTS',
      message: 'Slow down',
      retryAfterSeconds: 300,
    });
    expect(errorMessage(throttled)).toBe('Too many attempts. Try again in 5 minutes.');
  });
});

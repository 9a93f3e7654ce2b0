import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { DomainError, assertNever, type ErrorCode } from '../../domain/errors.js';

export function statusFor(code: ErrorCode): number {
  switch (code) {
    case 'VALIDATION_FAILED':
      return 400;
    case 'UNAUTHENTICATED':
    case 'SESSION_EXPIRED':
    case 'INVALID_CREDENTIALS':
    case 'INVALID_MFA_CODE':
      return 401;
    case 'FORBIDDEN':
    case 'CSRF_TOKEN_INVALID':
      return 403;
    case 'NOT_FOUND':
    case 'TOKEN_INVALID':
      return 404;
    case 'EMAIL_TAKEN':
    case 'ALREADY_SET_UP':
    case 'MFA_ALREADY_ENROLLED':
    case 'DUPLICATE':
    case 'CONFLICT':
    case 'SCHEDULE_CONFLICT':
      return 409;
    case 'STALE_VERSION':
      return 412;
    case 'PAYLOAD_TOO_LARGE':
      return 413;
    case 'RULE_VIOLATION':
      return 422;
    case 'TOO_MANY_ATTEMPTS':
      return 429;
    case 'INTERNAL':
      return 500;
    case 'UNAVAILABLE':
      return 503;
    default:
      return assertNever(code);
  }
}

/** The one place that turns failures into the error envelope. No stack, SQL or patient data leaves. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const send = (code: ErrorCode, message: string, details?: unknown) =>
      reply
        .status(statusFor(code))
        .send({ error: { code, message, ...(details === undefined ? {} : { details }) }, requestId: request.id });

    if (error instanceof DomainError) {
      if (error.retryAfterSeconds !== undefined) void reply.header('Retry-After', String(error.retryAfterSeconds));
      return send(error.code, error.message, error.details);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const details = error.validation.map((issue) => ({
        path:
          [issue.instancePath.replace(/^\//, '').replaceAll('/', '.'), unknownKey(issue.params)].filter(Boolean).join('.') ||
          error.validationContext ||
          'body',
        message: issue.message ?? 'is invalid',
      }));
      const first = details[0];
      const where = error.validationContext ?? 'request';
      return send('VALIDATION_FAILED', first ? `${where}.${first.path}: ${first.message}` : 'Invalid request', details);
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: { message: error.message } }, 'response did not match its schema');
      return send('INTERNAL', 'Internal error');
    }
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return send('PAYLOAD_TOO_LARGE', 'Request body is too large');
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || error.statusCode === 400) {
      return send('VALIDATION_FAILED', 'body: the request body is not valid JSON', [{ path: 'body', message: 'not valid JSON' }]);
    }
    if (error.statusCode === 429) {
      return send('TOO_MANY_ATTEMPTS', 'Too many requests; try again later');
    }
    if (isDatabaseDown(error)) {
      request.log.error({ errCode: (error as { code?: string }).code }, 'database unavailable');
      return send('UNAVAILABLE', 'The database is not available; try again shortly');
    }
    // Log the message class only: database errors can quote row values.
    request.log.error({ errName: error.name, errCode: error.code }, 'unhandled error');
    return send('INTERNAL', 'Internal error');
  });
}

function unknownKey(params: unknown): string {
  if (params && typeof params === 'object' && 'keys' in params && Array.isArray(params.keys)) return params.keys.join(',');
  return '';
}

function isDatabaseDown(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return (
    code === 'ECONNREFUSED' ||
    code === 'ECONNRESET' ||
    code === '57P01' ||
    code === '57P03' ||
    (error instanceof Error && error.message.includes('Connection terminated'))
  );
}

import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, createApiClient, type ApiHooks } from './api';

type Call = { url: string; method: string; headers: Record<string, string>; body: string | undefined };

/** Replaces fetch with a function answering from `respond`, and records each request. */
function fakeServer(respond: (call: Call) => Response): Call[] {
  const calls: Call[] = [];
  vi.stubGlobal('fetch', (url: string, init: RequestInit) => {
    const call: Call = {
      url,
      method: init.method ?? 'GET',
      headers: (init.headers ?? {}) as Record<string, string>,
      body: typeof init.body === 'string' ? init.body : undefined,
    };
    calls.push(call);
    return Promise.resolve(respond(call));
  });
  return calls;
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

function hooks(overrides: Partial<ApiHooks> = {}): ApiHooks {
  return {
    getCsrfToken: () => 'csrf-1',
    onResponse: () => undefined,
    onCsrfRejected: () => Promise.resolve(null),
    onSessionLost: () => undefined,
    ...overrides,
  };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('api client', () => {
  it('downloads a file from a POST with its name, and still turns a refusal into an ApiError', async () => {
    const calls = fakeServer((call) =>
      call.body?.includes('refuse') === true
        ? json(422, {
            error: { code: 'RULE_VIOLATION', message: '42 CFR 2.31: consent required', details: { rule: 'PART2_CONSENT_REQUIRED' } },
            requestId: 'r2',
          })
        : new Response('%PDF-1.3', {
            status: 200,
            headers: { 'Content-Type': 'application/pdf', 'Content-Disposition': 'attachment; filename="disclosure-1.pdf"' },
          }),
    );
    const api = createApiClient(hooks());
    const file = await api.postForFile('/api/v1/patients/p1/disclosures', { recipient: 'Example' });
    expect(file.filename).toBe('disclosure-1.pdf');
    expect(await file.blob.text()).toBe('%PDF-1.3');
    expect(calls[0]?.headers['X-CSRF-Token']).toBe('csrf-1');
    const error = await api.postForFile('/api/v1/patients/p1/disclosures', { recipient: 'refuse' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 422, code: 'RULE_VIOLATION', details: { rule: 'PART2_CONSENT_REQUIRED' } });
  });

  it('sends the CSRF token on POST but not on GET', async () => {
    const calls = fakeServer(() => json(200, {}));
    const api = createApiClient(hooks());
    await api.get('/api/v1/sites');
    await api.post('/api/v1/admin/users', { email: 'a@example.org' });
    expect(calls[0]?.headers['X-CSRF-Token']).toBeUndefined();
    expect(calls[1]?.headers['X-CSRF-Token']).toBe('csrf-1');
    expect(calls[1]?.body).toBe('{"email":"a@example.org"}');
  });

  it('sends a POST without a body without a Content-Type', async () => {
    const calls = fakeServer(() => new Response(null, { status: 204 }));
    await createApiClient(hooks()).post('/api/v1/auth/logout');
    expect(calls[0]?.headers['Content-Type']).toBeUndefined();
    expect(calls[0]?.body).toBeUndefined();
  });

  it('drops empty query values', async () => {
    const calls = fakeServer(() => json(200, {}));
    await createApiClient(hooks()).get('/api/v1/audit/events', { action: '', userId: 'u1', limit: 50 });
    expect(calls[0]?.url).toBe('/api/v1/audit/events?userId=u1&limit=50');
  });

  it('turns the error envelope into an ApiError with the Retry-After wait', async () => {
    fakeServer(() => json(429, { error: { code: 'TOO_MANY_ATTEMPTS', message: 'Slow down' }, requestId: 'r1' }, { 'Retry-After': '30' }));
    const error = await createApiClient(hooks())
      .post('/api/v1/auth/login', {})
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 429,
      code: 'TOO_MANY_ATTEMPTS',
      message: 'Slow down',
      requestId: 'r1',
      retryAfterSeconds: 30,
    });
  });

  it('reports a lost session on a 401 from a data endpoint but not from login', async () => {
    fakeServer(() => json(401, { error: { code: 'UNAUTHENTICATED', message: 'Sign in' } }));
    const onSessionLost = vi.fn();
    const api = createApiClient(hooks({ onSessionLost }));
    await expect(api.post('/api/v1/auth/login', {})).rejects.toBeInstanceOf(ApiError);
    expect(onSessionLost).not.toHaveBeenCalled();
    await expect(api.get('/api/v1/sites')).rejects.toBeInstanceOf(ApiError);
    expect(onSessionLost).toHaveBeenCalledOnce();
  });

  it('retries once with a fresh token after CSRF_TOKEN_INVALID', async () => {
    let token = 'stale';
    const calls = fakeServer((call) =>
      call.headers['X-CSRF-Token'] === 'fresh'
        ? json(200, { ok: true })
        : json(403, { error: { code: 'CSRF_TOKEN_INVALID', message: 'Bad token' } }),
    );
    const api = createApiClient(
      hooks({
        getCsrfToken: () => token,
        onCsrfRejected: () => {
          token = 'fresh';
          return Promise.resolve(token);
        },
      }),
    );
    await expect(api.post('/api/v1/auth/keepalive')).resolves.toEqual({ ok: true });
    expect(calls).toHaveLength(2);
  });

  it('passes the server clock of each success to the idle clock', async () => {
    fakeServer(() => json(200, {}, { Date: 'Mon, 06 Jan 2025 10:00:00 GMT' }));
    const onResponse = vi.fn();
    await createApiClient(hooks({ onResponse })).get('/api/v1/sites');
    expect(onResponse).toHaveBeenCalledWith(
      expect.objectContaining({ path: '/api/v1/sites', serverDate: Date.parse('2025-01-06T10:00:00Z') }),
    );
  });
});

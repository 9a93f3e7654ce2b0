import { parseRetryAfter } from './retry-after';

// A small fetch wrapper for /api: JSON in and out, the session cookie, the CSRF header on
// state-changing requests, and one error type built from the server's error envelope.

export type ValidationIssue = { path: string; message: string };

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;
  readonly requestId: string | null;
  /** Seconds from the Retry-After header of a 429, when present. */
  readonly retryAfterSeconds: number | null;

  constructor(init: {
    status: number;
    code: string;
    message: string;
    details?: unknown;
    requestId?: string | null;
    retryAfterSeconds?: number | null;
  }) {
    super(init.message);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.details = init.details;
    this.requestId = init.requestId ?? null;
    this.retryAfterSeconds = init.retryAfterSeconds ?? null;
  }

  /** The `[{ path, message }]` list of a 400 VALIDATION_FAILED, or an empty list. */
  get validationIssues(): ValidationIssue[] {
    if (!Array.isArray(this.details)) return [];
    const issues: ValidationIssue[] = [];
    for (const item of this.details) {
      if (isRecord(item) && typeof item.path === 'string' && typeof item.message === 'string') {
        issues.push({ path: item.path, message: item.message });
      }
    }
    return issues;
  }
}

export type ResponseInfo = {
  path: string;
  /** Client clock (ms) when the request was sent and when its response arrived. */
  startedAt: number;
  receivedAt: number;
  /** Server clock (ms) from the Date response header, or null when absent. */
  serverDate: number | null;
};

export type ApiHooks = {
  getCsrfToken: () => string | null;
  /** Called after every successful response (the idle clock listens here). */
  onResponse: (info: ResponseInfo) => void;
  /** A 403 CSRF_TOKEN_INVALID: fetch the session again and return its fresh token, if any. */
  onCsrfRejected: () => Promise<string | null>;
  /** A 401 from a non-auth endpoint: the session is gone. */
  onSessionLost: () => void;
};

export type QueryParams = Record<string, string | number | undefined>;

export type ApiClient = {
  get: <T>(path: string, query?: QueryParams) => Promise<T>;
  post: <T>(path: string, body?: unknown) => Promise<T>;
  patch: <T>(path: string, body: unknown) => Promise<T>;
  /** `headers` adds request headers such as Idempotency-Key. */
  put: <T>(path: string, body: unknown, headers?: Record<string, string>) => Promise<T>;
  delete: <T = undefined>(path: string) => Promise<T>;
  /** A POST whose answer is a file (e.g. a disclosure PDF): its bytes and the name from Content-Disposition. */
  postForFile: (path: string, body: unknown) => Promise<DownloadedFile>;
};

export type DownloadedFile = { blob: Blob; filename: string | null };

function filenameFrom(disposition: string | null): string | null {
  const match = /filename="([^"]+)"/.exec(disposition ?? '');
  return match?.[1] ?? null;
}

// Endpoints whose 401 is an answer (wrong password, no session yet), not a lost session.
const AUTH_PATH_PREFIXES = ['/api/v1/auth/', '/api/v1/setup/', '/api/v1/invites/'];

export function isAuthPath(path: string): boolean {
  return AUTH_PATH_PREFIXES.some((prefix) => path.startsWith(prefix));
}

export function withQuery(path: string, query: QueryParams | undefined): string {
  if (query === undefined) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return search === '' ? path : `${path}?${search}`;
}

export function createApiClient(hooks: ApiHooks): ApiClient {
  async function request<T>(
    method: string,
    path: string,
    body: unknown,
    retried: boolean,
    extraHeaders: Record<string, string> = {},
    asFile = false,
  ): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json', ...extraHeaders };
    // A POST without a body is sent without Content-Type: Fastify rejects an empty JSON body.
    // A Blob (a file upload such as the logo) is sent as it is, with its own type.
    const file = body instanceof Blob ? body : null;
    if (body !== undefined) headers['Content-Type'] = file ? file.type : 'application/json';
    if (method !== 'GET') {
      const token = hooks.getCsrfToken();
      if (token !== null) headers['X-CSRF-Token'] = token;
    }
    const startedAt = Date.now();
    let response: Response;
    try {
      response = await fetch(path, {
        method,
        headers,
        body: body === undefined ? undefined : (file ?? JSON.stringify(body)),
        credentials: 'same-origin',
      });
    } catch {
      throw new ApiError({
        status: 0,
        code: 'NETWORK_ERROR',
        message: 'Could not reach the server. Check your connection and try again.',
      });
    }
    const receivedAt = Date.now();
    if (response.ok) {
      const serverDate = Date.parse(response.headers.get('Date') ?? '');
      hooks.onResponse({
        path,
        startedAt,
        receivedAt,
        serverDate: Number.isNaN(serverDate) ? null : serverDate,
      });
      if (asFile) return { blob: await response.blob(), filename: filenameFrom(response.headers.get('Content-Disposition')) } as T;
      return (await readJson(response)) as T;
    }
    const error = await toApiError(response, receivedAt);
    if (error.status === 403 && error.code === 'CSRF_TOKEN_INVALID' && !retried) {
      const fresh = await hooks.onCsrfRejected();
      if (fresh !== null) return request<T>(method, path, body, true, extraHeaders, asFile);
    }
    if (error.status === 401 && !isAuthPath(path)) hooks.onSessionLost();
    throw error;
  }

  return {
    get: (path, query) => request('GET', withQuery(path, query), undefined, false),
    post: (path, body) => request('POST', path, body, false),
    patch: (path, body) => request('PATCH', path, body, false),
    put: (path, body, headers) => request('PUT', path, body, false, headers),
    delete: (path) => request('DELETE', path, undefined, false),
    postForFile: (path, body) => request<DownloadedFile>('POST', path, body, false, { Accept: 'application/pdf, application/json' }, true),
  };
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  return JSON.parse(text) as unknown;
}

async function toApiError(response: Response, receivedAt: number): Promise<ApiError> {
  let parsed: unknown;
  try {
    parsed = await readJson(response);
  } catch {
    parsed = undefined;
  }
  const retryAfterSeconds = parseRetryAfter(response.headers.get('Retry-After'), receivedAt);
  const envelope = isRecord(parsed) && isRecord(parsed.error) ? parsed.error : null;
  const requestId = isRecord(parsed) && typeof parsed.requestId === 'string' ? parsed.requestId : null;
  return new ApiError({
    status: response.status,
    code: envelope !== null && typeof envelope.code === 'string' ? envelope.code : `HTTP_${response.status}`,
    message:
      envelope !== null && typeof envelope.message === 'string'
        ? envelope.message
        : `The server answered ${response.status} ${response.statusText}`.trim(),
    details: envelope?.details,
    requestId,
    retryAfterSeconds,
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

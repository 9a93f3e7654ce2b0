// A minimal API client that behaves like the web app: session cookie plus X-CSRF-Token on writes.

/** Bodies are parsed JSON, read freely by tests (their assertions are the type check). */
export type ApiResponse = { status: number; body: ReturnType<typeof JSON.parse> };

export class ApiClient {
  private cookie: string | undefined;
  private csrfToken: string | undefined;

  constructor(private readonly baseUrl: string) {}

  static forPort(port: number): ApiClient {
    return new ApiClient(`http://127.0.0.1:${port}`);
  }

  /** Signs in; returns the response so a test can assert a refusal too. */
  async login(email: string, password: string): Promise<ApiResponse> {
    const response = await fetch(`${this.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    const body = await readBody(response);
    if (response.status === 200) {
      this.cookie = response.headers
        .getSetCookie()
        .map((line) => line.split(';')[0])
        .find((pair) => pair?.startsWith('openiop_session='));
      this.csrfToken = body.csrfToken;
    }
    return { status: response.status, body };
  }

  get(path: string): Promise<ApiResponse> {
    return this.request('GET', path);
  }

  post(path: string, body: unknown): Promise<ApiResponse> {
    return this.request('POST', path, body);
  }

  private async request(method: string, path: string, body?: unknown): Promise<ApiResponse> {
    const headers: Record<string, string> = {};
    if (this.cookie) headers.cookie = this.cookie;
    if (method !== 'GET' && this.csrfToken) headers['x-csrf-token'] = this.csrfToken;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: await readBody(response) };
  }
}

async function readBody(response: Response): Promise<ApiResponse['body']> {
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

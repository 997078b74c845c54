// A tiny cookie-keeping HTTP client for route tests against the built server.
import { createClient } from '@libsql/client';
import { DEMO_PASSWORD } from '../../support/server';

/** Options of one request. */
export interface RequestOptions {
  /** Origin header for state-changing requests: the server's own by default; null sends none. */
  origin?: string | null;
  headers?: Record<string, string>;
}

/** Keeps the session cookie like a browser would (one site, cookies by name). */
export class HttpClient {
  readonly cookies = new Map<string, string>();

  constructor(readonly base: string) {}

  private headers(extra: Record<string, string> = {}): Headers {
    const headers = new Headers(extra);
    if (this.cookies.size > 0) {
      headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    }
    return headers;
  }

  private keep(response: Response): Response {
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const index = pair.indexOf('=');
      const name = pair.slice(0, index).trim();
      const value = pair.slice(index + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a)) || value === '';
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }

  /** GET without following redirects. */
  async get(path: string, options: RequestOptions = {}): Promise<Response> {
    return this.keep(
      await fetch(new URL(path, this.base), { headers: this.headers(options.headers), redirect: 'manual' }),
    );
  }

  /** POST a form (URL-encoded, or multipart when given FormData). */
  async post(
    path: string,
    body: Record<string, string | string[]> | FormData,
    options: RequestOptions = {},
  ): Promise<Response> {
    const headers = this.headers(options.headers);
    const origin = options.origin === undefined ? new URL(this.base).origin : options.origin;
    if (origin !== null) headers.set('origin', origin);
    let payload: FormData | URLSearchParams;
    if (body instanceof FormData) payload = body;
    else {
      payload = new URLSearchParams();
      for (const [key, value] of Object.entries(body)) {
        for (const v of Array.isArray(value) ? value : [value]) payload.append(key, v);
      }
    }
    return this.keep(
      await fetch(new URL(path, this.base), { method: 'POST', headers, body: payload, redirect: 'manual' }),
    );
  }

  /** The session token in the jar, if any. */
  sessionToken(): string | undefined {
    return this.cookies.get('taphuan_session') ?? this.cookies.get('__Host-taphuan_session');
  }
}

/** Logs in and returns the client holding the session (throws with the page text when it fails). */
export async function loginAs(
  base: string,
  username: string,
  password = DEMO_PASSWORD,
  headers?: Record<string, string>,
): Promise<HttpClient> {
  const client = new HttpClient(base);
  const response = await client.post('/dang-nhap/', { username, password }, { headers });
  if (response.status !== 303)
    throw new Error(`Login of ${username} answered ${response.status}: ${await response.text()}`);
  return client;
}

/** Runs SQL against a server's database file (a separate client, as another process would). */
export async function sql(databaseUrl: string, statement: string, args: (string | number | null)[] = []) {
  const client = createClient({ url: databaseUrl, timeout: 5000 });
  try {
    return await client.execute({ sql: statement, args });
  } finally {
    client.close();
  }
}

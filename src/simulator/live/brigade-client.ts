/**
 * The simulator's view of Brigade: its public HTTP API, signed in as many people at once. Each
 * person's session is kept and renewed (refresh token, else a new sign-in) when the API answers 401,
 * so a long simulation outlives access-token lifetimes. Errors keep the problem+json `code`, which the
 * simulator uses to tell "the platform refused this" (expected now and then, e.g. a declined card)
 * from "the platform is down".
 */
export class BrigadeApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    detail: string,
    readonly body: unknown,
  ) {
    super(`${status} ${code}: ${detail}`);
    this.name = 'BrigadeApiError';
  }
}

export interface Credentials {
  email: string;
  password: string;
  /** When set, an unknown account is registered (as a customer) with this name instead of failing. */
  registerAs?: string;
}

interface Session {
  accessToken: string;
  refreshToken: string;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export class BrigadeClient {
  private readonly sessions = new Map<string, Promise<Session>>();

  constructor(
    readonly baseUrl: string,
    private readonly requestTimeoutMs = 15_000,
  ) {}

  /** Calls the API as `who`; signs in first if needed, and once more when the session has expired. */
  async call<T>(
    who: Credentials,
    method: Method,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<T> {
    const session = await this.session(who);
    try {
      return await this.send<T>(method, path, body, {
        ...headers,
        authorization: `Bearer ${session.accessToken}`,
      });
    } catch (error) {
      if (!(error instanceof BrigadeApiError) || error.status !== 401) throw error;
      const renewed = await this.renew(who, session);
      return this.send<T>(method, path, body, { ...headers, authorization: `Bearer ${renewed.accessToken}` });
    }
  }

  /** A call without a session (sign-in, registration, health). */
  async send<T>(
    method: Method,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<T> {
    const response = await fetch(new URL(path, this.baseUrl), {
      method,
      headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(this.requestTimeoutMs),
    });
    const text = await response.text();
    const parsed: unknown = text ? JSON.parse(text) : undefined;
    if (!response.ok) {
      const problem = (parsed ?? {}) as { code?: string; detail?: string; title?: string };
      throw new BrigadeApiError(
        response.status,
        problem.code ?? 'http_error',
        problem.detail ?? problem.title ?? response.statusText,
        parsed,
      );
    }
    return parsed as T;
  }

  private session(who: Credentials): Promise<Session> {
    let session = this.sessions.get(who.email);
    if (!session) {
      session = this.signIn(who);
      this.sessions.set(who.email, session);
      // A failed sign-in is not remembered: the next call tries again.
      session.catch(() => this.sessions.delete(who.email));
    }
    return session;
  }

  /** One renewal per expired session, however many calls noticed the expiry at once. */
  private renew(who: Credentials, expired: Session): Promise<Session> {
    const current = this.sessions.get(who.email);
    if (current) {
      const replaced = current.then((session) => session !== expired);
      const next = replaced.then((isNew) => (isNew ? current : this.refresh(who, expired)));
      this.sessions.set(who.email, next);
      next.catch(() => this.sessions.delete(who.email));
      return next;
    }
    return this.session(who);
  }

  private async refresh(who: Credentials, expired: Session): Promise<Session> {
    try {
      return await this.send<Session>('POST', '/api/v1/auth/refresh', { refreshToken: expired.refreshToken });
    } catch {
      return this.signIn(who);
    }
  }

  private login(who: Credentials): Promise<Session> {
    return this.send<Session>('POST', '/api/v1/auth/login', { email: who.email, password: who.password });
  }

  private async signIn(who: Credentials): Promise<Session> {
    try {
      return await this.login(who);
    } catch (error) {
      const unknownAccount = error instanceof BrigadeApiError && error.status === 401;
      if (!unknownAccount || who.registerAs === undefined) throw error;
      try {
        return await this.send<Session>('POST', '/api/v1/auth/register', {
          email: who.email,
          password: who.password,
          name: who.registerAs,
        });
      } catch (registration) {
        if (!(registration instanceof BrigadeApiError) || registration.status !== 409) throw registration;
        // Registered in between (the demo's history registers the same customers with the same
        // passwords): sign in again. Still refused: the account has another password (an earlier
        // simulator secret), which the first login's error says.
        return await this.login(who).catch(() => {
          throw error;
        });
      }
    }
  }
}

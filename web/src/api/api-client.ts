import { ApiProblem, problemOf } from './api-problem.js';
import type { Session } from './api-types.js';
import { sessions } from './session-store.js';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Calls the API as the signed-in user. A 401 on a token the client thought valid (revoked, clock
 * skew) is retried once after a refresh. Failures throw ApiProblem carrying the problem+json body.
 */
export async function api<T>(
  method: Method,
  path: string,
  body?: unknown,
  /** Extra request headers, e.g. an Idempotency-Key that makes a retried payment call safe. */
  headers: Record<string, string> = {},
): Promise<T> {
  const response = await signedFetch(method, path, body, { ...headers, accept: 'application/json' });
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** A GET as the signed-in user whose answer is text (a CSV export), not JSON. */
export async function apiText(path: string, accept: string): Promise<string> {
  return (await signedFetch('GET', path, undefined, { accept })).text();
}

async function signedFetch(
  method: Method,
  path: string,
  body: unknown,
  headers: Record<string, string>,
): Promise<Response> {
  const send = (token: string | null) =>
    fetch(path, {
      method,
      headers: {
        ...headers,
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const token = await sessions.accessToken();
  let response = await send(token);
  if (response.status === 401 && token) response = await send(await sessions.refresh());
  if (!response.ok) throw await problemOf(response);
  return response;
}

/** `?a=1&b=x` from the defined entries (arrays repeat the parameter), or '' when there are none. */
export function query(params: Record<string, string | number | readonly string[] | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === '') continue;
    if (Array.isArray(value)) for (const one of value) search.append(key, one);
    else search.append(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export async function signIn(email: string, password: string): Promise<Session> {
  const session = await publicPost<Session>('/api/v1/auth/login', { email, password });
  sessions.set(session);
  return session;
}

/**
 * Signs out: the server revokes the refresh token (with `everywhere`, every session of the user), then
 * the session is forgotten here. Forgotten even when the server cannot be reached: signing out must
 * always work on this device (the refresh token then simply expires).
 */
export async function signOut(options: { everywhere?: boolean } = {}): Promise<void> {
  const refreshToken = sessions.session?.refreshToken;
  try {
    if (refreshToken)
      await publicPost('/api/v1/auth/logout', { refreshToken, everywhere: options.everywhere ?? false });
  } catch {
    // Unreachable or refused: nothing more to do than forget the session below.
  } finally {
    sessions.clear();
  }
}

/** A call that needs no session (sign-in help): JSON in, JSON (or nothing) out, problems thrown. */
export async function publicPost<T>(path: string, body: unknown): Promise<T> {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw await problemOf(response);
  return (response.status === 204 ? undefined : await response.json()) as T;
}

export function isProblem(error: unknown, status?: number): error is ApiProblem {
  return error instanceof ApiProblem && (status === undefined || error.status === status);
}

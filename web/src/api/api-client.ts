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
  const send = (token: string | null) =>
    fetch(path, {
      method,
      headers: {
        ...headers,
        accept: 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const token = await sessions.accessToken();
  let response = await send(token);
  if (response.status === 401 && token) response = await send(await sessions.refresh());
  if (!response.ok) throw await problemOf(response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
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
  const response = await fetch('/api/v1/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!response.ok) throw await problemOf(response);
  const session = (await response.json()) as Session;
  sessions.set(session);
  return session;
}

export function isProblem(error: unknown, status?: number): error is ApiProblem {
  return error instanceof ApiProblem && (status === undefined || error.status === status);
}

import { ApiProblem, problemOf } from './api-problem.js';
import type { Session } from './api-types.js';

const STORAGE_KEY = 'brigade.session';
/** Refresh a little before the access token runs out, so a request never races its expiry. */
const EXPIRY_MARGIN_MS = 30_000;

type Listener = (session: Session | null) => void;

/**
 * The signed-in session: in memory, mirrored to sessionStorage so a reload of the tab keeps it (and a
 * new tab or a closed browser does not). Access tokens are refreshed with the refresh token when they
 * are about to expire; refresh tokens rotate on use, so concurrent callers share one refresh.
 */
export class SessionStore {
  private current: Session | null;
  private refreshing: Promise<string> | null = null;
  private readonly listeners = new Set<Listener>();

  constructor(private readonly storage: Storage | null) {
    this.current = readStored(storage);
  }

  get session(): Session | null {
    return this.current;
  }

  set(session: Session): void {
    this.current = session;
    this.storage?.setItem(STORAGE_KEY, JSON.stringify(session));
    this.emit();
  }

  clear(): void {
    this.current = null;
    this.storage?.removeItem(STORAGE_KEY);
    this.emit();
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A usable access token (refreshed first when it is about to expire), or null when signed out. */
  async accessToken(): Promise<string | null> {
    const session = this.current;
    if (!session) return null;
    const expiresAt = tokenExpiry(session.accessToken);
    if (expiresAt !== null && expiresAt - Date.now() < EXPIRY_MARGIN_MS) return this.refresh();
    return session.accessToken;
  }

  /** Exchanges the refresh token for a new pair; a refused refresh signs the user out. */
  refresh(): Promise<string> {
    this.refreshing ??= this.exchange().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async exchange(): Promise<string> {
    const refreshToken = this.current?.refreshToken;
    if (!refreshToken) throw new ApiProblem(401, { code: 'unauthenticated', title: 'Not signed in' });
    const response = await fetch('/api/v1/auth/refresh', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ refreshToken }),
    });
    if (!response.ok) {
      const problem = await problemOf(response);
      // An expired or revoked refresh token: the session is over. A server error is not a sign-out.
      if (response.status === 401 || response.status === 400) this.clear();
      throw problem;
    }
    const session = (await response.json()) as Session;
    this.set(session);
    return session.accessToken;
  }

  private emit(): void {
    for (const listener of this.listeners) listener(this.current);
  }
}

/** The `exp` claim of a JWT in ms, or null when it cannot be read (the server then decides). */
export function tokenExpiry(token: string): number | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const exp = (JSON.parse(json) as { exp?: unknown }).exp;
    return typeof exp === 'number' ? exp * 1000 : null;
  } catch {
    return null;
  }
}

function readStored(storage: Storage | null): Session | null {
  const text = storage?.getItem(STORAGE_KEY);
  if (!text) return null;
  try {
    const session = JSON.parse(text) as Session;
    return typeof session.accessToken === 'string' && typeof session.refreshToken === 'string'
      ? session
      : null;
  } catch {
    return null;
  }
}

function sessionStorageOrNull(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    // Storage disabled (some privacy modes): the session lives in memory only.
    return null;
  }
}

export const sessions = new SessionStore(sessionStorageOrNull());

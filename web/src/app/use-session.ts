import { useEffect, useState } from 'preact/hooks';
import type { Session } from '../api/api-types.js';
import { sessions } from '../api/session-store.js';

/** The current session; re-renders on sign-in, refresh and sign-out. */
export function useSession(): Session | null {
  const [session, setSession] = useState(sessions.session);
  useEffect(() => sessions.subscribe(setSession), []);
  return session;
}

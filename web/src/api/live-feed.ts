import type { FeedMessage } from './api-types.js';
import { sessions } from './session-store.js';

export type FeedState = 'connecting' | 'live' | 'offline';

export interface LiveFeedOptions {
  /** e.g. `/api/v1/ws/dashboard/{businessId}` (docs/realtime.md). */
  path: string;
  onMessage: (message: FeedMessage) => void;
  onState: (state: FeedState) => void;
  /** Each (re)connection: read the current state over REST, since the feed carries only what follows. */
  onOpen?: () => void;
}

const MAX_BACKOFF_MS = 15_000;
/** The server closes with this code when the access token expires: reconnect with a fresh one. */
const TOKEN_EXPIRED = 4001;

/**
 * A WebSocket feed that reconnects: at once with a refreshed token when the server closes it for an
 * expired token, with backoff after a failure. Browsers cannot set headers on a WebSocket, so the token
 * goes as `?access_token=`. Returns a function that closes it for good.
 */
export function openLiveFeed(options: LiveFeedOptions): () => void {
  let socket: WebSocket | null = null;
  let closed = false;
  let failures = 0;
  let retry: number | undefined;

  const connect = async () => {
    if (closed) return;
    options.onState('connecting');
    let token: string | null;
    try {
      token = await sessions.accessToken();
    } catch {
      token = null;
    }
    if (closed) return;
    if (!token) {
      options.onState('offline');
      return;
    }
    const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
    const url = `${scheme}://${window.location.host}${options.path}?access_token=${encodeURIComponent(token)}`;
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      failures = 0;
      options.onState('live');
      options.onOpen?.();
    };
    ws.onmessage = (event) => {
      if (typeof event.data !== 'string') return;
      try {
        options.onMessage(JSON.parse(event.data) as FeedMessage);
      } catch {
        // The server only sends JSON; ignore anything else rather than break the screen.
      }
    };
    ws.onclose = (event) => {
      socket = null;
      if (closed) return;
      options.onState('offline');
      const delay = event.code === TOKEN_EXPIRED ? 0 : Math.min(MAX_BACKOFF_MS, 1000 * 2 ** failures);
      failures += 1;
      retry = window.setTimeout(() => void connect(), delay);
    };
  };

  void connect();
  return () => {
    closed = true;
    window.clearTimeout(retry);
    socket?.close(1000, 'screen closed');
  };
}

/**
 * Several feeds as one (a staff member's locations): each reconnects on its own; the state is live
 * when every feed is, offline when any is, connecting otherwise. Returns a function that closes them all.
 */
export function openLiveFeeds(paths: readonly string[], options: Omit<LiveFeedOptions, 'path'>): () => void {
  const states = new Map<string, FeedState>(paths.map((path) => [path, 'connecting']));
  const closers = paths.map((path) =>
    openLiveFeed({
      ...options,
      path,
      onState: (state) => {
        states.set(path, state);
        const all = [...states.values()];
        options.onState(
          all.includes('offline') ? 'offline' : all.every((one) => one === 'live') ? 'live' : 'connecting',
        );
      },
    }),
  );
  return () => {
    for (const close of closers) close();
  };
}

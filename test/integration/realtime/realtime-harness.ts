import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { WebSocket } from 'ws';
import { EmbeddedBus } from '../../../src/bus/embedded-bus.js';
import type { EventBus } from '../../../src/bus/event-bus.js';
import { buildApp } from '../../../src/http/app.js';
import type { BrigadeApp } from '../../../src/http/brigade-app.js';
import { startOutboxRelay } from '../../../src/outbox/outbox-relay.js';
import { appendEvents } from '../../../src/outbox/outbox-writer.js';
import { SimulatedGateway } from '../../../src/payments/simulated-gateway.js';
import type { LiveMetricsProvider } from '../../../src/realtime/realtime-hub.js';
import type { RealtimeLimits } from '../../../src/realtime/realtime-limits.js';
import type { Database } from '../../../src/storage/database.js';
import { TEST_JWT_SECRET } from '../../support/app.js';

/**
 * A listening API process with live feeds, on a test database: its own embedded bus (the outbox read
 * as a log) fed by the real outbox relay, so events reach the feeds exactly as in production.
 */
export interface LiveProcess {
  app: BrigadeApp;
  /** http://127.0.0.1:port */
  url: string;
  /** ws://127.0.0.1:port */
  wsUrl: string;
  close(): Promise<void>;
}

export async function startLiveProcess(
  db: Database,
  options: {
    limits?: Partial<RealtimeLimits>;
    liveMetrics?: LiveMetricsProvider;
    /** The bus to tail (the caller closes it); by default an embedded one on `db`. */
    bus?: EventBus;
  } = {},
): Promise<LiveProcess> {
  const bus = options.bus ?? new EmbeddedBus(db, { pollMs: 10 });
  const app = await buildApp({
    db,
    config: { accessTokenTtlSeconds: 900, refreshTokenTtlSeconds: 86_400, bodyLimitBytes: 64 * 1024 },
    jwtSecret: TEST_JWT_SECRET,
    gateway: new SimulatedGateway(db),
    realtime: {
      bus,
      ...(options.liveMetrics ? { liveMetrics: options.liveMetrics } : {}),
      limits: { tailBlockMs: 200, ...options.limits },
    },
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as AddressInfo).port;
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}`,
    async close() {
      // Node's fetch keeps a spare connection after an aborted stream that never sends a request, and
      // server.close() waits for such connections (Node closes only idle ones that had a request). Cut
      // them after a moment so suites end promptly; shutdown tests measure app.close() itself, with
      // clients that leave no such connection behind.
      const closing = app.close();
      const cut = setTimeout(() => app.server.closeAllConnections(), 1000);
      await closing;
      clearTimeout(cut);
      if (!options.bus) await bus.close();
    },
  };
}

/** The outbox relay, publishing committed events to the embedded log (one per database). */
export function startRelay(db: Database): { stop(): Promise<void> } {
  return startOutboxRelay(db, new EmbeddedBus(db), { idleMs: 10, retryMs: 100 });
}

export interface FeedMessage {
  event: string;
  timestamp: string;
  // biome-ignore lint/suspicious/noExplicitAny: test assertions read into arbitrary envelopes
  data: any;
}

/** A real `ws` client that records what it receives. */
export class TestSocket {
  readonly messages: FeedMessage[] = [];
  pings = 0;
  closed: { code: number; reason: string } | undefined;
  private waiters: (() => void)[] = [];

  constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      this.messages.push(JSON.parse(String(data)) as FeedMessage);
      this.wake();
    });
    ws.on('ping', () => {
      this.pings++;
      this.wake();
    });
    ws.on('close', (code, reason) => {
      this.closed = { code, reason: reason.toString() };
      this.wake();
    });
  }

  send(message: unknown): void {
    this.ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  events(type?: string): FeedMessage[] {
    return this.messages.filter((m) => type === undefined || m.event === type);
  }

  /** Waits until `predicate` holds (checked on every message, ping and close). */
  async until<T>(predicate: () => T | undefined | false, timeoutMs = 5000, what = 'condition'): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = predicate();
      if (value) return value;
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new Error(
          `timed out waiting for ${what}; got ${JSON.stringify(this.messages.map((m) => m.event))}`,
        );
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 50));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** The next message of this type after the ones already seen. */
  async next(event: string, timeoutMs = 5000): Promise<FeedMessage> {
    const seen = this.events(event).length;
    return this.until(() => this.events(event)[seen], timeoutMs, `a ${event} message`);
  }

  close(): void {
    this.ws.close();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}

export type Refusal = { status: number; body: { code: string; status: number } };

/** Opens a feed; resolves with the socket once open, or with the HTTP refusal of the upgrade. */
export function connectFeed(
  wsUrl: string,
  path: string,
  options: { token?: string; queryToken?: string; autoPong?: boolean } = {},
): Promise<TestSocket | Refusal> {
  const url = options.queryToken ? `${wsUrl}${path}?access_token=${options.queryToken}` : `${wsUrl}${path}`;
  const ws = new WebSocket(url, {
    headers: options.token ? { authorization: `Bearer ${options.token}` } : {},
    autoPong: options.autoPong ?? true,
  });
  const socket = new TestSocket(ws);
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(socket));
    ws.once('unexpected-response', (_request, response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      response.on('end', () => {
        resolve({ status: response.statusCode ?? 0, body: JSON.parse(body || '{}') });
        ws.terminate();
      });
    });
    ws.once('error', (error) => reject(error));
  });
}

export async function openFeed(
  wsUrl: string,
  path: string,
  options: { token?: string; queryToken?: string; autoPong?: boolean } = {},
): Promise<TestSocket> {
  const result = await connectFeed(wsUrl, path, options);
  if (!(result instanceof TestSocket)) throw new Error(`feed refused: ${JSON.stringify(result)}`);
  return result;
}

export interface SseEvent {
  id: string | undefined;
  event: string | undefined;
  // biome-ignore lint/suspicious/noExplicitAny: test assertions read into arbitrary payloads
  data: any;
}

/** A server-sent event stream read with fetch streaming, parsed as EventSource would. */
export class TestStream {
  readonly events: SseEvent[] = [];
  readonly comments: string[] = [];
  ended = false;
  private buffer = '';
  private readonly reading: Promise<void>;

  constructor(
    readonly response: Response,
    private readonly abort: AbortController,
  ) {
    this.reading = this.read();
  }

  private async read(): Promise<void> {
    const body = this.response.body;
    if (!body) return;
    const decoder = new TextDecoder();
    try {
      for await (const chunk of body) {
        this.buffer += decoder.decode(chunk as Uint8Array, { stream: true });
        let end = this.buffer.indexOf('\n\n');
        while (end >= 0) {
          this.parse(this.buffer.slice(0, end));
          this.buffer = this.buffer.slice(end + 2);
          end = this.buffer.indexOf('\n\n');
        }
      }
    } catch {
      // aborted by the test, or cut by the server
    }
    this.ended = true;
  }

  private parse(block: string): void {
    const event: SseEvent = { id: undefined, event: undefined, data: undefined };
    let hasData = false;
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) this.comments.push(line.slice(1).trim());
      else if (line.startsWith('id: ')) event.id = line.slice(4);
      else if (line.startsWith('event: ')) event.event = line.slice(7);
      else if (line.startsWith('data: ')) {
        event.data = JSON.parse(line.slice(6));
        hasData = true;
      }
    }
    if (hasData) this.events.push(event);
  }

  async until<T>(predicate: () => T | undefined | false, timeoutMs = 5000, what = 'condition'): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = predicate();
      if (value) return value;
      if (Date.now() > deadline) {
        throw new Error(`timed out waiting for ${what}; got ${JSON.stringify(this.events.map((e) => e.id))}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async close(): Promise<void> {
    this.abort.abort();
    await this.reading;
  }
}

export async function openStream(
  url: string,
  options: { token?: string; headers?: Record<string, string> } = {},
): Promise<TestStream | { status: number; body: { code: string } }> {
  const abort = new AbortController();
  const response = await fetch(url, {
    headers: {
      accept: 'text/event-stream',
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    signal: abort.signal,
  });
  if (response.status !== 200) {
    return { status: response.status, body: (await response.json()) as { code: string } };
  }
  return new TestStream(response, abort);
}

/** Bulk events through the real outbox writer (for volume tests): menu.changed with a big snapshot. */
export async function appendBulkEvents(
  db: Database,
  businessId: string,
  count: number,
  bytesEach: number,
): Promise<void> {
  const filler = 'x'.repeat(bytesEach);
  for (let done = 0; done < count; done += 50) {
    const batch = Math.min(50, count - done);
    await db.transaction((tx) =>
      appendEvents(
        tx,
        Array.from({ length: batch }, () => ({
          type: 'menu.changed' as const,
          businessId,
          payload: { entity: 'item', entity_id: randomUUID(), action: 'updated' as const, data: { filler } },
        })),
      ),
    );
  }
}

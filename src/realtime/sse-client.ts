import { once } from 'node:events';
import type { ServerResponse } from 'node:http';
import type { FeedClient } from './feed-client.js';
import type { FeedMessage } from './feed-message.js';
import type { RealtimeHub } from './realtime-hub.js';
import type { Topic } from './topics.js';

/** One server-sent event: `id:`, `event:` and a one-line JSON `data:`. */
export interface SseFrame {
  id: string;
  event: string;
  data: string;
}

/**
 * Turns messages into frames for one stream and remembers what was sent, so an event that arrives both
 * in the replayed backlog and live is sent once. Returns undefined for a message to skip.
 */
export interface SseCursor {
  frameOf(message: FeedMessage): SseFrame | undefined;
}

/**
 * One server-sent event stream. Resuming without a gap: the route subscribes the client to the hub
 * first, then reads the backlog; live messages that arrive meanwhile are held (bounded by the buffer
 * limit) and sent after the backlog, through the same cursor, which drops the ones already replayed.
 * A client whose unsent bytes (`writableLength`) pass the limit is dropped (a stream over an offset log
 * reads the log instead: log-sse-client.ts); heartbeats are `: ping` comment lines, which also let
 * proxies and the server notice a dead connection.
 */
export class SseFeedClient implements FeedClient {
  /** Live messages waiting while a backlog is written (null: live, each message is sent as it comes). */
  protected held: FeedMessage[] | null = [];
  protected heldBytes = 0;
  private closed = false;

  constructor(
    readonly topic: Topic,
    protected readonly response: ServerResponse,
    protected readonly hub: RealtimeHub,
    private readonly cursor: SseCursor,
    private readonly options: { expiresAtMs?: number | undefined; retryMs?: number } = {},
  ) {
    response.on('close', () => {
      this.closed = true;
      this.hub.unsubscribe(this);
      // The client went away mid-stream: the response never finishes by itself, and the socket's
      // writable side would stay open (holding server.close()) until some timeout.
      if (!response.writableFinished) response.destroy();
    });
  }

  /** Sends the headers (and the reconnect delay browsers should use), so the client sees the stream open. */
  open(): void {
    this.response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      // A stream ends only when it must (shutdown, token expiry, slow client): the connection goes
      // with it instead of idling in keep-alive, which would hold server.close() for its timeout.
      connection: 'close',
      // nginx and similar proxies would otherwise buffer the stream.
      'x-accel-buffering': 'no',
    });
    this.write(`retry: ${this.options.retryMs ?? 3000}\n\n`);
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Writes replayed messages in order, waiting for the socket to drain instead of buffering them all. */
  async replay(messages: Iterable<FeedMessage>): Promise<void> {
    for (const message of messages) {
      if (this.closed) return;
      const frame = this.cursor.frameOf(message);
      if (!frame) continue;
      if (!this.response.write(format(frame))) await this.drained();
    }
  }

  /** Ends the replay: sends what arrived live meanwhile, then every message as it comes. */
  goLive(): void {
    const held = this.held ?? [];
    this.held = null;
    this.heldBytes = 0;
    for (const message of held) this.deliver(message);
  }

  deliver(message: FeedMessage): void {
    if (this.closed) return;
    if (this.held) {
      this.held.push(message);
      this.heldBytes += message.dataJson.length;
      if (this.heldBytes > this.hub.limits.maxBufferedBytes) this.heldOverflow();
      return;
    }
    const frame = this.cursor.frameOf(message);
    if (frame) this.write(format(frame));
  }

  /** The live messages held during a replay passed the buffer limit: the client is dropped. */
  protected heldOverflow(): void {
    this.dropSlow(this.heldBytes);
  }

  /** The bytes waiting to be sent passed the buffer limit: the client is dropped. */
  protected bufferOverflow(bufferedBytes: number): void {
    this.dropSlow(bufferedBytes);
  }

  heartbeat(nowMs: number): void {
    if (this.closed) return;
    if (this.options.expiresAtMs !== undefined && nowMs >= this.options.expiresAtMs) {
      // The client reconnects with a fresh token and its Last-Event-ID.
      this.end();
      return;
    }
    this.write(': ping\n\n');
  }

  shutdown(): void {
    this.end();
  }

  private write(text: string): void {
    if (this.closed) return;
    this.response.write(text);
    const buffered = this.response.writableLength;
    if (buffered > this.hub.limits.maxBufferedBytes) this.bufferOverflow(buffered);
  }

  private dropSlow(bufferedBytes: number): void {
    if (this.closed) return;
    this.closed = true;
    this.hub.slowConsumerDropped(this, bufferedBytes);
    // Nothing more can reach a client that does not read: free the buffer now.
    this.response.destroy();
  }

  private end(): void {
    if (this.closed) return;
    this.closed = true;
    this.hub.unsubscribe(this);
    this.response.end();
    // A client that stopped reading would keep the socket (and server.close) waiting for the end.
    const timer = setTimeout(() => this.response.destroy(), this.hub.limits.closeGraceMs);
    this.response.once('close', () => clearTimeout(timer));
  }

  protected async drained(): Promise<void> {
    const done = new AbortController();
    const { signal } = done;
    try {
      await Promise.race([
        once(this.response, 'drain', { signal }),
        once(this.response, 'close', { signal }),
      ]);
    } finally {
      done.abort();
    }
  }
}

function format(frame: SseFrame): string {
  return `id: ${frame.id}\nevent: ${frame.event}\ndata: ${frame.data}\n\n`;
}

import type { Writable } from 'node:stream';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import type { RawData, WebSocket } from 'ws';
import { ClientMessage } from '../schemas/realtime.js';
import { EventFilter } from './event-filter.js';
import type { FeedClient } from './feed-client.js';
import { FeedMessage } from './feed-message.js';
import type { RealtimeHub } from './realtime-hub.js';
import type { Topic } from './topics.js';

/** Close codes the server uses (docs/realtime.md, "Closing"). */
export const CLOSE_CODES = {
  /** The server is shutting down: reconnect (to another process). */
  goingAway: 1001,
  /** The access token expired: reconnect with a fresh one. */
  tokenExpired: 4001,
  /** The client did not read fast enough and its buffer passed the limit. */
  slowConsumer: 4008,
} as const;

const clientMessage = TypeCompiler.Compile(ClientMessage);

/**
 * One WebSocket feed connection. It keeps the client's event filter, answers its ping and subscribe
 * messages, sends the hub's messages while `bufferedAmount` stays under the limit (beyond it the client
 * is dropped with 4008, so a client that stops reading never makes the server buffer without bound),
 * and takes part in heartbeats: a client that has not answered the previous ping frame is terminated.
 */
export class WebSocketFeedClient implements FeedClient {
  private filter = new EventFilter();
  private answeredPing = true;
  private closing = false;

  constructor(
    readonly topic: Topic,
    private readonly socket: WebSocket,
    /**
     * The TCP socket under `socket`. Feed messages are written to it as frames built once per message
     * (FeedMessage.frame) rather than through `socket.send`, which frames again for every client: at
     * 10,000 clients that per-socket work was a sixth of a broadcast. It is safe because `ws` never holds
     * frames back on this connection (no permessage-deflate, no Blob payloads), so its own pings and
     * close frames go to the same stream in order, and `bufferedAmount` still counts what waits here.
     */
    private readonly transport: Writable,
    private readonly hub: RealtimeHub,
    private readonly options: {
      now: () => Date;
      /** When the access token the client connected with expires (ms since epoch). */
      expiresAtMs?: number | undefined;
      /**
       * The only locations whose events this client may get (a staff member's on a business-wide
       * topic); absent for every event of the topic.
       */
      locationIds?: ReadonlySet<string> | undefined;
    },
  ) {
    socket.on('message', (data, isBinary) => this.onMessage(data, isBinary));
    socket.on('pong', () => {
      this.answeredPing = true;
    });
    socket.on('close', () => {
      this.closing = true;
      this.hub.unsubscribe(this);
    });
  }

  deliver(message: FeedMessage): void {
    if (this.closing || !this.filter.matches(message.event)) return;
    const only = this.options.locationIds;
    const location = message.envelope?.location_id;
    if (only && location !== undefined && (location === null || !only.has(location))) return;
    this.send(message.frame);
  }

  heartbeat(nowMs: number): void {
    if (this.closing) return;
    if (this.options.expiresAtMs !== undefined && nowMs >= this.options.expiresAtMs) {
      this.close(CLOSE_CODES.tokenExpired, 'token expired');
      return;
    }
    if (!this.answeredPing) {
      // No pong since the last ping: the peer is gone without a FIN (a dead network path).
      this.closing = true;
      this.hub.unsubscribe(this);
      this.socket.terminate();
      return;
    }
    this.answeredPing = false;
    this.socket.ping();
  }

  shutdown(): void {
    this.close(CLOSE_CODES.goingAway, 'server shutting down');
  }

  private send(frame: Buffer): void {
    if (this.socket.readyState !== this.socket.OPEN) return;
    this.transport.write(frame);
    const buffered = this.socket.bufferedAmount;
    if (buffered > this.hub.limits.maxBufferedBytes) {
      this.closing = true;
      this.hub.slowConsumerDropped(this, buffered);
      this.closeNow(CLOSE_CODES.slowConsumer, 'slow consumer');
    }
  }

  private reply(event: string, data: unknown): void {
    if (this.closing) return;
    this.send(new FeedMessage(event, this.options.now().toISOString(), data).frame);
  }

  private onMessage(data: RawData, isBinary: boolean): void {
    if (isBinary) {
      this.reply('error', { code: 'validation_failed', detail: 'Send JSON text frames' });
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(rawText(data));
    } catch {
      this.reply('error', { code: 'malformed_json', detail: 'Message is not valid JSON' });
      return;
    }
    if (!clientMessage.Check(parsed)) {
      const first = clientMessage.Errors(parsed).First();
      const detail =
        typeof parsed === 'object' && parsed !== null && 'type' in parsed
          ? `Unknown or invalid message${first ? `: ${first.path || '/'} ${first.message}` : ''}`
          : 'Expected {"type":"ping"} or {"type":"subscribe","events":[...]}';
      this.reply('error', { code: 'validation_failed', detail });
      return;
    }
    if (parsed.type === 'ping') {
      this.reply('pong', {});
      return;
    }
    this.filter = new EventFilter(parsed.events);
    this.reply('subscribed', { events: this.filter.patterns });
  }

  /** Closes with a code and reason, and destroys the socket if the client has not closed in time. */
  private close(code: number, reason: string): void {
    if (this.closing) return;
    this.closing = true;
    this.hub.unsubscribe(this);
    this.closeNow(code, reason);
  }

  private closeNow(code: number, reason: string): void {
    if (this.socket.readyState === this.socket.CLOSED) return;
    this.socket.close(code, reason);
    const timer = setTimeout(() => this.socket.terminate(), this.hub.limits.closeGraceMs);
    this.socket.once('close', () => clearTimeout(timer));
  }
}

function rawText(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}

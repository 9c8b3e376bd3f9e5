import type { EventEnvelope } from '../domain/events/envelope.js';
import { textFrame } from './websocket-frame.js';

/**
 * One message of a live feed: `{event, timestamp, data}`. For a bus event, `event` is its type and
 * `data` the envelope; `timestamp` is when this process sent it (the event's own time is
 * `data.occurred_at`). The JSON text is made once and shared by every client that gets the message,
 * so fan-out to thousands of sockets costs one serialisation and one framing.
 */
export class FeedMessage {
  private text: string | undefined;
  private framed: Buffer | undefined;
  private dataText: string | undefined;
  private loggedText: string | undefined;

  constructor(
    readonly event: string,
    readonly timestamp: string,
    readonly data: unknown,
    /** The bus event the message carries (null for pong, metrics and other server messages). */
    readonly envelope: EventEnvelope | null = null,
    /** The event's outbox log position (its offset in the business event feed), when known. */
    readonly offset: number | null = null,
  ) {}

  static ofEvent(envelope: EventEnvelope, now: Date, offset: number | null = null): FeedMessage {
    return new FeedMessage(envelope.event_type, now.toISOString(), envelope, envelope, offset);
  }

  /** The event as the business event feed serves it: `{offset, ...envelope}` (docs/ingestion.md). */
  get loggedEventJson(): string {
    this.loggedText ??= JSON.stringify({ offset: this.offset, ...this.envelope });
    return this.loggedText;
  }

  /** The WebSocket frame: `{"event":...,"timestamp":...,"data":...}`. */
  get json(): string {
    this.text ??= JSON.stringify({ event: this.event, timestamp: this.timestamp, data: this.data });
    return this.text;
  }

  /** The whole WebSocket text frame (header and UTF-8 JSON), built once and written to every socket. */
  get frame(): Buffer {
    this.framed ??= textFrame(Buffer.from(this.json, 'utf8'));
    return this.framed;
  }

  /** `data` alone as JSON text (the `data:` line of a server-sent event). */
  get dataJson(): string {
    this.dataText ??= JSON.stringify(this.data);
    return this.dataText;
  }
}

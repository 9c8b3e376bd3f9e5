import type { ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FeedMessage } from './feed-message.js';
import type { RealtimeHub } from './realtime-hub.js';
import { SseFeedClient } from './sse-client.js';
import type { LogOffsetCursor } from './sse-cursors.js';
import type { Topic } from './topics.js';

/** The log after an offset, page by page, in log order (businessEventsAfter for the business feed). */
export type LogReader = (afterOffset: number) => AsyncIterable<FeedMessage[]>;

/**
 * How long a catch-up waits for live events it let go to appear in the log. On Redis the relay adds
 * events to the stream just before its transaction commits, so the hub can see one a moment before the
 * outbox shows it; anything longer means the log and the bus disagree, and the stream ends (the client
 * resumes with its Last-Event-ID).
 */
const RELEASED_EVENT_WAIT_MS = 5000;

/**
 * A server-sent event stream over an offset log: the business event feed, where every event has an
 * offset and the log (the outbox) holds all of them. Such a client never needs to queue much, so it is
 * never dropped for being slow. Whenever live messages would pile up — while it replays the log after
 * Last-Event-ID, or because the client reads slower than events arrive — it reads the log instead, page
 * by page as the socket drains, until it has caught up, then goes live again. Live messages that arrive
 * meanwhile are held up to the buffer limit; past it they are let go and read from the log later.
 * So a client costs at most the buffer limit of unsent bytes, the same again of held messages and one
 * page of the log, whatever it does; and the hub keeps nothing for topics nobody listens to.
 */
export class LogSseFeedClient extends SseFeedClient {
  /** The highest offset among live messages let go while catching up: the log must be read past it. */
  private releasedUpTo = -1;

  constructor(
    topic: Topic,
    response: ServerResponse,
    hub: RealtimeHub,
    private readonly logCursor: LogOffsetCursor,
    private readonly readLog: LogReader,
    options: { expiresAtMs?: number | undefined; retryMs?: number } = {},
  ) {
    super(topic, response, hub, logCursor, options);
  }

  /**
   * Sends the log after the cursor, then goes live. Call it after subscribing the client to the hub
   * (live messages are held meanwhile), or let `bufferOverflow` call it. Throws when the log cannot be
   * read; the stream is then ended.
   */
  async catchUp(): Promise<void> {
    try {
      let waitedMs = 0;
      for (;;) {
        if (this.response.writableNeedDrain) await this.drained();
        const before = this.logCursor.last;
        for await (const page of this.readLog(before)) {
          await this.replay(page);
          if (this.isClosed) return;
        }
        if (this.isClosed) return;
        if (this.releasedUpTo <= this.logCursor.last) break;
        if (this.logCursor.last > before) {
          waitedMs = 0;
          continue;
        }
        if (waitedMs >= RELEASED_EVENT_WAIT_MS) throw new Error('live events let go never reached the log');
        await sleep(20);
        waitedMs += 20;
      }
    } catch (error) {
      this.shutdown();
      throw error;
    }
    if (!this.isClosed) this.goLive();
  }

  /** Held live messages passed the limit: let them go (the log has them) and hold the next ones. */
  protected override heldOverflow(): void {
    const last = this.held?.findLast((message) => message.offset !== null)?.offset;
    if (last !== undefined && last !== null) this.releasedUpTo = Math.max(this.releasedUpTo, last);
    this.held = [];
    this.heldBytes = 0;
  }

  /** The client reads slower than events arrive: stop sending live, and catch up from the log. */
  protected override bufferOverflow(): void {
    if (this.held) return; // already catching up
    this.held = [];
    this.heldBytes = 0;
    this.hub.slowConsumerCaughtUp();
    this.catchUp().catch(() => {
      // The stream was ended; the client resumes with its Last-Event-ID.
    });
  }
}

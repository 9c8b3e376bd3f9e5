import type { FeedMessage } from './feed-message.js';
import type { Topic } from './topics.js';

/**
 * A live connection as the hub sees it (a WebSocket or a server-sent event stream). The hub hands it
 * every message of its topic; the client applies its own filter and buffer limit.
 */
export interface FeedClient {
  readonly topic: Topic;
  /** Sends the message if the client wants it. Never throws; a client over its buffer limit drops itself. */
  deliver(message: FeedMessage): void;
  /** Called every heartbeat interval with the wall clock. */
  heartbeat(nowMs: number): void;
  /** Closes the connection because the server is shutting down. */
  shutdown(): void;
}

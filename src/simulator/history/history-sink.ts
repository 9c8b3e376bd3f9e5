import type { EventEnvelope } from '../../domain/events/envelope.js';

/**
 * Where written history goes: the outbox of a Brigade (outbox-sink.ts), or files (file-sinks.ts). Each
 * call holds one day of the window, in time order.
 */
export interface HistorySink {
  write(events: readonly EventEnvelope[], day: string): Promise<void>;
  /** Flushes and closes; the history is complete once this resolves. */
  close(): Promise<void>;
}

import type { EventEnvelope } from '../../domain/events/envelope.js';

/**
 * Where written history goes as events: the outbox of a Brigade (outbox-sink.ts). Each call holds
 * one day of the window, in time order.
 */
export interface HistorySink {
  write(events: readonly EventEnvelope[], day: string): Promise<void>;
  /** Flushes and closes; the history is complete once this resolves. */
  close(): Promise<void>;
}

/**
 * Where history goes as text: files (file-sinks.ts). Each call holds one day of the window, in time
 * order, as NDJSON in UTF-8 (one JSON text per event, each line ending with a newline), so the day
 * can be serialized on the thread that wrote it.
 */
export interface HistoryTextSink {
  writeDay(ndjson: Uint8Array, events: number, day: string): Promise<void>;
  /** Flushes and closes; the history is complete once this resolves. */
  close(): Promise<void>;
}

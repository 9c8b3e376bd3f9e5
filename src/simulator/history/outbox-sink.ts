import { importEnvelopes } from '../../outbox/outbox-import.js';
import type { Database } from '../../storage/database.js';
import type { HistorySink } from './history-sink.js';

/** Events per transaction: large enough to amortise a commit, small enough to keep a transaction short. */
const EVENTS_PER_TRANSACTION = 5000;

/**
 * Appends history to the outbox, where the relay numbers it and the bus carries it to the lake and
 * the consumers like any event. Ids are stable for a plan, so a backfill run again, or resumed after
 * a crash, appends only what is missing (the outbox skips an event id it has).
 */
export function outboxSink(db: Database): HistorySink & { appended(): number } {
  let appended = 0;
  return {
    async write(events) {
      for (let start = 0; start < events.length; start += EVENTS_PER_TRANSACTION) {
        const slice = events.slice(start, start + EVENTS_PER_TRANSACTION);
        const written = await db.transaction((tx) => importEnvelopes(tx, slice));
        appended += written.size;
      }
    },
    close: async () => {},
    appended: () => appended,
  };
}

import type { EventBus } from '../../bus/event-bus.js';
import { readManifest } from '../../lake/manifest-io.js';
import type { LakeStore } from '../../lake/store/lake-store.js';
import type { Queryable } from '../../storage/database.js';
import type { HistorySink } from './history-sink.js';

/** Redis stream ids are `<ms>-<seq>`; compared as numbers, part by part. */
function compareStreamIds(a: string, b: string): number {
  const [aMs = 0, aSeq = 0] = a.split('-').map(Number);
  const [bMs = 0, bSeq = 0] = b.split('-').map(Number);
  return aMs - bMs || aSeq - bSeq;
}

export interface LakePacing {
  db: Queryable;
  bus: EventBus;
  lake: LakeStore;
  /** Called while waiting, with what is awaited (for the command's output). */
  onWait?: (what: string) => void;
  pollMs?: number;
}

/**
 * On Redis Streams the bus keeps BRIGADE_BUS_MAX_LENGTH entries; the lake writer reads far slower than
 * the backfill writes, and an entry trimmed before the writer read it would be lost to the lake. So
 * after each day of history this sink waits until the relay has published it and the lake writer's
 * committed cursor has passed the newest entry: at most one day of history is ever ahead of the lake.
 * (The embedded bus is the outbox itself and trims nothing; it needs no pacing.)
 */
export function lakePacedSink(inner: HistorySink, pacing: LakePacing): HistorySink {
  const pollMs = pacing.pollMs ?? 500;
  const wait = () => new Promise((resolve) => setTimeout(resolve, pollMs));
  return {
    async write(events, day) {
      await inner.write(events, day);
      for (;;) {
        const { rows } = await pacing.db.query<{ waiting: boolean }>(
          'SELECT EXISTS (SELECT 1 FROM outbox WHERE published_at IS NULL) AS waiting',
        );
        if (!rows[0]?.waiting) break;
        pacing.onWait?.('the relay');
        await wait();
      }
      const newest = (await pacing.bus.newest())?.id;
      if (!newest) return;
      for (;;) {
        const cursor = (await readManifest(pacing.lake)).cursor;
        if (cursor !== null && compareStreamIds(cursor, newest) >= 0) return;
        pacing.onWait?.('the lake writer');
        await wait();
      }
    },
    close: () => inner.close(),
  };
}

import type { Logger } from 'pino';
import type { EventBus } from '../bus/event-bus.js';
import type { DemoWorld } from '../demo/demo-catalog.js';
import type { LakeStore } from '../lake/store/lake-store.js';
import { type HistoryPeople, registeredPeople } from '../simulator/history/history-people.js';
import type { HistorySink } from '../simulator/history/history-sink.js';
import { lakePacedSink } from '../simulator/history/lake-paced-sink.js';
import { outboxSink } from '../simulator/history/outbox-sink.js';
import {
  type HistoryProgress,
  type HistoryWindow,
  writeHistory,
} from '../simulator/history/write-history.js';
import { simWorldOf } from '../simulator/world/demo-sim-world.js';
import type { Database } from '../storage/database.js';
import { writeShiftHistory } from './demo-shift-history.js';

export interface DemoHistoryDeps {
  db: Database;
  world: DemoWorld;
  seed: number;
  /** The token secret: history registers its customers with the passwords the live simulation uses. */
  customerSecret: string;
  /** Set on Redis Streams, which trims what the lake writer has not read: history waits for it. */
  pacing?: { bus: EventBus; lake: LakeStore } | undefined;
  logger: Logger;
}

export interface DemoHistoryOutcome {
  /** Whole days written (a stopped history may also hold the first part of the next one). */
  days: number;
  orders: number;
  /** Events added to the outbox (an event id it already had is skipped). */
  appended: number;
  /** false: complete; true: stopped early, by stop() or a failure (logged). */
  stopped: boolean;
}

export interface DemoHistory {
  /** The placement window it writes: [midnight N days ago, the businesses' history mark]. */
  readonly window: HistoryWindow;
  /** Resolves with the staff shifts written once they are (before the orders); never rejects. */
  readonly shifts: Promise<number>;
  /** Resolves with what was written once the history is complete or stopped; never rejects. */
  readonly done: Promise<DemoHistoryOutcome>;
  /** Stops between two transactions and waits for that: what is written stays, a prefix in time. */
  stop(): Promise<void>;
}

/**
 * Events per outbox transaction, and so the longest a stop waits for. Small, because on the embedded
 * database a transaction holds the event loop from BEGIN to COMMIT: a `/health/ready` probe every
 * 0.5 s over a fresh start's first two minutes saw pauses of at most 1.1–1.9 s with 5,000 and
 * 0.61–0.78 s with 1,000 (two runs each, docs/simulator.md).
 */
const EVENTS_PER_STEP = 1000;

/** Orders whose customers are registered together (see `prepare` below). */
const ORDERS_PER_REGISTRATION = 250;

class HistoryStopped extends Error {}

/**
 * The demo's past, written in the background when `brigade start` seeds the demo: the staff's shifts
 * through the time clock (demo-shift-history.ts), then the days before the start through the
 * backfill's path (src/simulator/history), so the dashboards have yesterday to compare with from the
 * first minute. It runs beside the API and the live simulation; a day is handed
 * to the outbox 1,000 events at a time, so the API's requests are served between its transactions and
 * a stop (SIGTERM) waits for one of them at most.
 */
export function startDemoHistory(deps: DemoHistoryDeps, window: HistoryWindow): DemoHistory {
  let stopping = false;
  const outbox = outboxSink(deps.db);
  const steps: HistorySink = {
    async write(events, day) {
      for (let start = 0; start < events.length; start += EVENTS_PER_STEP) {
        if (stopping) throw new HistoryStopped();
        await outbox.write(events.slice(start, start + EVENTS_PER_STEP), day);
      }
    },
    close: () => outbox.close(),
  };
  const sink = deps.pacing
    ? lakePacedSink(steps, {
        db: deps.db,
        ...deps.pacing,
        // Called each time the sink polls the relay or the lake writer: where a stop ends the wait.
        onWait: () => {
          if (stopping) throw new HistoryStopped();
        },
      })
    : steps;
  let last: HistoryProgress = { days: 0, totalDays: 0, orders: 0, events: 0 };
  const outcome = (stopped: boolean): DemoHistoryOutcome => ({
    days: last.days,
    orders: last.orders,
    appended: outbox.appended(),
    stopped,
  });
  const started = performance.now();
  const sim = simWorldOf(deps.world);
  // The staff's past shifts first: a few hundred short transactions, then the timesheets hold
  // yesterday whole while the orders are still being written. A failure leaves the orders to write.
  const shifts = writeShiftHistory(deps.db, sim, window, () => stopping).then(
    (count) => {
      deps.logger.info({ shifts: count }, "demo history: the staff's past shifts clocked");
      return count;
    },
    (error: unknown) => {
      deps.logger.error({ err: error }, "demo history: the staff's past shifts failed");
      return 0;
    },
  );
  const run = async (): Promise<DemoHistoryOutcome> => {
    try {
      await shifts;
      if (stopping) throw new HistoryStopped();
      const registered = await registeredPeople(deps.db, deps.world, sim, deps.customerSecret);
      // A day's new customers take seconds to register (scrypt each): a few hundred orders' worth at a
      // time, so that a stop is not held until the whole day's are done.
      const people: HistoryPeople = {
        ...registered,
        async prepare(orders) {
          for (let start = 0; start < orders.length; start += ORDERS_PER_REGISTRATION) {
            if (stopping) throw new HistoryStopped();
            await registered.prepare(orders.slice(start, start + ORDERS_PER_REGISTRATION));
          }
        },
      };
      last = await writeHistory({
        world: deps.world,
        sim,
        seed: deps.seed,
        window,
        people,
        sink,
        onProgress: (now) => {
          last = now;
          deps.logger.info({ ...now, appended: outbox.appended() }, 'demo history: a day written');
        },
      });
      const done = outcome(false);
      deps.logger.info(
        { ...done, seconds: Math.round((performance.now() - started) / 1000) },
        'demo history written; the relay and the lake writer carry it to the dashboards',
      );
      return done;
    } catch (error) {
      const stopped = outcome(true);
      if (error instanceof HistoryStopped)
        deps.logger.info(stopped, 'demo history stopped; what was written stays');
      // The demo carries on without the rest of its past; each transaction is whole or absent.
      else deps.logger.error({ err: error, ...stopped }, 'demo history failed');
      return stopped;
    }
  };
  const done = run();
  return {
    window,
    shifts,
    done,
    async stop() {
      stopping = true;
      await done;
    },
  };
}

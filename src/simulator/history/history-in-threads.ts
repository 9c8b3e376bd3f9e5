import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import type { DemoWorld } from '../../demo/demo-catalog.js';
import type { SimWorld } from '../sim-world.js';
import { type HistoryDayText, historyDayText } from './history-day-text.js';
import { namedPeople } from './history-people.js';
import type { HistoryTextSink } from './history-sink.js';
import {
  dayName,
  daysIn,
  type HistoryProgress,
  type HistoryWindow,
  historyContext,
} from './write-history.js';

/** What a history worker is started with (structured-cloned: plain data). */
export interface HistoryWorkerData {
  world: DemoWorld;
  sim: SimWorld;
  seed: number;
  window: HistoryWindow;
}

export interface HistoryAsTextOptions {
  world: DemoWorld;
  sim: SimWorld;
  seed: number;
  window: HistoryWindow;
  sink: HistoryTextSink;
  /** Worker threads writing days side by side; 1 writes them on this thread. */
  threads: number;
  onProgress?: (progress: HistoryProgress) => void;
}

/**
 * A history worker. Built, it is the JavaScript next to this module. Under the test runner this
 * module is TypeScript source: the worker registers tsx (a development dependency, as the tests load
 * the CLI through it; resolved from the working directory, the checkout the tests run in) before
 * importing its source; `--import tsx` in a worker's execArgv does not reach the worker's own module
 * loader on Node 20.
 */
function startWorker(data: HistoryWorkerData): Worker {
  if (!import.meta.url.endsWith('.ts'))
    return new Worker(new URL('./history-worker.js', import.meta.url), { workerData: data });
  const source = new URL('./history-worker.ts', import.meta.url).href;
  const boot = `import('tsx/esm/api').then((api) => { api.register(); return import(${JSON.stringify(source)}); })`;
  return new Worker(boot, { eval: true, workerData: data });
}

/**
 * The history of a window written as text (`--out`), with the people of a history written to files
 * (namedPeople). Every day is planned from its own random streams and an order's events depend only
 * on its plan and the window's end, so days are independent: `threads` workers write them side by
 * side and the sink receives them in order — the same bytes whatever the number of threads. At most
 * two days per thread wait to be written, which bounds memory.
 */
export async function writeHistoryAsText(options: HistoryAsTextOptions): Promise<HistoryProgress> {
  const { world, sim, seed, window, sink } = options;
  const totalDays = daysIn(window);
  const threads = Math.min(options.threads, totalDays);
  const progress: HistoryProgress = { days: 0, totalDays, orders: 0, events: 0 };
  const write = async (day: HistoryDayText) => {
    await sink.writeDay(day.ndjson, day.events, dayName(window, day.index));
    progress.days += 1;
    progress.orders += day.orders;
    progress.events += day.events;
    options.onProgress?.({ ...progress });
  };
  if (threads <= 1) {
    const context = historyContext({ world, sim, window, people: namedPeople(world, sim) });
    for (let index = 0; index < totalDays; index++)
      await write(await historyDayText(context, seed, window, index));
    await sink.close();
    return progress;
  }
  const data: HistoryWorkerData = { world, sim, seed, window };
  const pool = new DayPool(Array.from({ length: threads }, () => startWorker(data)));
  const ahead: Promise<HistoryDayText>[] = [];
  const writeNext = async () => write((await ahead.shift()) as HistoryDayText);
  try {
    for (let index = 0; index < totalDays; index++) {
      const day = pool.run(index);
      // Awaited in order below; until then a failure must not count as unhandled.
      day.catch(() => {});
      ahead.push(day);
      if (ahead.length >= threads * 2) await writeNext();
    }
    while (ahead.length > 0) await writeNext();
    await sink.close();
  } finally {
    await pool.close();
  }
  return progress;
}

/** Workers handing out days in the order they were asked for; one day per worker at a time. */
class DayPool {
  private readonly idle: Worker[];
  private readonly waiting: ((worker: Worker) => void)[] = [];
  /** The first failure of any worker: a worker that failed has exited, so no day is asked of it again. */
  private failure: unknown;

  constructor(private readonly workers: Worker[]) {
    this.idle = [...workers];
  }

  async run(index: number): Promise<HistoryDayText> {
    const worker = this.idle.pop() ?? (await new Promise<Worker>((resolve) => this.waiting.push(resolve)));
    try {
      if (this.failure !== undefined) throw this.failure;
      // `once` rejects when the worker emits 'error' (an exception in it, or running out of memory).
      const answer = once(worker, 'message');
      worker.postMessage(index);
      const [day] = (await answer) as [HistoryDayText];
      return day;
    } catch (error) {
      this.failure ??= error;
      throw error;
    } finally {
      const next = this.waiting.shift();
      if (next) next(worker);
      else this.idle.push(worker);
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}

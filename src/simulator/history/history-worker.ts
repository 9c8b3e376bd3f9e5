import { parentPort, workerData } from 'node:worker_threads';
import { historyDayText } from './history-day-text.js';
import type { HistoryWorkerData } from './history-in-threads.js';
import { namedPeople } from './history-people.js';
import { historyContext } from './write-history.js';

/**
 * A worker thread of writeHistoryAsText: asked for day n of the window, it writes that day's history
 * and answers with it as NDJSON bytes, which the main thread only writes.
 */
const port = parentPort;
if (!port) throw new Error('history-worker runs as a worker thread');
const { world, sim, seed, window } = workerData as HistoryWorkerData;
const context = historyContext({ world, sim, window, people: namedPeople(world, sim) });

port.on('message', async (index: number) => {
  const day = await historyDayText(context, seed, window, index);
  // Moved, not copied, to the main thread: the bytes must own their whole ArrayBuffer (a small
  // Buffer shares Node's pool, which must not be moved away).
  const own =
    day.ndjson.byteOffset === 0 && day.ndjson.byteLength === day.ndjson.buffer.byteLength
      ? day.ndjson
      : day.ndjson.slice();
  port.postMessage({ ...day, ndjson: own }, [own.buffer as ArrayBuffer]);
});

import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoWorld } from '../../../src/demo/demo-world.js';
import { parseEnvelope } from '../../../src/domain/events/parse-envelope.js';
import { fileSink } from '../../../src/simulator/history/file-sinks.js';
import { writeHistoryAsText } from '../../../src/simulator/history/history-in-threads.js';
import { namedPeople } from '../../../src/simulator/history/history-people.js';
import { shiftEventsBetween } from '../../../src/simulator/history/shift-history.js';
import {
  type HistoryWindow,
  historyContext,
  writeHistory,
} from '../../../src/simulator/history/write-history.js';
import { DAY_MS } from '../../../src/simulator/model/opening-day.js';
import { simWorldOf } from '../../../src/simulator/world/demo-sim-world.js';

/**
 * `brigade simulate --backfill --out` writes days on worker threads: the files must hold the same
 * bytes whatever the number of threads, as the history written on this thread, day files in order.
 */
describe('history written as text on worker threads', () => {
  const world = buildDemoWorld();
  const full = simWorldOf(world);
  // Two restaurants and one ghost kitchen: both kinds of business, a short test.
  const sim = {
    ...full,
    businesses: full.businesses.map((business) => ({
      ...business,
      locations: business.locations.slice(0, 2),
    })),
  };
  // Starts at 06:00 UTC and ends half a day later than two days after: three chunks, the last partial,
  // and orders placed before midnight that finish after it.
  const from = Date.parse('2026-05-08T06:00:00Z');
  const window: HistoryWindow = { from, to: from + 2.5 * DAY_MS };
  let dir = '';

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'brigade-history-text-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes the same bytes on one thread and on three, and the same as the events written here', async () => {
    // Here: each day's orders (the outbox path's writeHistory), then the day's clock-ins and outs.
    let expected = '';
    let shiftEvents = 0;
    const people = namedPeople(world, sim);
    const context = historyContext({ world, sim, people, window });
    let day = 0;
    const orders = await writeHistory({
      world,
      sim,
      seed: 11,
      window,
      people,
      sink: {
        write: async (events) => {
          const dayFrom = window.from + day * DAY_MS;
          day += 1;
          const shifts = shiftEventsBetween(context, window, dayFrom, Math.min(window.to, dayFrom + DAY_MS));
          shiftEvents += shifts.length;
          for (const event of [...events, ...shifts]) expected += `${JSON.stringify(event)}\n`;
        },
        close: async () => {},
      },
    });
    const inThisThread = { ...orders, events: orders.events + shiftEvents };
    const progress: number[] = [];
    const outputs: string[] = [];
    for (const threads of [1, 3]) {
      const file = path.join(dir, `history-${threads}.ndjson`);
      const written = await writeHistoryAsText({
        world,
        sim,
        seed: 11,
        window,
        sink: await fileSink(file),
        threads,
        onProgress: (done) => progress.push(done.days),
      });
      expect(written).toEqual(inThisThread);
      outputs.push(await readFile(file, 'utf8'));
    }
    expect(inThisThread.totalDays).toBe(3);
    expect(inThisThread.events).toBeGreaterThan(5_000);
    expect(outputs[0]).toBe(expected);
    expect(outputs[1]).toBe(expected);
    expect(progress).toEqual([1, 2, 3, 1, 2, 3]);
    const lines = expected.trimEnd().split('\n');
    expect(lines).toHaveLength(inThisThread.events);
    expect(lines.every((line) => parseEnvelope(line).ok)).toBe(true);
    // The shifts that begin and end in the window, each clocked in and out once.
    const types = lines.map((line) => (JSON.parse(line) as { event_type: string }).event_type);
    const clockedIn = types.filter((type) => type === 'staff.clocked_in').length;
    expect(clockedIn).toBeGreaterThan(0);
    expect(types.filter((type) => type === 'staff.clocked_out').length).toBe(clockedIn);
    expect(clockedIn * 2).toBe(shiftEvents);
  }, 120_000);

  it('writes day files in a directory and one JSON array from threads alike', async () => {
    const days = path.join(dir, 'days/');
    await writeHistoryAsText({ world, sim, seed: 11, window, sink: await fileSink(days), threads: 2 });
    const files = (await readdir(days)).sort();
    expect(files).toEqual([
      'brigade-events-2026-05-08.ndjson',
      'brigade-events-2026-05-09.ndjson',
      'brigade-events-2026-05-10.ndjson',
    ]);
    const joined = (await Promise.all(files.map((name) => readFile(path.join(days, name), 'utf8')))).join('');
    expect(joined).toBe(await readFile(path.join(dir, 'history-1.ndjson'), 'utf8'));

    const arrayFile = path.join(dir, 'history.json');
    await writeHistoryAsText({ world, sim, seed: 11, window, sink: await fileSink(arrayFile), threads: 2 });
    const array = JSON.parse(await readFile(arrayFile, 'utf8')) as unknown[];
    expect(array.map((event) => `${JSON.stringify(event)}\n`).join('')).toBe(joined);
  }, 120_000);

  it('fails with the worker’s error, and stops every worker', async () => {
    // The catalog knows one business less than the model plans for: a bug of the kind the check finds.
    const broken = { ...world, businesses: world.businesses.slice(0, 1) };
    const file = path.join(dir, 'broken.ndjson');
    await expect(
      writeHistoryAsText({ world: broken, sim, seed: 11, window, sink: await fileSink(file), threads: 2 }),
    ).rejects.toThrow(/unknown business/);
  }, 60_000);
});

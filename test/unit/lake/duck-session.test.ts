import { describe, expect, it } from 'vitest';
import { DuckSession } from '../../../src/lake/duckdb/duck-session.js';

describe('DuckSession.concurrently', () => {
  it('runs every item on its own connections, which see the tables created before, results in order', async () => {
    const duck = await DuckSession.open();
    try {
      await duck.run('CREATE TABLE numbers AS SELECT range AS n FROM range(100)');
      const items = Array.from({ length: 9 }, (_, index) => index);
      let running = 0;
      let mostAtOnce = 0;
      const connections = new Set<DuckSession>();
      const sums = await duck.concurrently(
        items,
        async (lane, item) => {
          connections.add(lane);
          running += 1;
          mostAtOnce = Math.max(mostAtOnce, running);
          // Each item also creates a table of its own, read back by the session below.
          await lane.run(`CREATE TABLE part_${item} AS SELECT n FROM numbers WHERE n % 9 = ${item}`);
          const [row] = await lane.rows<{ total: string }>(
            `SELECT sum(n)::VARCHAR AS total FROM part_${item}`,
          );
          running -= 1;
          return Number(row?.total);
        },
        3,
      );
      expect(sums).toEqual(
        items.map((item) =>
          Array.from({ length: 100 }, (_, n) => n)
            .filter((n) => n % 9 === item)
            .reduce((a, b) => a + b, 0),
        ),
      );
      expect(mostAtOnce).toBe(3);
      expect(connections.size).toBe(3);
      expect(connections.has(duck)).toBe(true);
      const [all] = await duck.rows<{ total: string }>(
        `SELECT sum(n)::VARCHAR AS total FROM (${items.map((item) => `SELECT n FROM part_${item}`).join(' UNION ALL ')})`,
      );
      expect(all?.total).toBe('4950');
      // Every connection reads TIMESTAMPTZ in UTC, as the session's own does.
      const zones = await duck.concurrently([1, 2, 3], (lane) =>
        lane.rows<{ zone: string }>(`SELECT current_setting('TimeZone') AS zone`),
      );
      expect(zones.flat().map((row) => row.zone)).toEqual(['UTC', 'UTC', 'UTC']);
    } finally {
      duck.close();
    }
  });

  it('passes a failure on after the items already running end', async () => {
    const duck = await DuckSession.open();
    try {
      await expect(
        duck.concurrently([1, 2, 3, 4], async (lane, item) => {
          await lane.run(item === 2 ? 'SELECT * FROM no_such_table' : 'SELECT 1');
          return item;
        }),
      ).rejects.toThrow(/no_such_table/);
      // The session stays usable.
      expect(await duck.rows('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    } finally {
      duck.close();
    }
  });
});

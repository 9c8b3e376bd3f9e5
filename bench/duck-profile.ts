import type { DuckSession } from '../src/lake/duckdb/duck-session.js';
import { LAKE_TABLES } from '../src/lake/lake-tables.js';
import type { LakeStore } from '../src/lake/store/lake-store.js';

/**
 * Where the lake writer's time goes, statement by statement: wraps one DuckSession's `run` and `rows`
 * and one store's `putFile` so every call is timed under a label (the statement's first words, which
 * name the temp table or COPY target). Only the bench's own session and store are wrapped; nothing in
 * src/ changes.
 */
export class DuckProfile {
  private readonly spent = new Map<string, { ms: number; calls: number }>();

  wrap(duck: DuckSession, store: LakeStore): void {
    this.wrapSession(duck);
    const putFile = store.putFile.bind(store);
    store.putFile = (key, file) => this.time('store.putFile (copy + fsync)', () => putFile(key, file));
  }

  /**
   * Times the session's statements and those of the further connections it runs statements on at
   * once (`concurrently`): their times overlap, so the shares can add up to more than 100%.
   */
  private wrapSession(duck: DuckSession): void {
    const run = duck.run.bind(duck);
    const rows = duck.rows.bind(duck);
    const lane = duck.lane.bind(duck);
    const wrapped = new Set<DuckSession>([duck]);
    duck.run = (sql, params) => this.time(label(sql), () => run(sql, params));
    duck.rows = (sql, params) => this.time(label(sql), () => rows(sql, params));
    duck.lane = async (index) => {
      const session = await lane(index);
      if (!wrapped.has(session)) {
        wrapped.add(session);
        this.wrapSession(session);
      }
      return session;
    };
  }

  /** Forgets what was timed so far (to report one part of a run on its own). */
  reset(): void {
    this.spent.clear();
  }

  async time<T>(name: string, work: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await work();
    } finally {
      const entry = this.spent.get(name) ?? { ms: 0, calls: 0 };
      entry.ms += performance.now() - started;
      entry.calls += 1;
      this.spent.set(name, entry);
    }
  }

  /** The `limit` most expensive labels, with their share of `totalMs`. */
  report(totalMs: number, limit = 15): string[] {
    return [...this.spent]
      .sort(([, a], [, b]) => b.ms - a.ms)
      .slice(0, limit)
      .map(
        ([name, { ms, calls }]) =>
          `${(ms / 1000).toFixed(2).padStart(8)} s ${((100 * ms) / totalMs).toFixed(1).padStart(5)}% ${String(calls).padStart(5)}× ${name}`,
      );
  }
}

/** A statement's label: what it creates or copies, e.g. `CREATE silver_orders`, `COPY → gold_metrics`. */
function label(sql: string): string {
  const text = sql.replace(/\s+/g, ' ').trim();
  const created = /^CREATE (?:OR REPLACE )?(?:TEMP )?TABLE (?:IF NOT EXISTS )?(\w+) AS (SELECT CAST)?/i.exec(
    text,
  );
  if (created) return `CREATE ${created[1]}${created[2] ? ' (load files)' : ''}`;
  if (text.startsWith('COPY (SELECT CAST('))
    return `COPY → ${TABLE_BY_COLUMNS.get(columnsOf(text)) ?? '?'} (Parquet, partitioned)`;
  if (/^SELECT count\(\*\) AS rows FROM read_parquet/i.test(text)) return 'count rows of written file';
  return text.slice(0, 70);
}

/** The cast column list `typedSelect` starts a statement with, joined: it names the lake table. */
function columnsOf(text: string): string {
  const head = text.slice(0, text.indexOf(' FROM ('));
  return [...head.matchAll(/ AS "(\w+)"/g)].map((match) => match[1]).join(',');
}

const TABLE_BY_COLUMNS = new Map(
  Object.entries(LAKE_TABLES).map(([name, table]) => [Object.keys(table.columns).join(','), name]),
);

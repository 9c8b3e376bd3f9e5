import { type DuckDBConnection, DuckDBInstance, type DuckDBValue } from '@duckdb/node-api';

/**
 * One in-process DuckDB database and a connection to it. The lake writer, the transforms and the
 * query service all talk to DuckDB through this, so how values come back (plain JS: BIGINT as
 * bigint, DATE as 'YYYY-MM-DD', TIMESTAMPTZ as ISO text) is decided in one place.
 */
export class DuckSession {
  /** Further connections to the same database, opened on first use by `concurrently`. */
  private readonly lanes: Promise<DuckSession>[] = [];
  private readonly opened: DuckSession[] = [];

  private constructor(
    private readonly instance: DuckDBInstance,
    readonly connection: DuckDBConnection,
    private readonly ownsInstance = true,
  ) {}

  /** An in-memory database (`:memory:`) unless a file is given; options are DuckDB settings. */
  static async open(file = ':memory:', options: Record<string, string> = {}): Promise<DuckSession> {
    const { instance, connection } = await openInUtc(file, options);
    return new DuckSession(instance, connection);
  }

  /**
   * Runs `work` for every item, at most `width` at once, each on its own connection to this database
   * (this session's is one of them). Small statements leave DuckDB's threads mostly idle, so several
   * at once finish sooner than one after another. The connections see what is committed, that is
   * every table and view the session created before (temporary ones are private to a connection:
   * what `work` reads must be a plain table or view), and what `work` creates is theirs to share.
   */
  async concurrently<Item, Result>(
    items: readonly Item[],
    work: (duck: DuckSession, item: Item) => Promise<Result>,
    width = CONCURRENT_STATEMENTS,
  ): Promise<Result[]> {
    const results: Result[] = new Array(items.length);
    let next = 0;
    let failed = false;
    const drain = async (duck: DuckSession) => {
      while (next < items.length && !failed) {
        const index = next++;
        try {
          results[index] = await work(duck, items[index] as Item);
        } catch (error) {
          failed = true;
          throw error;
        }
      }
    };
    const count = Math.min(width, items.length);
    const lanes = await Promise.all(Array.from({ length: count }, (_, index) => this.lane(index)));
    // After a failure no item starts, and the error is passed on only once the running ones ended.
    await allEnded(lanes.map(drain));
    return results;
  }

  /** Connection `index` of `concurrently`: 0 is this session's own, the others opened once. */
  lane(index: number): Promise<DuckSession> {
    if (index === 0) return Promise.resolve(this);
    // Promises, pushed before anything is awaited: lanes asked for at once never open one twice.
    while (this.lanes.length < index) {
      this.lanes.push(
        this.instance.connect().then((connection) => {
          const lane = new DuckSession(this.instance, connection, false);
          this.opened.push(lane);
          return lane;
        }),
      );
    }
    return this.lanes[index - 1] as Promise<DuckSession>;
  }

  async run(sql: string, params?: DuckDBValue[]): Promise<void> {
    await this.connection.run(sql, params);
  }

  /** Rows as JSON-friendly objects: numbers, strings, booleans, null (BIGINT and DATE as text). */
  async rows<Row = Record<string, unknown>>(sql: string, params?: DuckDBValue[]): Promise<Row[]> {
    const reader = await this.connection.runAndReadAll(sql, params);
    return reader.getRowObjectsJson() as Row[];
  }

  close(): void {
    for (const lane of this.opened) lane.close();
    this.connection.closeSync();
    if (this.ownsInstance) this.instance.closeSync();
  }
}

/** Statements `concurrently` runs at once by default: measured best on 2 cores (docs/benchmarks.md). */
const CONCURRENT_STATEMENTS = 4;

/**
 * A DuckDB instance whose every connection reads TIMESTAMPTZ in UTC, and its first connection. UTC
 * makes TIMESTAMPTZ text and date_trunc independent of the machine's zone; ICU is built in but loads
 * after start-up, so the zone cannot be an instance option and is set globally through a connection.
 */
export async function openInUtc(
  file: string,
  options: Record<string, string>,
): Promise<{ instance: DuckDBInstance; connection: DuckDBConnection }> {
  const instance = await DuckDBInstance.create(file, options);
  let connection: DuckDBConnection | undefined;
  try {
    connection = await instance.connect();
    await connection.run(`SET GLOBAL TimeZone = 'UTC'`);
    return { instance, connection };
  } catch (error) {
    connection?.closeSync();
    instance.closeSync();
    throw error;
  }
}

/**
 * Promise.all, except that a failure is passed on only once every promise has ended: a caller that
 * closes its DuckDB connections next must not close one under a running statement.
 */
export async function allEnded<T extends readonly unknown[] | []>(
  promises: T,
): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }> {
  const settled = (await Promise.allSettled(promises)) as PromiseSettledResult<unknown>[];
  const failure = settled.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
  if (failure) throw failure.reason;
  return settled.map((outcome) => (outcome as PromiseFulfilledResult<unknown>).value) as {
    -readonly [K in keyof T]: Awaited<T[K]>;
  };
}

/** A string as a SQL literal: for file paths and identifiers DuckDB cannot take as parameters. */
export function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

import { type DuckDBConnection, DuckDBInstance, type DuckDBValue } from '@duckdb/node-api';

/**
 * One in-process DuckDB database and a connection to it. The lake writer, the transforms and the
 * query service all talk to DuckDB through this, so how values come back (plain JS: BIGINT as
 * bigint, DATE as 'YYYY-MM-DD', TIMESTAMPTZ as ISO text) is decided in one place.
 */
export class DuckSession {
  private constructor(
    private readonly instance: DuckDBInstance,
    readonly connection: DuckDBConnection,
  ) {}

  /** An in-memory database (`:memory:`) unless a file is given; options are DuckDB settings. */
  static async open(file = ':memory:', options: Record<string, string> = {}): Promise<DuckSession> {
    const instance = await DuckDBInstance.create(file, options);
    const connection = await instance.connect();
    // ICU is built in but loads after start-up, so the zone cannot be an instance option. UTC makes
    // TIMESTAMPTZ text and date_trunc independent of the machine's zone.
    await connection.run(`SET TimeZone = 'UTC'`);
    return new DuckSession(instance, connection);
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
    this.connection.closeSync();
    this.instance.closeSync();
  }
}

/** A string as a SQL literal: for file paths and identifiers DuckDB cannot take as parameters. */
export function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

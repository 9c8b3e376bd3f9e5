import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import type { LakeTableName } from '../lake/lake-tables.js';
import { filesRelation } from '../lake/table-sql.js';

/** What one report reads: a view per table over exactly these local files. */
export type ViewFiles = ReadonlyMap<LakeTableName, readonly string[]>;

/**
 * One report's connection. Its views are TEMP views, which DuckDB keeps per connection, so requests
 * running at once on the shared engine each see only the files they were given — a request for one
 * business cannot name another business's files even by accident.
 */
export class ReportSession {
  private constructor(private readonly connection: DuckDBConnection) {}

  static async open(connection: DuckDBConnection, views: ViewFiles): Promise<ReportSession> {
    const session = new ReportSession(connection);
    try {
      // UTC so TIMESTAMPTZ text does not depend on the machine's zone (local dates are columns).
      await connection.run(`SET TimeZone = 'UTC'`);
      for (const [table, paths] of views) {
        await connection.run(`CREATE OR REPLACE TEMP VIEW "${table}" AS ${filesRelation(table, paths)}`);
      }
    } catch (error) {
      session.close();
      throw error;
    }
    return session;
  }

  /** Rows as plain objects: BIGINT, HUGEINT, DECIMAL and DATE come back as text. */
  async rows<Row = Record<string, unknown>>(
    sql: string,
    params?: Record<string, DuckDBValue>,
  ): Promise<Row[]> {
    const reader = await this.connection.runAndReadAll(sql, params);
    return reader.getRowObjectsJson() as Row[];
  }

  close(): void {
    this.connection.closeSync();
  }
}

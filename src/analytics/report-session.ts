import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import type { LakeTableName } from '../lake/lake-tables.js';
import { filesRelation } from '../lake/table-sql.js';

/** What one report reads: a view per table over exactly these local files. */
export type ViewFiles = ReadonlyMap<LakeTableName, readonly string[]>;

/**
 * What a report may read: per table, how to get the local paths of its files (for a remote store that
 * means fetching them into the local cache), asked only when a query names the table.
 */
export type ViewSources = ReadonlyMap<LakeTableName, () => Promise<readonly string[]>>;

/**
 * One report's connection. Its views are TEMP views, which DuckDB keeps per connection, so requests
 * running at once on the shared engine each see only the files they were given — a request for one
 * business cannot name another business's files even by accident.
 *
 * A view is created when a query first names its table, not when the session opens: a report lists
 * every table it may read (the dashboard's order headers for customers the trailing counts do not
 * hold), and binding a view reads the footers of its files, which a report that never queries it
 * should not pay for (nor, on S3, download).
 */
export class ReportSession {
  private readonly created = new Map<LakeTableName, Promise<void>>();
  private readonly siblings = new Map<number, Promise<ReportSession>>();
  private readonly opened: ReportSession[] = [];

  private constructor(
    private readonly connection: DuckDBConnection,
    private readonly sources: ViewSources,
    private readonly connect: () => Promise<DuckDBConnection>,
  ) {}

  /** A session on `connection`; `connect` opens the connections of its siblings. */
  static async open(
    connection: DuckDBConnection,
    sources: ViewSources,
    connect: () => Promise<DuckDBConnection>,
  ): Promise<ReportSession> {
    try {
      // UTC so TIMESTAMPTZ text does not depend on the machine's zone (local dates are columns).
      await connection.run(`SET TimeZone = 'UTC'`);
    } catch (error) {
      connection.closeSync();
      throw error;
    }
    return new ReportSession(connection, sources, connect);
  }

  /**
   * Sibling `index` (1, 2, …) of this session: another connection over the same files, with views of
   * its own, so a report can run independent queries at once (one connection runs one query at a
   * time). Opened on first use, closed with this session.
   */
  sibling(index: number): Promise<ReportSession> {
    let sibling = this.siblings.get(index);
    if (!sibling) {
      sibling = this.connect()
        .then((connection) => ReportSession.open(connection, this.sources, this.connect))
        .then((session) => {
          this.opened.push(session);
          return session;
        });
      this.siblings.set(index, sibling);
    }
    return sibling;
  }

  /** Rows as plain objects: BIGINT, HUGEINT, DECIMAL and DATE come back as text. */
  async rows<Row = Record<string, unknown>>(
    sql: string,
    params?: Record<string, DuckDBValue>,
  ): Promise<Row[]> {
    await this.createViewsNamedIn(sql);
    const reader = await this.connection.runAndReadAll(sql, params);
    return reader.getRowObjectsJson() as Row[];
  }

  close(): void {
    for (const sibling of this.opened) sibling.close();
    this.connection.closeSync();
  }

  /**
   * Creates the views of the tables whose names the SQL contains as a word. The SQL is a built-in
   * report's own, so a name can only be missed by not being there; a word that merely looks like a
   * table (a column alias `orders`) creates a view that is not needed, nothing worse.
   */
  private async createViewsNamedIn(sql: string): Promise<void> {
    for (const [table, paths] of this.sources) {
      if (!new RegExp(`\\b${table}\\b`).test(sql)) continue;
      let creation = this.created.get(table);
      if (!creation) {
        creation = paths()
          .then((local) =>
            this.connection.run(`CREATE OR REPLACE TEMP VIEW "${table}" AS ${filesRelation(table, local)}`),
          )
          .then(() => undefined);
        this.created.set(table, creation);
      }
      await creation;
    }
  }
}

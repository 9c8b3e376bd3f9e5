import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import type { LakeTableName } from '../lake/lake-tables.js';
import { filesRelation } from '../lake/table-sql.js';

/**
 * What a report may read: per table, how to get the local paths of its files (for a remote store that
 * means fetching them into the local cache), asked only when a query names the table.
 */
export type TableSources = ReadonlyMap<LakeTableName, () => Promise<readonly string[]>>;

/**
 * One report's connection. Each query reads a lake table through a common table expression over
 * exactly the files the report was given, prefixed to the query, so requests running at once on the
 * shared engine each see only their own files — a request for one business cannot name another
 * business's files even by accident. (A TEMP view would do the same, but DuckDB binds a view's query
 * when it is created and again in every query that reads it, reading the files' schemas twice: on the
 * dashboard's small gold files that was a third of a query's time.)
 *
 * A table's files are looked up when a query first names it, not when the session opens: a report
 * lists every table it may read (the dashboard's order headers for customers the trailing counts do not
 * hold), and on a remote lake looking them up means downloading them, which a report that never
 * queries the table should not pay for.
 */
export class ReportSession {
  private readonly located = new Map<LakeTableName, Promise<readonly string[]>>();
  private readonly opened: ReportSession[] = [];

  /** A session on `connection` (of the report engine, in UTC); `connect` opens its siblings' connections. */
  constructor(
    private readonly connection: DuckDBConnection,
    private readonly sources: TableSources,
    private readonly connect: () => Promise<DuckDBConnection>,
  ) {}

  /**
   * Another session over the same files, on a connection of its own, so a report can run independent
   * queries at once (one connection runs one query at a time). Closed with this session.
   */
  async sibling(): Promise<ReportSession> {
    const sibling = new ReportSession(await this.connect(), this.sources, this.connect);
    this.opened.push(sibling);
    return sibling;
  }

  /** Rows as plain objects: BIGINT, HUGEINT, DECIMAL and DATE come back as text. */
  async rows<Row = Record<string, unknown>>(
    sql: string,
    params?: Record<string, DuckDBValue>,
  ): Promise<Row[]> {
    const reader = await this.connection.runAndReadAll(await this.withTables(sql), params);
    return reader.getRowObjectsJson() as Row[];
  }

  close(): void {
    for (const sibling of this.opened) sibling.close();
    this.connection.closeSync();
  }

  /**
   * The SQL with a common table expression for each table whose name it contains as a word, merged
   * into the SQL's own WITH clause when it has one. The SQL is a built-in report's own, so a name can
   * only be missed by not being there; a word that merely looks like a table (a column alias `orders`)
   * adds an expression that is not needed, nothing worse. NOT MATERIALIZED keeps them inlined like
   * views: filters reach the Parquet scan.
   */
  private async withTables(sql: string): Promise<string> {
    const named = [...this.sources].filter(([table]) => new RegExp(`\\b${table}\\b`).test(sql));
    if (named.length === 0) return sql;
    const tables = await Promise.all(
      named.map(async ([table, paths]) => {
        let local = this.located.get(table);
        if (!local) {
          local = paths();
          this.located.set(table, local);
        }
        return `"${table}" AS NOT MATERIALIZED (${filesRelation(table, await local)})`;
      }),
    );
    const ownWith = /^\s*WITH\s/i;
    return ownWith.test(sql)
      ? `WITH ${tables.join(', ')}, ${sql.replace(ownWith, '')}`
      : `WITH ${tables.join(', ')} ${sql}`;
  }
}

import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { ReportSession, type ViewSources } from './report-session.js';

export interface ReportEngineOptions {
  /** A private directory for DuckDB's spill files and exports; removed on close. */
  scratchDir: string;
  threads?: number;
  memoryLimitMb?: number;
}

/**
 * The in-process DuckDB that runs the built-in reports. Its SQL is ours, so it keeps file access
 * (reports read Parquet through their views); ad-hoc SQL never runs here but in a locked sandbox
 * (sql/sql-sandbox.ts). One instance serves every request, each on its own connection.
 */
export class ReportEngine {
  private constructor(
    private readonly instance: DuckDBInstance,
    readonly scratchDir: string,
  ) {}

  static async open(options: ReportEngineOptions): Promise<ReportEngine> {
    await mkdir(options.scratchDir, { recursive: true });
    const instance = await DuckDBInstance.create(':memory:', {
      temp_directory: path.join(options.scratchDir, 'spill'),
      ...(options.threads ? { threads: String(options.threads) } : {}),
      ...(options.memoryLimitMb ? { memory_limit: `${options.memoryLimitMb}MB` } : {}),
    });
    const connection = await instance.connect();
    try {
      // Lake files are immutable, so their Parquet footers can be cached for the process lifetime.
      await connection.run('SET GLOBAL parquet_metadata_cache = true');
      // UTC so TIMESTAMPTZ text does not depend on the machine's zone (local dates are columns); set
      // once for every connection rather than by each of them.
      await connection.run(`SET GLOBAL TimeZone = 'UTC'`);
    } finally {
      connection.closeSync();
    }
    return new ReportEngine(instance, options.scratchDir);
  }

  connect(): Promise<DuckDBConnection> {
    return this.instance.connect();
  }

  async session(views: ViewSources): Promise<ReportSession> {
    return ReportSession.open(await this.connect(), views, () => this.connect());
  }

  async close(): Promise<void> {
    this.instance.closeSync();
    await rm(this.scratchDir, { recursive: true, force: true });
  }
}

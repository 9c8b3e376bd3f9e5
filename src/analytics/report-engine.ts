import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { openInUtc } from '../lake/duckdb/duck-session.js';
import { ReportSession, type TableSources } from './report-session.js';

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
    const { instance, connection } = await openInUtc(':memory:', {
      temp_directory: path.join(options.scratchDir, 'spill'),
      ...(options.threads ? { threads: String(options.threads) } : {}),
      ...(options.memoryLimitMb ? { memory_limit: `${options.memoryLimitMb}MB` } : {}),
    });
    try {
      // Lake files are immutable, so their Parquet footers can be cached for the process lifetime.
      await connection.run('SET GLOBAL parquet_metadata_cache = true');
    } finally {
      connection.closeSync();
    }
    return new ReportEngine(instance, options.scratchDir);
  }

  connect(): Promise<DuckDBConnection> {
    return this.instance.connect();
  }

  async session(sources: TableSources): Promise<ReportSession> {
    return new ReportSession(await this.connect(), sources, () => this.connect());
  }

  async close(): Promise<void> {
    this.instance.closeSync();
    await rm(this.scratchDir, { recursive: true, force: true });
  }
}

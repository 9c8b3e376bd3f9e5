import { createHash, randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { AppError } from '../errors/app-error.js';
import { LAKE_TABLES, type LakeTableName } from '../lake/lake-tables.js';
import { goldVersionOf, type ManifestFile } from '../lake/manifest.js';
import { LakeFileMissingError, type LakeStore } from '../lake/store/lake-store.js';
import { LakeSnapshot, type LakeView } from './lake-snapshot.js';
import { localPaths } from './local-paths.js';
import { type LakeLocation, LocationDirectory, loadLocations } from './location-directory.js';
import type { Report, ReportTable } from './report.js';
import { ReportCache } from './report-cache.js';
import { ReportEngine } from './report-engine.js';
import { type ExportFormat, exportTable } from './report-export.js';
import { type FilterQuery, type Filters, resolveFilters } from './report-filters.js';
import type { TableSources } from './report-session.js';
import { runConsoleSql, type SqlAnswer } from './sql/sql-console.js';
import type { ViewFiles } from './sql/sql-sandbox.js';
import { SqlSlots } from './sql/sql-slots.js';

export interface AnalyticsOptions {
  /** How long a report answer is served from cache (ms); 0: not cached. Default 5 minutes. */
  cacheTtlMs?: number;
  /** Ad-hoc SQL is interrupted after this long (ms). Default 10 s. */
  sqlTimeoutMs?: number;
  /** Ad-hoc SQL returns at most this many rows. Default 10 000. */
  sqlMaxRows?: number;
  /** Cached answers kept at most. Default 500. */
  cacheMaxEntries?: number;
  /** The manifest is looked at again at most this often (ms). Default 250. */
  manifestPollMs?: number;
  /** DuckDB threads and memory of the report engine, and of each SQL sandbox. */
  threads?: number;
  memoryLimitMb?: number;
  sqlMemoryLimitMb?: number;
  /** Ad-hoc queries running at once (more wait). Default 2. */
  sqlConcurrency?: number;
  /** Where DuckDB spills and exports are written; a fresh directory under the OS temp dir by default. */
  scratchDir?: string;
  now?: () => Date;
}

/** The tables ad-hoc SQL sees: the silver and gold layers (not raw events, staging or quarantine). */
export const SQL_TABLES = (Object.keys(LAKE_TABLES) as LakeTableName[]).filter((table) => {
  const layer = LAKE_TABLES[table].layer;
  return layer === 'silver' || layer === 'gold';
});

export interface ReportAnswer {
  report: string;
  body: Record<string, unknown>;
  table: ReportTable;
  filters: Filters;
  cached: boolean;
}

export interface LakeFreshness {
  version: number;
  committedAt: string;
  cursor: string | null;
}

interface Computed {
  body: Record<string, unknown>;
  table: ReportTable;
}

/**
 * The DuckDB query service over the lake (docs/analytics.md): built-in reports (cached, exportable)
 * and tenant-scoped ad-hoc SQL. It keeps no state a replica could disagree on — only the manifest it
 * last read and caches keyed by immutable file names — so any number of replicas can serve one lake.
 */
export class AnalyticsService {
  private readonly snapshot: LakeSnapshot;
  private readonly answers: ReportCache<Computed>;
  private readonly directories: ReportCache<LakeLocation[]>;
  private readonly sqlSlots: SqlSlots;
  private readonly now: () => Date;

  private constructor(
    private readonly store: LakeStore,
    private readonly engine: ReportEngine,
    private readonly options: Required<
      Pick<AnalyticsOptions, 'sqlTimeoutMs' | 'sqlMaxRows' | 'sqlConcurrency'>
    > &
      Pick<AnalyticsOptions, 'threads' | 'sqlMemoryLimitMb'>,
    cache: { ttlMs: number; maxEntries: number },
    pollMs: number,
    now: () => Date,
  ) {
    this.snapshot = new LakeSnapshot(store, { pollMs });
    this.answers = new ReportCache(cache);
    // A directory is read from immutable dimension files and depends on nothing else (no clock): it is
    // kept for as long as its files are current, whatever the answers' TTL, even with answers uncached.
    this.directories = new ReportCache({
      ttlMs: Number.POSITIVE_INFINITY,
      maxEntries: Math.max(16, Math.floor(cache.maxEntries / 4)),
    });
    this.sqlSlots = new SqlSlots(options.sqlConcurrency);
    this.now = now;
  }

  static async open(store: LakeStore, options: AnalyticsOptions = {}): Promise<AnalyticsService> {
    const engine = await ReportEngine.open({
      scratchDir: options.scratchDir ?? path.join(os.tmpdir(), `brigade-analytics-${randomUUID()}`),
      ...(options.threads ? { threads: options.threads } : {}),
      ...(options.memoryLimitMb ? { memoryLimitMb: options.memoryLimitMb } : {}),
    });
    return new AnalyticsService(
      store,
      engine,
      {
        sqlTimeoutMs: options.sqlTimeoutMs ?? 10_000,
        sqlMaxRows: options.sqlMaxRows ?? 10_000,
        sqlConcurrency: options.sqlConcurrency ?? 2,
        threads: options.threads,
        sqlMemoryLimitMb: options.sqlMemoryLimitMb,
      },
      { ttlMs: options.cacheTtlMs ?? 300_000, maxEntries: options.cacheMaxEntries ?? 500 },
      options.manifestPollMs ?? 250,
      options.now ?? (() => new Date()),
    );
  }

  get maxSqlRows(): number {
    return this.options.sqlMaxRows;
  }

  /** Cache counters (for tests and metrics). */
  cacheStats(): { hits: number; misses: number; entries: number } {
    return { hits: this.answers.hits, misses: this.answers.misses, entries: this.answers.size };
  }

  /** Reads the manifest now instead of waiting for the next poll. */
  async refresh(): Promise<void> {
    await this.snapshot.refresh();
  }

  async freshness(): Promise<LakeFreshness> {
    const { manifest } = await this.snapshot.current();
    return { version: manifest.version, committedAt: manifest.committedAt, cursor: manifest.cursor };
  }

  /** Runs (or serves from cache) one report for one business. */
  async report<Options>(
    report: Report<Options>,
    businessId: string,
    query: FilterQuery,
    options: Options,
  ): Promise<ReportAnswer> {
    return this.retryingMissingFiles(async (view) => {
      if (report.goldVersion !== undefined && goldVersionOf(view.manifest) < report.goldVersion) {
        throw new AppError(
          'analytics_gold_upgrading',
          'The lake writer is recomputing the analytics this report reads (a new version); retry shortly',
        );
      }
      const now = this.now();
      const directory = await this.directory(businessId, view);
      const filters = resolveFilters(query, (ids) => directory.today(ids, now), report.defaultPeriod);
      const inputs = report.inputs(filters, options);
      const files = new Map<LakeTableName, ManifestFile[]>();
      for (const input of inputs) files.set(input.table, view.files(businessId, input.table, input.range));
      const key = cacheKey({
        report: report.name,
        businessId,
        filters,
        options,
        clock: report.clockKey?.(directory, filters, now) ?? null,
        files: [...files.values(), view.files(businessId, 'dim_locations')].flat().map((file) => file.key),
      });
      const { value, cached } = await this.answers.getOrCompute(key, async () => {
        const session = await this.engine.session(this.tableSources(files));
        try {
          return await report.run({ businessId, filters, options, locations: directory, session, now });
        } finally {
          session.close();
        }
      });
      return {
        report: report.name,
        filters,
        cached,
        table: value.table,
        body: {
          businessId,
          range: { from: filters.from, to: filters.to },
          ...value.body,
          asOf: {
            lakeVersion: view.manifest.version,
            committedAt: view.manifest.committedAt,
            ageSeconds:
              view.manifest.version === 0
                ? null
                : Math.max(0, Math.round((now.getTime() - Date.parse(view.manifest.committedAt)) / 1000)),
          },
        },
      };
    });
  }

  /** A report's table as a CSV or Parquet stream (the scratch file goes when the stream closes). */
  exportAnswer(answer: ReportAnswer, format: ExportFormat): Promise<Readable> {
    return exportTable(this.engine, answer.table, format);
  }

  /** Ad-hoc read-only SQL over the business's silver and gold views (sql/sql-console.ts). */
  async sql(businessId: string, sql: string, limit?: number): Promise<SqlAnswer> {
    return this.sqlSlots.use(() => this.runSql(businessId, sql, limit));
  }

  private runSql(businessId: string, sql: string, limit?: number): Promise<SqlAnswer> {
    return this.retryingMissingFiles(async (view) => {
      const files = new Map(SQL_TABLES.map((table) => [table, view.files(businessId, table)] as const));
      const views = await this.viewFiles(files);
      const paths = new Map<string, string>();
      for (const [table, tableFiles] of files) {
        const local = views.get(table) ?? [];
        tableFiles.forEach((file, index) => {
          const localPath = local[index];
          if (localPath) paths.set(localPath, file.key);
        });
      }
      const parser = await this.engine.connect();
      try {
        return await runConsoleSql({
          sql,
          maxRows: Math.min(limit ?? this.options.sqlMaxRows, this.options.sqlMaxRows),
          timeoutMs: this.options.sqlTimeoutMs,
          views,
          paths,
          sandbox: {
            threads: this.options.threads ?? 2,
            memoryLimitMb: this.options.sqlMemoryLimitMb ?? 1024,
          },
          parser,
        });
      } finally {
        parser.closeSync();
      }
    });
  }

  async close(): Promise<void> {
    await this.engine.close();
  }

  private async directory(businessId: string, view: LakeView): Promise<LocationDirectory> {
    const files = view.files(businessId, 'dim_locations');
    const key = cacheKey({ businessId, files: files.map((file) => file.key) });
    const { value } = await this.directories.getOrCompute(key, async () => {
      const session = await this.engine.session(this.tableSources(new Map([['dim_locations', files]])));
      try {
        return await loadLocations(session);
      } finally {
        session.close();
      }
    });
    return new LocationDirectory(value);
  }

  /** Local paths of the files, fetched when a report's query first reads the table (report-session.ts). */
  private tableSources(files: ReadonlyMap<LakeTableName, readonly ManifestFile[]>): TableSources {
    return new Map(
      [...files].map(([table, tableFiles]) => [table, () => localPaths(this.store, tableFiles)]),
    );
  }

  private async viewFiles(files: ReadonlyMap<LakeTableName, readonly ManifestFile[]>): Promise<ViewFiles> {
    const views = new Map<LakeTableName, string[]>();
    for (const [table, tableFiles] of files) views.set(table, await localPaths(this.store, tableFiles));
    return views;
  }

  /**
   * A file listed by the manifest we hold can vanish when compaction commits a newer manifest and
   * removes it: read the manifest again and retry once; if it is still missing the lake is broken.
   */
  private async retryingMissingFiles<T>(work: (view: LakeView) => Promise<T>): Promise<T> {
    try {
      return await work(await this.snapshot.current());
    } catch (error) {
      if (!(error instanceof LakeFileMissingError)) throw error;
    }
    try {
      return await work(await this.snapshot.refresh());
    } catch (error) {
      if (error instanceof LakeFileMissingError) {
        throw new AppError(
          'service_unavailable',
          'The analytics lake is missing a file it lists; retry shortly',
        );
      }
      throw error;
    }
  }
}

function cacheKey(parts: Record<string, unknown>): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { openInUtc, sqlString } from '../../lake/duckdb/duck-session.js';
import type { LakeTableName } from '../../lake/lake-tables.js';
import { filesRelation } from '../../lake/table-sql.js';

/** What the sandbox holds: a view per table over exactly these local files. */
export type ViewFiles = ReadonlyMap<LakeTableName, readonly string[]>;

export interface SandboxOptions {
  threads: number;
  memoryLimitMb: number;
}

/**
 * A throwaway DuckDB for one ad-hoc query: the second wall after the SQL checks. It holds only views
 * over the tenant's files, and then, before any client SQL runs, it is locked down:
 * - `allowed_paths` = exactly those files, `enable_external_access = false`: nothing else can be read
 *   or written (no other tenant's file, no /etc/passwd, no URL, no COPY target, no ATTACH);
 * - no spill directory, so no writable path exists at all; extensions never install or autoload;
 * - `lock_configuration = true`: SET / RESET cannot undo any of it.
 * Views created before the lock keep reading their files (checked in test/integration/analytics).
 */
export class SqlSandbox {
  private constructor(
    private readonly instance: DuckDBInstance,
    readonly connection: DuckDBConnection,
  ) {}

  static async open(views: ViewFiles, options: SandboxOptions): Promise<SqlSandbox> {
    const { instance, connection } = await openInUtc(':memory:', {
      threads: String(options.threads),
      memory_limit: `${options.memoryLimitMb}MB`,
      temp_directory: '',
      autoinstall_known_extensions: 'false',
      autoload_known_extensions: 'false',
      allow_community_extensions: 'false',
    });
    try {
      const paths: string[] = [];
      for (const [table, files] of views) {
        await connection.run(`CREATE VIEW "${table}" AS ${filesRelation(table, files)}`);
        paths.push(...files);
      }
      await connection.run(`SET allowed_paths = [${paths.map(sqlString).join(', ')}]`);
      await connection.run('SET allowed_directories = []');
      await connection.run('SET enable_external_access = false');
      await connection.run('SET lock_configuration = true');
      return new SqlSandbox(instance, connection);
    } catch (error) {
      connection.closeSync();
      instance.closeSync();
      throw error;
    }
  }

  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}

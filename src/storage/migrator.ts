import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { packageRoot } from '../config/package-root.js';
import type { Database } from './database.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const FILE_PATTERN = /^(\d{3})-([a-z0-9-]+)\.sql$/;

export async function loadMigrations(
  directory = path.join(packageRoot(), 'migrations'),
): Promise<Migration[]> {
  const files = (await readdir(directory)).filter((file) => FILE_PATTERN.test(file)).sort();
  return Promise.all(
    files.map(async (file) => {
      const [, version, name] = FILE_PATTERN.exec(file) ?? [];
      return {
        version: Number(version),
        name: name ?? file,
        sql: await readFile(path.join(directory, file), 'utf8'),
      };
    }),
  );
}

/**
 * Applies every migration not yet recorded, each in its own transaction, in version order.
 * An advisory lock makes concurrent starters (several API replicas) wait instead of racing.
 * Returns the versions it applied.
 */
export async function migrate(db: Database, migrations?: Migration[]): Promise<number[]> {
  const all = migrations ?? (await loadMigrations());
  await db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer PRIMARY KEY,
    name text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`);
  const applied: number[] = [];
  for (const migration of all) {
    const ran = await db.transaction(async (tx) => {
      // 0x6272_6967 spells "brig": one lock id for all Brigade migrations.
      await tx.query('SELECT pg_advisory_xact_lock(1651665255)');
      const done = await tx.query('SELECT 1 FROM schema_migrations WHERE version = $1', [migration.version]);
      if (done.rowCount > 0) return false;
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
      return true;
    });
    if (ran) applied.push(migration.version);
  }
  return applied;
}

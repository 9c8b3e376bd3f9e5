import { describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../src/storage/migrator.js';
import { databaseKinds } from '../support/databases.js';

for (const kind of await databaseKinds()) {
  describe(`migrations on ${kind.name}`, () => {
    it('apply every version once and are idempotent on a second run', async () => {
      const db = await kind.open();
      try {
        const versions = (await loadMigrations()).map((migration) => migration.version);
        const recorded = await db.query<{ version: number }>(
          'SELECT version FROM schema_migrations ORDER BY version',
        );
        expect(recorded.rows.map((row) => row.version)).toEqual(versions);
        expect(await migrate(db)).toEqual([]);
      } finally {
        await db.close();
      }
    });

    it('rolls back a failed transaction completely', async () => {
      const db = await kind.open();
      try {
        await expect(
          db.transaction(async (tx) => {
            await tx.query(
              `INSERT INTO users (id, email, name, password_hash) VALUES (gen_random_uuid(), 'a@b.c', 'A', 'x')`,
            );
            await tx.query('SELECT no_such_column FROM users');
          }),
        ).rejects.toThrow();
        const count = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
        expect(count.rows[0]?.n).toBe(0);
      } finally {
        await db.close();
      }
    });
  });
}

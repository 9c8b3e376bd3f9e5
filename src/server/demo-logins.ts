import { verifyPassword } from '../auth/passwords.js';
import type { Config } from '../config/config.js';
import type { DemoRole } from '../demo/demo-catalog.js';
import { readStoredDemoPasswords } from '../demo/demo-credentials.js';
import { demoWorld } from '../demo/demo-world.js';
import type { Queryable } from '../storage/database.js';

export interface DemoLogin {
  /** The demo business the login belongs to (its name). */
  business: string;
  role: DemoRole;
  email: string;
  /** undefined when this process cannot tell (seeded elsewhere, or the account predates the demo). */
  password: string | undefined;
}

/**
 * The demo logins to print: a few per business (owner, staff, a customer), not every seeded user. Each
 * candidate password (BRIGADE_DEMO_PASSWORD, else the generated file) is checked against the stored
 * hash, so the banner never shows a password that would not work — e.g. after BRIGADE_DEMO_PASSWORD
 * changed, or when another host seeded a shared PostgreSQL.
 */
export async function demoLogins(
  db: Queryable,
  config: Pick<Config, 'dataDir' | 'demoPassword'>,
): Promise<DemoLogin[]> {
  const shown = demoWorld().businesses.flatMap((business) =>
    business.users.filter((user) => user.showLogin).map((user) => ({ business: business.name, user })),
  );
  const stored = await readStoredDemoPasswords(config.dataDir);
  const { rows } = await db.query<{ email: string; password_hash: string }>(
    'SELECT lower(email) AS email, password_hash FROM users WHERE lower(email) = ANY($1::text[])',
    [shown.map(({ user }) => user.email.toLowerCase())],
  );
  const hashes = new Map(rows.map((row) => [row.email, row.password_hash]));
  // scrypt on libuv's thread pool: check every user at once rather than one after another.
  return Promise.all(
    shown.map(async ({ business, user }): Promise<DemoLogin> => {
      const hash = hashes.get(user.email.toLowerCase());
      let password: string | undefined;
      if (hash) {
        for (const candidate of [config.demoPassword, stored?.[user.email]]) {
          if (candidate && (await verifyPassword(candidate, hash))) {
            password = candidate;
            break;
          }
        }
      }
      return { business, role: user.role, email: user.email, password };
    }),
  );
}

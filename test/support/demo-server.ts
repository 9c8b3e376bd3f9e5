import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { type Config, loadConfig } from '../../src/config/config.js';
import { type RunningServer, startServer } from '../../src/server/start-server.js';

/**
 * The whole embedded platform as `npm start` runs it (PGlite, relay, consumers, lake writer, feeds,
 * demo seeded with one known password), listening on a free loopback port, with the simulation and
 * the demo's history off unless `env` turns them on. `close()` stops it and deletes its data directory.
 */
export interface DemoServer {
  server: RunningServer;
  config: Config;
  dataDir: string;
  /** Signs a demo user in with the demo password; the session as the API answers it. */
  login<Session = { accessToken: string }>(email: string): Promise<Session>;
  /**
   * Opens the business's locations (or the one named) around the clock, so orders are accepted
   * whatever the hour a suite runs at: the API checks business hours against the real clock.
   */
  openAllDay(businessId: string, ownerToken: string, locationId?: string): Promise<void>;
  close(): Promise<void>;
}

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
/** Equal ends: open 24 hours (src/domain/locations/local-time.ts). */
const ALL_DAY = Object.fromEntries(WEEKDAYS.map((day) => [day, [{ opens: '00:00', closes: '00:00' }]]));

export const DEMO_TEST_PASSWORD = 'demo-test-password';

export async function startDemoServer(name: string, env: Record<string, string> = {}): Promise<DemoServer> {
  const dataDir = await mkdtemp(path.join(tmpdir(), `brigade-${name}-`));
  const config = loadConfig({
    DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    BRIGADE_DEMO_PASSWORD: DEMO_TEST_PASSWORD,
    BRIGADE_SIMULATOR: 'off',
    BRIGADE_DEMO_HISTORY_DAYS: '0',
    BRIGADE_LAKE_FLUSH_MS: '200',
    ...env,
  });
  const server = await startServer(config, { demo: true, logger: pino({ level: 'silent' }) });
  return {
    server,
    config,
    dataDir,
    async login<Session>(email: string): Promise<Session> {
      const response = await fetch(`${server.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: DEMO_TEST_PASSWORD }),
      });
      if (response.status !== 200) throw new Error(`demo login of ${email}: ${response.status}`);
      return (await response.json()) as Session;
    },
    async openAllDay(businessId, ownerToken, locationId) {
      const base = `${server.url}/api/v1/businesses/${businessId}/locations`;
      const headers = { authorization: `Bearer ${ownerToken}`, 'content-type': 'application/json' };
      const ids = locationId
        ? [locationId]
        : (
            (await (await fetch(`${base}?limit=200`, { headers })).json()) as { items: { id: string }[] }
          ).items.map((location) => location.id);
      for (const id of ids) {
        const opened = await fetch(`${base}/${id}`, {
          method: 'PATCH',
          headers,
          body: JSON.stringify({ businessHours: ALL_DAY, holidays: [] }),
        });
        if (opened.status !== 200) throw new Error(`opening ${id} all day: ${opened.status}`);
      }
    },
    async close() {
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

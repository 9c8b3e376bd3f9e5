import path from 'node:path';
import type { Logger } from 'pino';
import type { Database } from '../storage/database.js';
import type { ConnectorContext } from './connector-context.js';
import { type ConnectorKind, defaultConnectorName } from './connector-name.js';
import { type ConnectorState, openConnector } from './connector-store.js';
import { type DirWatcherOptions, runDirWatcher } from './dir-watcher.js';
import { type HttpPollerOptions, runHttpPoller } from './http-poller.js';
import { displayUrl } from './source-address.js';
import { runSseFollower, type SseFollowerOptions } from './sse-follower.js';

/** What to run: one of the three connectors, with its own options. */
export type ConnectorSettings =
  | ({ kind: 'http' } & HttpPollerOptions)
  | ({ kind: 'sse' } & SseFollowerOptions)
  | ({ kind: 'dir' } & DirWatcherOptions);

export interface RunningConnector {
  state: ConnectorState;
  /** Settles when the connector stops: resolved after stop(), rejected with what stopped it otherwise. */
  done: Promise<void>;
  /** Asks it to stop after the batch in hand, and waits until it has. */
  stop(): Promise<void>;
}

/**
 * Opens (or creates) the connector's row and starts it: an http poller, an sse follower or a dir
 * watcher, ingesting into `businessId` of this Brigade. `since` is the offset a new http or sse
 * connector starts after (default 0: the whole feed); a connector that has a watermark resumes from it.
 */
export async function startConnector(
  db: Database,
  settings: ConnectorSettings,
  options: { businessId: string; name?: string | undefined; since?: number | undefined },
  logger: Logger,
): Promise<RunningConnector> {
  const source =
    settings.kind === 'dir'
      ? path.resolve(settings.dir)
      : displayUrl(settings.kind === 'http' ? settings.feed : settings.stream);
  const kind: ConnectorKind = settings.kind;
  const name = options.name ?? defaultConnectorName(kind, options.businessId, source);
  const opened = await openConnector(
    db,
    { name, kind, businessId: options.businessId, source },
    kind === 'dir' ? null : (options.since ?? 0),
  );
  const log = logger.child({ connector: name });
  if (opened.sourceChanged !== null) {
    log.warn({ before: opened.sourceChanged, now: source }, 'the connector reads from a new source');
  }
  if (!opened.created && options.since !== undefined && opened.state.watermark !== options.since) {
    log.warn({ since: options.since, watermark: opened.state.watermark }, '--since ignored: resuming');
  }
  log.info(
    { kind, source, businessId: options.businessId, watermark: opened.state.watermark, new: opened.created },
    'connector starting',
  );
  const controller = new AbortController();
  const context: ConnectorContext = { db, connector: opened.state, logger: log, signal: controller.signal };
  const done = run(context, settings);
  // The caller awaits `done` for what stopped the connector; until it does, a failure is not "unhandled".
  done.catch(() => {});
  return {
    state: opened.state,
    done,
    async stop() {
      controller.abort();
      await done.catch(() => {});
      log.info('connector stopped');
    },
  };
}

function run(context: ConnectorContext, settings: ConnectorSettings): Promise<void> {
  switch (settings.kind) {
    case 'http':
      return runHttpPoller(context, settings);
    case 'sse':
      return runSseFollower(context, settings);
    case 'dir':
      return runDirWatcher(context, settings);
  }
}

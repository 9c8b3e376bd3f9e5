import type { Command } from 'commander';
import { InvalidArgumentError, Option } from 'commander';
import { ConfigError } from '../config/config.js';
import { MAX_CONNECTOR_NAME } from '../ingest-connectors/connector-name.js';
import { type PullKind, sourceUrl } from '../ingest-connectors/source-address.js';
import { fileToken, fixedToken, type TokenSource } from '../ingest-connectors/source-client.js';
import { type ConnectorSettings, startConnector } from '../ingest-connectors/start-connector.js';
import { UUID_PATTERN } from '../schemas/formats.js';
import { exitOnSignals } from '../server/graceful-shutdown.js';
import { prepareDatabase } from '../server/prepare-database.js';
import { MAX_INGEST_BATCH } from '../services/ingest/ingest-events.js';
import { runAction } from './run-action.js';

const integerIn =
  (min: number, max: number) =>
  (raw: string): number => {
    const value = /^\d{1,16}$/.test(raw) ? Number(raw) : Number.NaN;
    if (!Number.isSafeInteger(value) || value < min || value > max) {
      throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}`);
    }
    return value;
  };

const uuid = (raw: string): string => {
  if (!UUID_PATTERN.test(raw)) throw new InvalidArgumentError('expected a UUID');
  return raw.toLowerCase();
};

const httpUrl = (raw: string): URL => {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new InvalidArgumentError('expected an http:// or https:// URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InvalidArgumentError('expected an http:// or https:// URL');
  }
  // fetch refuses them, and the URL would carry a password into every log line about it.
  if (url.username !== '' || url.password !== '') {
    throw new InvalidArgumentError(
      'expected a URL without a user or password (give --token or --token-file)',
    );
  }
  return url;
};

const connectorName = (raw: string): string => {
  if (raw.length < 1 || raw.length > MAX_CONNECTOR_NAME) {
    throw new InvalidArgumentError(`expected 1 to ${MAX_CONNECTOR_NAME} characters`);
  }
  return raw;
};

const PULL_DESCRIPTIONS: Record<PullKind, string> = {
  http: 'poll an offset feed ({events, next_since}), e.g. GET /api/v1/businesses/{id}/events',
  sse: 'follow a server-sent event stream, e.g. GET /api/v1/businesses/{id}/events/stream',
};

interface CommonOptions {
  business: string;
  name?: string;
  batch: number;
}

interface PullOptions extends CommonOptions {
  url: URL;
  sourceBusiness?: string;
  token?: string;
  tokenFile?: string;
  since?: number;
}

/**
 * `brigade ingest http|sse|dir`: connectors that bring events from elsewhere into a business of this
 * Brigade through the ingest service, remembering durably (in this Brigade's database, with the events)
 * how far they have come (docs/ingestion.md, "Connectors"). Each runs until SIGINT/SIGTERM.
 */
export function addIngestCommand(program: Command): void {
  const ingest = program
    .command('ingest')
    .description('pull events from another system into a business (PostgreSQL only; runs until stopped)');

  const common = (command: Command) =>
    command
      .requiredOption('--business <id>', 'the business of this Brigade to ingest into', uuid)
      .option(
        '--name <name>',
        'connector name, keeping its own progress (default: from kind, source, business)',
        connectorName,
      )
      .option(
        '--batch <events>',
        `most events per transaction (1-${MAX_INGEST_BATCH})`,
        integerIn(1, MAX_INGEST_BATCH),
        MAX_INGEST_BATCH,
      );
  const pull = (command: Command) =>
    common(command)
      .requiredOption('--url <url>', 'a Brigade base URL, or the feed / stream URL itself', httpUrl)
      .option(
        '--source-business <id>',
        'the business to read at a Brigade source (default: --business)',
        uuid,
      )
      .addOption(
        new Option(
          '--token <token>',
          'bearer token for the source (default: BRIGADE_INGEST_TOKEN)',
        ).conflicts('tokenFile'),
      )
      .option('--token-file <path>', 'read the bearer token from this file before each request (rotatable)')
      .option(
        '--since <offset>',
        'where a new connector starts: after this offset (default 0, the whole feed)',
        integerIn(0, Number.MAX_SAFE_INTEGER),
      );

  for (const kind of ['http', 'sse'] as const) {
    const command = pull(ingest.command(kind)).description(PULL_DESCRIPTIONS[kind]);
    if (kind === 'http') {
      command.option(
        '--interval-ms <ms>',
        'wait before polling again once caught up',
        integerIn(10, 3_600_000),
        1000,
      );
    } else {
      command.option('--flush-ms <ms>', 'longest an event waits for its batch', integerIn(1, 60_000), 200);
    }
    command.action((options: PullOptions & { intervalMs?: number; flushMs?: number }) =>
      runConnector(options, (tokens) => {
        const url = sourceUrl(kind, options.url, options.sourceBusiness ?? options.business);
        return kind === 'http'
          ? { kind, feed: url, tokens, batchSize: options.batch, idleMs: options.intervalMs ?? 1000 }
          : { kind, stream: url, tokens, batchSize: options.batch, flushMs: options.flushMs ?? 200 };
      }),
    );
  }

  common(ingest.command('dir'))
    .description('load .json and .ndjson files dropped into a folder; bad ones go to its quarantine/')
    .argument('<path>', 'the folder to watch')
    .option('--interval-ms <ms>', 'time between two scans of the folder', integerIn(10, 3_600_000), 1000)
    .action((dir: string, options: CommonOptions & { intervalMs: number }) =>
      runConnector(options, () => ({
        kind: 'dir',
        dir,
        batchSize: options.batch,
        intervalMs: options.intervalMs,
      })),
    );
}

function runConnector(
  options: CommonOptions & Partial<Pick<PullOptions, 'token' | 'tokenFile' | 'since'>>,
  settings: (tokens: TokenSource) => ConnectorSettings,
): Promise<void> {
  return runAction(async (config, logger) => {
    // A token file that cannot be read at the start is a mistake in the command; later, while a
    // token is rotated into it, a failed read is waited out like an outage (fileToken).
    if (options.tokenFile) await readTokenFileOnce(options.tokenFile);
    if (!config.databaseUrl) {
      throw new ConfigError([
        'brigade ingest needs DATABASE_URL (PostgreSQL): the embedded database can be opened by one process only, and `brigade start` holds it',
      ]);
    }
    const tokens = options.tokenFile
      ? fileToken(options.tokenFile)
      : fixedToken(options.token ?? config.ingestToken);
    const { db } = await prepareDatabase(config, logger);
    let running: Awaited<ReturnType<typeof startConnector>>;
    try {
      running = await startConnector(
        db,
        settings(tokens),
        { businessId: options.business, name: options.name, since: options.since },
        logger,
      );
    } catch (error) {
      await db.close();
      throw error;
    }
    let closing: Promise<void> | undefined;
    const close = () => {
      closing ??= running.stop().then(() => db.close());
      return closing;
    };
    exitOnSignals(close, logger);
    const { state } = running;
    process.stdout.write(
      `Ingesting ${state.kind} ${state.source} into business ${state.businessId} as connector "${state.name}"` +
        `${state.watermark === null ? '' : ` after offset ${state.watermark}`}; stop with Ctrl-C.\n`,
    );
    try {
      await running.done;
    } catch (error) {
      await close().catch(() => {});
      throw error;
    }
  })();
}

/** Reads the token file as the connector will, turning a failure into a usage-level stop. */
async function readTokenFileOnce(path: string): Promise<void> {
  try {
    await fileToken(path).token();
  } catch (error) {
    throw new ConfigError([error instanceof Error ? error.message : String(error)]);
  }
}

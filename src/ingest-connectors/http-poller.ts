import { logBatch } from './batch-log.js';
import type { BatchItem } from './batch-summary.js';
import { commitBatch } from './commit-batch.js';
import type { ConnectorContext } from './connector-context.js';
import { ConnectorError } from './connector-error.js';
import { type FeedPage, readFeedPage } from './feed-page.js';
import { pause } from './pause.js';
import { retryLoop } from './retry-loop.js';
import { displayUrl, pageUrl } from './source-address.js';
import { getFromSource, SourceUnavailable, type TokenSource } from './source-client.js';
import { watermarkStep } from './watermark-step.js';

export interface HttpPollerOptions {
  /** The offset feed (`{events, next_since}` after `?since=`). */
  feed: URL;
  tokens: TokenSource;
  /** Events asked for per page, each page one transaction (1–1000). */
  batchSize: number;
  /** The wait before asking again after a page that was not full (caught up). */
  idleMs: number;
  requestTimeoutMs?: number;
}

/**
 * `brigade ingest http`: pages an offset feed from the connector's watermark and ingests each page in
 * one transaction with the watermark moved to the page's `next_since`, until stopped.
 */
export async function runHttpPoller(context: ConnectorContext, options: HttpPollerOptions): Promise<void> {
  const { db, connector, logger, signal } = context;
  let watermark = connector.watermark ?? 0;
  await retryLoop(signal, logger, async () => {
    const page = await fetchPage(options, watermark, signal);
    if (page.events.length > 0) {
      const items: BatchItem[] = page.events.map((event, index) => ({
        event,
        position: `offset ${page.offsets[index] ?? `after ${watermark} #${index}`}`,
      }));
      const summary = await commitBatch(
        db,
        connector,
        items,
        watermarkStep(connector.name, watermark, page.nextSince),
      );
      logBatch(logger, { from: watermark, to: page.nextSince }, summary);
      watermark = page.nextSince;
    }
    if (page.events.length < options.batchSize) await pause(options.idleMs, signal);
  });
}

async function fetchPage(
  options: HttpPollerOptions,
  since: number,
  signal: AbortSignal,
): Promise<Extract<FeedPage, { ok: true }>> {
  const url = pageUrl(options.feed, since, options.batchSize);
  const response = await getFromSource(url, {
    tokens: options.tokens,
    accept: 'application/json',
    signal: AbortSignal.any([signal, AbortSignal.timeout(options.requestTimeoutMs ?? 30_000)]),
  });
  let body: unknown;
  try {
    body = await response.json();
  } catch (error) {
    if (error instanceof SyntaxError) {
      throw new ConnectorError('ingest_source_invalid', `${displayUrl(url)} did not answer JSON`);
    }
    throw new SourceUnavailable(`reading ${displayUrl(url)} failed: ${String(error)}`, { cause: error });
  }
  const page = readFeedPage(body, since);
  if (!page.ok) throw new ConnectorError('ingest_source_invalid', `${displayUrl(url)}: ${page.reason}`);
  return page;
}

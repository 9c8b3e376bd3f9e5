import { createParser } from 'eventsource-parser';
import { logBatch } from './batch-log.js';
import { commitBatch } from './commit-batch.js';
import type { ConnectorContext } from './connector-context.js';
import { ConnectorError } from './connector-error.js';
import { EventBatcher } from './event-batcher.js';
import { pause } from './pause.js';
import { retryLoop } from './retry-loop.js';
import { displayUrl, resumeUrl } from './source-address.js';
import { getFromSource, SourceUnavailable, type TokenSource } from './source-client.js';
import { type OffsetEvent, readStreamMessage } from './stream-message.js';
import { watermarkStep } from './watermark-step.js';

export interface SseFollowerOptions {
  /** The server-sent event stream (`id:` offset, `data:` event), resumable with Last-Event-ID / since. */
  stream: URL;
  tokens: TokenSource;
  /** Most events per transaction (1–1000)... */
  batchSize: number;
  /** ...and the longest an event waits for its batch to fill. */
  flushMs: number;
  /** A stream silent this long is presumed dead and reopened (Brigade sends a ping every 25 s). */
  idleTimeoutMs?: number;
}

/** Bounds on the wait between connections that the source asks for with `retry:`. */
const MIN_RETRY_MS = 100;
const MAX_RETRY_MS = 30_000;

/**
 * `brigade ingest sse`: follows a server-sent event stream from the connector's watermark, in batches
 * committed with the watermark moved to their last offset, and opens it again (from the watermark)
 * whenever it ends — Brigade ends a stream when its token expires — or fails, with backoff.
 */
export async function runSseFollower(context: ConnectorContext, options: SseFollowerOptions): Promise<void> {
  const state = { watermark: context.connector.watermark ?? 0, retryMs: 1000 };
  await retryLoop(context.signal, context.logger, async () => {
    await followOnce(context, options, state);
    await pause(state.retryMs, context.signal);
  });
}

/** One connection: read until the stream ends, fails, falls silent or the connector stops. */
async function followOnce(
  context: ConnectorContext,
  options: SseFollowerOptions,
  state: { watermark: number; retryMs: number },
): Promise<void> {
  const { db, connector, logger, signal } = context;
  const connection = new AbortController();
  const stop = () => connection.abort(signal.reason);
  signal.addEventListener('abort', stop, { once: true });
  let idle: NodeJS.Timeout | undefined;
  const awake = () => {
    clearTimeout(idle);
    idle = setTimeout(() => connection.abort('idle'), options.idleTimeoutMs ?? 60_000);
  };

  const batcher = new EventBatcher<OffsetEvent>({
    maxItems: options.batchSize,
    maxWaitMs: options.flushMs,
    flush: async (events) => {
      const from = state.watermark;
      const to = events[events.length - 1]?.offset ?? from;
      const items = events.map(({ offset, event }) => ({ event, position: `offset ${offset}` }));
      const summary = await commitBatch(db, connector, items, watermarkStep(connector.name, from, to));
      logBatch(logger, { from, to }, summary);
      state.watermark = to;
    },
    onFailure: () => connection.abort('flush failed'),
  });
  let queuedUpTo = state.watermark;
  let problem: ConnectorError | undefined;
  const parser = createParser({
    onEvent: (message) => {
      // Nothing after an event without an offset: the watermark must not move past it.
      if (problem) return;
      const read = readStreamMessage(message);
      if (!read) {
        problem ??= new ConnectorError('ingest_source_invalid', 'a stream event has no offset (id:)');
        connection.abort('invalid');
        return;
      }
      // After a reconnection a source may repeat what it sent before the last id; never ingest it again.
      if (read.offset <= queuedUpTo) return;
      queuedUpTo = read.offset;
      batcher.add(read);
    },
    onRetry: (ms) => {
      state.retryMs = Math.min(Math.max(ms, MIN_RETRY_MS), MAX_RETRY_MS);
    },
  });

  const url = resumeUrl(options.stream, state.watermark);
  try {
    awake();
    const response = await getFromSource(url, {
      tokens: options.tokens,
      accept: 'text/event-stream',
      headers: { 'last-event-id': String(state.watermark) },
      signal: connection.signal,
    });
    if (!(response.headers.get('content-type') ?? '').startsWith('text/event-stream') || !response.body) {
      await response.body?.cancel();
      throw new ConnectorError(
        'ingest_source_invalid',
        `${displayUrl(url)} is not a server-sent event stream`,
      );
    }
    logger.info({ since: state.watermark }, 'stream open');
    const decoder = new TextDecoder();
    for await (const chunk of response.body) {
      awake();
      parser.feed(decoder.decode(chunk, { stream: true }));
      // Reading waits while the database is behind, so memory holds at most about two batches.
      if (batcher.backlog > 1) await batcher.settle();
    }
    logger.info({ watermark: state.watermark }, 'stream ended; reconnecting');
  } catch (error) {
    if (problem) throw problem;
    if (error instanceof ConnectorError || signal.aborted) throw error;
    if (connection.signal.aborted && connection.signal.reason === 'flush failed') {
      // The flush's own error is the one to report (settle below throws it).
    } else {
      const reason = connection.signal.reason === 'idle' ? 'the stream fell silent' : String(error);
      throw new SourceUnavailable(`${displayUrl(url)}: ${reason}`, { cause: error });
    }
  } finally {
    clearTimeout(idle);
    signal.removeEventListener('abort', stop);
    // Whole events received before the end (or the stop) are ingested: the watermark covers them.
    await batcher.close();
  }
}

import type { EventBus } from '../../bus/event-bus.js';
import { ENVELOPE_COLUMNS, type OutboxRow, toEnvelope } from '../../outbox/outbox-rows.js';
import type { Queryable } from '../../storage/database.js';
import type { Manifest } from '../manifest.js';
import { readManifest } from '../manifest-io.js';
import { ManifestEdit } from '../writer/manifest-edit.js';
import { loadOrderIndex } from '../writer/staging-step.js';
import { commitEdit, writeBatch } from '../writer/write-batch.js';
import type { WriterContext } from '../writer/writer-context.js';
import type { Progress } from './rebuild-lake.js';

export class LakeNotEmptyError extends Error {
  readonly code = 'LAKE_NOT_EMPTY';
  constructor() {
    super(
      'the lake already holds events; backfill fills an empty lake (use `brigade lake rebuild` to redo silver and gold)',
    );
  }
}

export interface BackfillResult {
  manifest: Manifest;
  /** Events written into the lake. */
  events: number;
  /**
   * Events of the outbox the relay had not published when the backfill began: they are not written
   * here, so as not to take them twice, and reach the lake through the bus once the relay publishes
   * them (the lake writer continues from the cursor).
   */
  awaitingRelay: number;
}

/**
 * Fills an empty lake from the PostgreSQL history: every event of the outbox up to the newest one on
 * the bus, through bronze, silver and gold, then hands over to the bus: the committed cursor is that
 * newest message, so the lake writer continues right after it, with no gap and no event twice.
 * Messages foreign producers put on a Redis stream before the backfill are not in PostgreSQL and are
 * not backfilled. Committed once at the end; run it with the lake writer stopped.
 */
export async function backfillLake(
  context: WriterContext,
  db: Queryable,
  bus: EventBus,
  options: { chunkEvents?: number; onProgress?: (progress: Progress) => void } = {},
): Promise<BackfillResult> {
  const manifest = await readManifest(context.store);
  if (manifest.cursor !== null || manifest.files.length > 0) throw new LakeNotEmptyError();
  const newest = await bus.newest();
  const edit = new ManifestEdit(manifest);
  await loadOrderIndex(context, edit);
  const until = newest?.logPosition ?? 0;
  const { rows: counted } = await db.query<{ total: string; awaiting: string }>(
    `SELECT count(*) FILTER (WHERE log_position <= $1) AS total,
            count(*) FILTER (WHERE log_position IS NULL OR log_position > $1) AS awaiting
     FROM outbox`,
    [until],
  );
  const total = Number(counted[0]?.total ?? 0);
  const awaitingRelay = Number(counted[0]?.awaiting ?? 0);
  const chunk = options.chunkEvents ?? 200_000;
  let after = 0;
  let done = 0;
  for (;;) {
    const { rows } = await db.query<OutboxRow & { log_position: string }>(
      `SELECT log_position, ${ENVELOPE_COLUMNS} FROM outbox
       WHERE log_position > $1 AND log_position <= $2 ORDER BY log_position LIMIT $3`,
      [after, until, chunk],
    );
    if (rows.length === 0) break;
    const messages = rows.map((row) => ({
      id: String(row.log_position),
      body: JSON.stringify(toEnvelope(row)),
    }));
    await writeBatch(context, edit, messages);
    after = Number(rows[rows.length - 1]?.log_position);
    done += rows.length;
    options.onProgress?.({ done, total });
  }
  return { manifest: await commitEdit(context, edit, newest?.id ?? null), events: done, awaitingRelay };
}

import type { Queryable } from '../storage/database.js';
import type { BatchSummary } from './batch-summary.js';
import { ConnectorError } from './connector-error.js';
import type { ConnectorKind } from './connector-name.js';

/** A connector's row of `ingest_connectors` (migrations/010-ingest-connectors.sql). */
export interface ConnectorState {
  name: string;
  kind: ConnectorKind;
  businessId: string;
  source: string;
  /** http and sse: the offset of the last source event ingested; null for dir. */
  watermark: number | null;
}

/**
 * Finds the connector's row, creating it on first run (with `startAt` as watermark for http and sse).
 * A row of that name for another kind or business is refused: its watermark means something else. A
 * changed source (the same feed moved to another host) is taken, and said in `sourceChanged`.
 */
export async function openConnector(
  db: Queryable,
  spec: Omit<ConnectorState, 'watermark'>,
  startAt: number | null,
): Promise<{ state: ConnectorState; created: boolean; sourceChanged: string | null }> {
  const business = await db.query('SELECT 1 FROM businesses WHERE id = $1', [spec.businessId]);
  if (business.rowCount === 0) {
    throw new ConnectorError('ingest_business_unknown', `no business ${spec.businessId} in this Brigade`);
  }
  const inserted = await db.query(
    `INSERT INTO ingest_connectors (name, kind, business_id, source, watermark) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (name) DO NOTHING`,
    [spec.name, spec.kind, spec.businessId, spec.source, startAt],
  );
  const { rows } = await db.query<{
    kind: ConnectorKind;
    business_id: string;
    source: string;
    watermark: number | null;
  }>('SELECT kind, business_id, source, watermark FROM ingest_connectors WHERE name = $1', [spec.name]);
  const row = rows[0];
  if (!row) throw new Error(`connector ${spec.name} vanished while opening`);
  if (row.kind !== spec.kind || row.business_id !== spec.businessId) {
    throw new ConnectorError(
      'ingest_connector_mismatch',
      `connector "${spec.name}" is a ${row.kind} connector into business ${row.business_id}; choose another --name`,
    );
  }
  let sourceChanged: string | null = null;
  if (row.source !== spec.source) {
    sourceChanged = row.source;
    await db.query('UPDATE ingest_connectors SET source = $2, updated_at = now() WHERE name = $1', [
      spec.name,
      spec.source,
    ]);
  }
  return {
    state: { ...spec, watermark: row.watermark },
    created: inserted.rowCount > 0,
    sourceChanged,
  };
}

/**
 * Locks the connector's row for the rest of the transaction and returns its watermark: two processes
 * running one connector take turns, and the second finds the watermark moved (ingest_connector_busy).
 */
export async function lockConnector(tx: Queryable, name: string): Promise<number | null> {
  const { rows } = await tx.query<{ watermark: number | null }>(
    'SELECT watermark FROM ingest_connectors WHERE name = $1 FOR UPDATE',
    [name],
  );
  const row = rows[0];
  if (!row) throw new ConnectorError('ingest_connector_busy', `connector "${name}" was deleted meanwhile`);
  return row.watermark;
}

/** Adds a batch to the connector's totals and, for http and sse, moves its watermark (same transaction). */
export async function recordBatch(
  tx: Queryable,
  name: string,
  summary: BatchSummary,
  watermark?: number,
): Promise<void> {
  await tx.query(
    `UPDATE ingest_connectors
        SET accepted = accepted + $2, duplicates = duplicates + $3, rejected = rejected + $4,
            watermark = coalesce($5::bigint, watermark), updated_at = now()
      WHERE name = $1`,
    [name, summary.accepted, summary.duplicates, summary.rejected, watermark ?? null],
  );
}

/** Keeps the rejections worth a look, with the events as received (ingest_connector_rejections). */
export async function keepRejections(
  tx: Queryable,
  name: string,
  rejections: BatchSummary['rejections'],
): Promise<void> {
  if (rejections.length === 0) return;
  await tx.query(
    `INSERT INTO ingest_connector_rejections (connector, position, event_id, code, reason, event)
     SELECT $1, r.position, r.event_id::uuid, r.code, r.reason, r.event
       FROM jsonb_to_recordset($2::jsonb) AS r(position text, event_id text, code text, reason text, event jsonb)`,
    [
      name,
      JSON.stringify(
        rejections.map((rejection) => ({
          position: rejection.position,
          event_id: rejection.eventId,
          code: rejection.code,
          reason: rejection.reason,
          event: storableEvent(rejection.event),
        })),
      ),
    ],
  );
}

/** Events kept whole up to this size; a larger one is kept as its rejection only. */
const MAX_KEPT_EVENT_CHARS = 64 * 1024;

/** The event as jsonb can hold it: not too large, and without NUL characters (which jsonb refuses). */
function storableEvent(event: unknown): unknown {
  const text = JSON.stringify(event ?? null);
  return text.length > MAX_KEPT_EVENT_CHARS || text.includes('\\u0000') ? null : event;
}

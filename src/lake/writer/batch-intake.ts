import { EVENT_CATALOG } from '../../domain/events/catalog.js';
import type { DuckSession } from '../duckdb/duck-session.js';

export interface BusMessage {
  id: string;
  body: string;
}

/** The envelope's fields as json_transform reads them: scalars as text, the payload as JSON. */
const ENVELOPE_SHAPE = JSON.stringify({
  event_id: 'VARCHAR',
  event_type: 'VARCHAR',
  version: 'VARCHAR',
  occurred_at: 'VARCHAR',
  business_id: 'VARCHAR',
  location_id: 'VARCHAR',
  order_id: 'VARCHAR',
  sequence: 'VARCHAR',
  payload: 'JSON',
});

const UUID = `'^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'`;

/**
 * Loads one batch of bus messages into DuckDB and sorts them out, entirely in SQL (DuckDB parses
 * JSON far faster than we could event by event):
 * - `batch_events`: envelopes that parse, with typed columns — these go to bronze;
 * - `batch_quarantine`: what cannot go further, with the reason: messages that are not a valid
 *   envelope (never in bronze: they have no business or date to file them under), and valid
 *   envelopes of an unknown type or version, or older than the late-data horizon (in bronze, kept
 *   out of silver).
 * Nothing is dropped: every message ends in bronze, in quarantine, or both.
 */
export async function loadBatch(
  duck: DuckSession,
  messages: readonly BusMessage[],
  options: { lateHorizonDays: number; now: Date },
): Promise<void> {
  await duck.run(`CREATE OR REPLACE TABLE raw_batch (ordinal BIGINT, log_offset VARCHAR, body VARCHAR)`);
  const appender = await duck.connection.createAppender('raw_batch');
  messages.forEach((message, ordinal) => {
    appender.appendBigInt(BigInt(ordinal));
    appender.appendVarchar(message.id);
    appender.appendVarchar(message.body);
    appender.endRow();
  });
  appender.closeSync();

  await duck.run(
    `
    CREATE OR REPLACE TABLE batch_checked AS
    WITH parsed AS (
      -- One parse per message: json_transform reads every envelope field in a single pass (each
      -- ->> would parse the whole body again). Numbers come as text and are TRY_CAST below, so a
      -- field of the wrong JSON type becomes NULL and is reported, as with ->>.
      SELECT ordinal, log_offset,
             CASE WHEN json_valid(body) AND json_type(body) = 'OBJECT'
                  THEN json_transform(body, '${ENVELOPE_SHAPE}') END AS j
      FROM raw_batch
    ), fields AS (
      SELECT ordinal, log_offset, j,
             j.event_id,
             j.event_type,
             TRY_CAST(j.version AS INTEGER) AS version,
             TRY_CAST(j.occurred_at AS TIMESTAMPTZ) AS occurred_at,
             j.business_id,
             j.location_id,
             j.order_id,
             TRY_CAST(j.sequence AS INTEGER) AS sequence,
             j.payload
      FROM parsed
    )
    SELECT f.* EXCLUDE (j), f.occurred_at::DATE AS event_date,
      CASE
        WHEN j IS NULL THEN 'not a JSON object'
        WHEN event_id IS NULL OR NOT regexp_matches(event_id, ${UUID}) THEN 'event_id missing or not a UUID'
        WHEN event_type IS NULL THEN 'event_type missing'
        WHEN business_id IS NULL OR NOT regexp_matches(business_id, ${UUID}) THEN 'business_id missing or not a UUID'
        WHEN occurred_at IS NULL THEN 'occurred_at missing or not a timestamp'
        WHEN version IS NULL THEN 'version missing or not an integer'
        WHEN sequence IS NULL THEN 'sequence missing or not an integer'
        WHEN location_id IS NOT NULL AND NOT regexp_matches(location_id, ${UUID}) THEN 'location_id is not a UUID'
        WHEN order_id IS NOT NULL AND NOT regexp_matches(order_id, ${UUID}) THEN 'order_id is not a UUID'
        WHEN payload IS NULL OR json_type(payload) <> 'OBJECT' THEN 'payload missing or not an object'
      END AS envelope_problem,
      CASE
        WHEN c.known_type IS NULL THEN 'unknown event_type ' || f.event_type
        WHEN c.known_version <> f.version THEN 'unsupported version ' || f.version || ' of ' || f.event_type
        WHEN $1 > 0 AND f.occurred_at < $2::TIMESTAMPTZ - to_days($1)
          THEN 'older than the late-data horizon of ' || $1 || ' days'
      END AS silver_problem
    FROM fields f LEFT JOIN (${catalogValues()}) AS c(known_type, known_version) ON c.known_type = f.event_type
  `,
    [options.lateHorizonDays, options.now.toISOString()],
  );

  // A view, not a copy: the payloads are the bulk of the batch, and a filter over batch_checked is
  // cheaper than copying them once more.
  await duck.run(`
    CREATE OR REPLACE VIEW batch_events AS
    SELECT ordinal, log_offset, event_id, event_type, version, occurred_at, business_id, location_id,
           order_id, sequence, payload, event_date, silver_problem
    FROM batch_checked WHERE envelope_problem IS NULL
  `);
  // The raw body is kept only for what goes to quarantine, fetched back from raw_batch.
  await duck.run(
    `
    CREATE OR REPLACE TABLE batch_quarantine AS
    SELECT c.log_offset, c.event_id, c.event_type,
           CASE WHEN envelope_problem IS NULL THEN business_id END AS business_id,
           CASE WHEN envelope_problem IS NULL THEN order_id END AS order_id,
           coalesce(envelope_problem, silver_problem) AS reason, r.body,
           $1::TIMESTAMPTZ AS quarantined_at,
           coalesce(CASE WHEN envelope_problem IS NULL THEN event_date END, $1::TIMESTAMPTZ::DATE) AS event_date
    FROM batch_checked c JOIN raw_batch r USING (ordinal)
    WHERE envelope_problem IS NOT NULL OR silver_problem IS NOT NULL
  `,
    [options.now.toISOString()],
  );
}

/** The catalog's types and versions as a VALUES list (DuckDB has no table of them otherwise). */
function catalogValues(): string {
  const rows = Object.entries(EVENT_CATALOG).map(([type, spec]) => `('${type}', ${spec.version})`);
  return `VALUES ${rows.join(', ')}`;
}

-- 010: ingestion connectors (`brigade ingest http|sse|dir`, docs/ingestion.md, "Connectors"). A
-- connector pulls events from elsewhere through the ingest service; what it has taken in is written
-- here in the same transaction as the events themselves, so a connector killed at any moment resumes
-- exactly where its last commit left it: nothing lost, nothing taken twice.

-- One row per named connector: where it reads, for which business, and how far it has come.
CREATE TABLE ingest_connectors (
  name text PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('http', 'sse', 'dir')),
  business_id uuid NOT NULL REFERENCES businesses (id) ON DELETE CASCADE,
  -- The feed or stream URL (without credentials or query) or the folder, for people reading the table.
  source text NOT NULL,
  -- http and sse: the offset of the last source event ingested (the next read asks for the events
  -- after it). dir keeps its progress per file, in ingest_connector_files.
  watermark bigint,
  -- Running totals of the ingest's answers, for operators (the log has them per batch).
  accepted bigint NOT NULL DEFAULT 0,
  duplicates bigint NOT NULL DEFAULT 0,
  rejected bigint NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- The files a dir connector has met, by content: a file counts as new when its name or its bytes are.
-- A large file is ingested in batches; `events_done` is its progress (advanced with each batch), so a
-- restart continues it instead of starting over. Quarantined files are recorded too, with the reason.
CREATE TABLE ingest_connector_files (
  connector text NOT NULL REFERENCES ingest_connectors (name) ON DELETE CASCADE,
  file_name text NOT NULL,
  sha256 text NOT NULL,
  size_bytes bigint NOT NULL,
  events integer NOT NULL,
  events_done integer NOT NULL DEFAULT 0,
  accepted integer NOT NULL DEFAULT 0,
  duplicates integer NOT NULL DEFAULT 0,
  rejected integer NOT NULL DEFAULT 0,
  status text NOT NULL CHECK (status IN ('loading', 'loaded', 'quarantined')),
  reason text,
  first_seen_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  -- Also the one lookup: is this file (name and bytes) known to the connector, and how far did it get?
  PRIMARY KEY (connector, file_name, sha256)
);

-- Events a connector sent that the ingest refused for a reason worth a look (everything but
-- `unsupported_type`, which a Brigade feed is full of by design), kept with the event as received so
-- an operator can see and resend them. Nothing retries them on its own.
CREATE TABLE ingest_connector_rejections (
  id bigserial PRIMARY KEY,
  connector text NOT NULL REFERENCES ingest_connectors (name) ON DELETE CASCADE,
  -- Where the event came from: `offset 1042` (http, sse) or `orders.ndjson #17` (dir).
  position text NOT NULL,
  event_id uuid,
  code text NOT NULL,
  reason text NOT NULL,
  event jsonb,
  rejected_at timestamptz NOT NULL DEFAULT now()
);
-- Operators read one connector's rejections, newest first.
CREATE INDEX ingest_connector_rejections_connector_idx ON ingest_connector_rejections (connector, id);

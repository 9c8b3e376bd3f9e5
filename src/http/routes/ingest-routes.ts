import { BusinessParams } from '../../schemas/common.js';
import { IngestBody, IngestResponse } from '../../schemas/ingest.js';
import { ingestEvents } from '../../services/ingest/ingest-events.js';
import { MANAGER_ROLES } from '../access.js';
import type { AppContext } from '../app.js';
import type { BrigadeApp } from '../brigade-app.js';

/** A batch of up to 1000 events of a few KiB each needs more than the default request body limit. */
const INGEST_BODY_LIMIT_BYTES = 8 * 1024 * 1024;

/** Bring your own events (docs/ingestion.md, "Ingestion"). */
export function ingestRoutes(app: BrigadeApp, context: AppContext): void {
  app.post(
    '/api/v1/businesses/:businessId/ingest/events',
    {
      // A NUL character in one event rejects that event, not the batch (ingest-events.ts).
      config: { access: { businessParam: 'businessId', roles: MANAGER_ROLES }, nulTextPerItem: true },
      bodyLimit: Math.max(INGEST_BODY_LIMIT_BYTES, context.config.bodyLimitBytes),
      schema: {
        tags: ['events'],
        security: [{ bearer: [] }],
        summary:
          "Ingest a batch of events in Brigade's envelope or a foreign one (owners, managers, platform admins)",
        description:
          "Each event is mapped to Brigade events, checked like Brigade's own and appended to the outbox, so it " +
          'reaches consumers, live feeds and the lake. Idempotent by event id. Always 200 with one result per ' +
          'event (accepted, duplicate, or rejected with a code and reason); the valid events are kept.',
        params: BusinessParams,
        body: IngestBody,
        response: { 200: IngestResponse },
      },
    },
    async (request) => ingestEvents(context.db, request.params.businessId, request.body.events),
  );
}

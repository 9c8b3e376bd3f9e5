import { EventPage, EventPageQuery } from '../../schemas/business-events.js';
import { BusinessParams } from '../../schemas/common.js';
import { readBusinessEvents } from '../../services/events/business-event-log.js';
import { MANAGER_ROLES } from '../access.js';
import type { AppContext } from '../app.js';
import type { BrigadeApp } from '../brigade-app.js';

/**
 * The business event feed for other systems, paged by offset (docs/ingestion.md, "Event source"). Its
 * live counterpart, GET /api/v1/businesses/{businessId}/events/stream, is in stream-routes.ts.
 */
export function businessEventRoutes(app: BrigadeApp, context: AppContext): void {
  app.get(
    '/api/v1/businesses/:businessId/events',
    {
      config: { access: { businessParam: 'businessId', roles: MANAGER_ROLES } },
      schema: {
        tags: ['events'],
        security: [{ bearer: [] }],
        summary: "The business's events after an offset, in commit order (owners, managers, platform admins)",
        description:
          'Each event is the envelope of docs/events.md with its `offset` (the outbox log position, growing ' +
          'without gaps). Ask again with `since=next_since` for the next page; an empty page means caught up. ' +
          'Notifications are not included.',
        params: BusinessParams,
        querystring: EventPageQuery,
        response: { 200: EventPage },
      },
    },
    async (request) =>
      readBusinessEvents(
        context.db,
        request.params.businessId,
        request.query.since ?? 0,
        request.query.limit ?? 1000,
      ),
  );
}

import { BusinessParams } from '../../schemas/common.js';
import { LiveMetricsSnapshotSchema } from '../../schemas/live-metrics.js';
import { loadLiveMetricsSnapshot } from '../../services/live-metrics/live-metrics-snapshot.js';
import { MANAGER_ROLES } from '../access.js';
import type { AppContext } from '../app.js';
import type { BrigadeApp } from '../brigade-app.js';

export function liveMetricsRoutes(app: BrigadeApp, context: AppContext): void {
  app.get(
    '/api/v1/businesses/:businessId/live-metrics',
    {
      config: { access: { businessParam: 'businessId', roles: MANAGER_ROLES } },
      schema: {
        tags: ['live metrics'],
        security: [{ bearer: [] }],
        summary: "Today's orders, revenue, tickets and prep times, per location and for the business",
        description:
          'Kept by the live-metrics consumer from the event stream; "today" is each location\'s local day. ' +
          'The dashboard WebSocket pushes the same snapshot when it changes.',
        params: BusinessParams,
        response: { 200: LiveMetricsSnapshotSchema },
      },
    },
    async (request) => loadLiveMetricsSnapshot(context.db, request.params.businessId, context.now()),
  );
}

import type { DeliveryStep } from '../../domain/delivery/delivery-status.js';
import { OrderParams } from '../../schemas/common.js';
import {
  AssignDriverBody,
  ClaimableDeliveries,
  DeliveryFailedBody,
  DeliveryView,
  DriverDeliveries,
  PingResult,
  PingsBody,
} from '../../schemas/delivery.js';
import { assignDriver, claimDelivery } from '../../services/delivery/assign-driver.js';
import {
  getOrderDelivery,
  listClaimableDeliveries,
  listDriverDeliveries,
} from '../../services/delivery/delivery-queries.js';
import { reportDeliveryStep } from '../../services/delivery/delivery-steps.js';
import { recordPings } from '../../services/delivery/record-pings.js';
import { requirePrincipal } from '../access.js';
import type { AppContext } from '../app.js';
import type { BrigadeApp } from '../brigade-app.js';

/**
 * Delivery: managers assign drivers (or drivers claim orders), drivers report each phase and their
 * position, customers and staff follow along. Rules and the ETA: docs/delivery.md. Every route checks
 * the caller against the order itself (its business, location and driver), hence 'authenticated'.
 */
export function deliveryRoutes(app: BrigadeApp, context: AppContext): void {
  const deps = { db: context.db, now: context.now };
  const tags = ['delivery'];
  const security = [{ bearer: [] }];

  app.post(
    '/api/v1/orders/:orderId/delivery/assign',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        security,
        summary:
          'Assign a driver of the business (staff, position driver, at the location) to a delivery order',
        description:
          'Managers and owners. The order must be confirmed, preparing or ready, with no live delivery.',
        params: OrderParams,
        body: AssignDriverBody,
        response: { 201: DeliveryView },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await assignDriver(
            deps,
            requirePrincipal(request),
            request.params.orderId,
            request.body.driverUserId,
          ),
        ),
  );

  app.post(
    '/api/v1/orders/:orderId/delivery/claim',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        security,
        summary:
          'A driver takes an unassigned delivery order (confirmed, preparing or ready); one claim wins',
        params: OrderParams,
        response: { 201: DeliveryView },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await claimDelivery(deps, requirePrincipal(request), request.params.orderId)),
  );

  const step = (path: string, deliveryStep: Exclude<DeliveryStep, 'failed'>, summary: string) =>
    app.post(
      `/api/v1/orders/:orderId/delivery/${path}`,
      {
        config: { access: 'authenticated' },
        schema: { tags, security, summary, params: OrderParams, response: { 200: DeliveryView } },
      },
      async (request) =>
        reportDeliveryStep(deps, requirePrincipal(request), request.params.orderId, deliveryStep),
    );
  step('arrived', 'arrived', 'The assigned driver arrived at the restaurant');
  step('picked-up', 'picked_up', 'The assigned driver collected the order (the order goes out_for_delivery)');
  step('delivered', 'delivered', 'The assigned driver handed the order over (the order becomes delivered)');

  app.post(
    '/api/v1/orders/:orderId/delivery/failed',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        security,
        summary: 'The delivery attempt failed (the assigned driver, or a manager or owner taking it back)',
        params: OrderParams,
        body: DeliveryFailedBody,
        response: { 200: DeliveryView },
      },
    },
    async (request) =>
      reportDeliveryStep(
        deps,
        requirePrincipal(request),
        request.params.orderId,
        'failed',
        request.body.reason,
      ),
  );

  app.post(
    '/api/v1/orders/:orderId/delivery/pings',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        security,
        summary:
          'GPS pings from the assigned driver while the delivery is live (batches welcome; resends are no-ops)',
        params: OrderParams,
        body: PingsBody,
        response: { 200: PingResult },
      },
    },
    async (request) =>
      recordPings(
        deps,
        requirePrincipal(request),
        request.params.orderId,
        request.body.pings.map((ping) => ({
          lat: ping.lat,
          lon: ping.lon,
          heading: ping.heading ?? null,
          speedMps: ping.speedMps ?? null,
          recordedAt: new Date(ping.recordedAt),
        })),
      ),
  );

  app.get(
    '/api/v1/orders/:orderId/delivery',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        security,
        summary:
          "The order's delivery: phase, timestamps, driver, last position and ETA (customer and staff)",
        params: OrderParams,
        response: { 200: DeliveryView },
      },
    },
    async (request) => getOrderDelivery(deps, requirePrincipal(request), request.params.orderId),
  );

  app.get(
    '/api/v1/drivers/me/deliveries',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        security,
        summary: "The signed-in driver's live deliveries and the 20 most recently finished",
        response: { 200: DriverDeliveries },
      },
    },
    async (request) => listDriverDeliveries(context.db, requirePrincipal(request).userId, context.now()),
  );

  app.get(
    '/api/v1/drivers/me/available-deliveries',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        security,
        summary: 'Delivery orders the signed-in driver may claim (confirmed, preparing or ready; no driver)',
        description:
          'At the locations their driver memberships cover; empty for anyone who drives for no business.',
        response: { 200: ClaimableDeliveries },
      },
    },
    async (request) => ({
      available: await listClaimableDeliveries(context.db, requirePrincipal(request).userId, context.now()),
    }),
  );
}

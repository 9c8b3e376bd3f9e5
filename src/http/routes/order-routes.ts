import { Type } from '@sinclair/typebox';
import { AppError } from '../../errors/app-error.js';
import { BusinessParams, LocationParams, OrderParams, Problem } from '../../schemas/common.js';
import { OrderQuote, QuoteOrderBody } from '../../schemas/order-quote.js';
import {
  BusinessOrderListQuery,
  CancelBody,
  CustomerParams,
  FeedbackBody,
  FeedbackView,
  OrderActions,
  OrderEvent,
  OrderListQuery,
  OrderPage,
  OrderView,
  PlaceOrderBody,
  RefundBody,
  StatusChangeBody,
} from '../../schemas/orders.js';
import { cancelOrder, changeOrderStatus } from '../../services/orders/change-status.js';
import { orderActions } from '../../services/orders/order-actions.js';
import {
  getOrder,
  listBusinessOrders,
  listCustomerOrders,
  listLocationOrders,
  orderTimeline,
} from '../../services/orders/order-queries.js';
import { placeOrder } from '../../services/orders/place-order.js';
import { quoteOrder } from '../../services/orders/quote-order.js';
import { refundOrder } from '../../services/orders/refund-order.js';
import { submitFeedback } from '../../services/orders/submit-feedback.js';
import { requirePrincipal, STAFF_ROLES } from '../access.js';
import type { AppContext } from '../app.js';
import type { BrigadeApp } from '../brigade-app.js';
import { idempotentStatus } from '../idempotent-reply.js';

const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({ minLength: 1, maxLength: 200, pattern: '^[\\x21-\\x7e]+$' }),
  ),
});

export function orderRoutes(app: BrigadeApp, context: AppContext): void {
  const deps = { db: context.db, gateway: context.gateway, now: context.now };
  const tags = ['orders'];
  const security = [{ bearer: [] }];

  app.post(
    '/api/v1/restaurants/:locationId/orders',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        security,
        summary:
          'Place an order (from the cart, or inline items); payment is authorized and captured at once',
        description:
          'Send an Idempotency-Key header to make retries safe: the same key returns the same order, the same key ' +
          'with a different body is refused with 409 idempotency_key_reused. A declined payment answers 402 ' +
          'payment_declined with the cancelled order in `order`.',
        params: LocationParams,
        headers: IdempotencyHeaders,
        body: PlaceOrderBody,
        response: { 200: OrderView, 201: OrderView, 402: Problem },
      },
    },
    async (request, reply) => {
      const { order, replayed } = await placeOrder(
        deps,
        requirePrincipal(request),
        request.params.locationId,
        request.body,
        request.headers['idempotency-key'],
      );
      const status = idempotentStatus(reply, replayed);
      const declined =
        order.status === 'cancelled' && order.payments.some((payment) => payment.status === 'declined');
      if (declined) {
        const payment = order.payments.find((p) => p.status === 'declined');
        throw new AppError('payment_declined', order.cancelReason ?? 'Payment declined', {
          extra: { orderId: order.id, declineCode: payment?.declineCode ?? null, order },
        });
      }
      return reply.status(status).send(order);
    },
  );

  app.post(
    '/api/v1/restaurants/:locationId/orders/quote',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        security,
        summary: 'Price an order before placing it (the cart, or inline items): writes nothing',
        description:
          'The same pricing as placement, with the same refusals for the basket and the choices (unknown or ' +
          'unavailable items, modifier rules, service type, promo code, points). A restaurant not taking orders ' +
          'now is priced all the same, with acceptingOrders false and the reason. Placement prices again.',
        params: LocationParams,
        body: QuoteOrderBody,
        response: { 200: OrderQuote },
      },
    },
    async (request) =>
      quoteOrder(
        context.db,
        requirePrincipal(request),
        request.params.locationId,
        request.body,
        context.now(),
      ),
  );

  app.get(
    '/api/v1/restaurants/:locationId/orders',
    {
      config: { access: { locationParam: 'locationId', roles: STAFF_ROLES } },
      schema: {
        tags,
        security,
        summary: "A location's orders, newest first, filtered by status and time",
        params: LocationParams,
        querystring: OrderListQuery,
        response: { 200: OrderPage },
      },
    },
    async (request) => listLocationOrders(context.db, request.params.locationId, request.query),
  );

  app.get(
    '/api/v1/businesses/:businessId/orders',
    {
      config: { access: { businessParam: 'businessId', roles: STAFF_ROLES } },
      schema: {
        tags,
        security,
        summary: "A business's orders across its locations, newest first: filters, search, cursor paging",
        description:
          'Staff whose membership lists locations see those locations only; naming another location is ' +
          'refused with 403 forbidden.',
        params: BusinessParams,
        querystring: BusinessOrderListQuery,
        response: { 200: OrderPage },
      },
    },
    async (request) =>
      listBusinessOrders(context.db, requirePrincipal(request), request.params.businessId, request.query),
  );

  app.get(
    '/api/v1/users/:userId/orders',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        security,
        summary: "A customer's own orders at every restaurant, newest first, filtered by status and time",
        params: CustomerParams,
        querystring: OrderListQuery,
        response: { 200: OrderPage },
      },
    },
    async (request) =>
      listCustomerOrders(context.db, requirePrincipal(request), request.params.userId, request.query),
  );

  app.get(
    '/api/v1/orders/:orderId/actions',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        security,
        summary: 'What the caller may do with the order now: status moves and whether to offer a refund',
        params: OrderParams,
        response: { 200: OrderActions },
      },
    },
    async (request) => orderActions(context.db, requirePrincipal(request), request.params.orderId),
  );

  app.get(
    '/api/v1/orders/:orderId',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        security,
        summary: 'One order (its customer, or staff of its business)',
        params: OrderParams,
        response: { 200: OrderView },
      },
    },
    async (request) => getOrder(context.db, requirePrincipal(request), request.params.orderId),
  );

  app.post(
    '/api/v1/orders/:orderId/status',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        security,
        summary: 'Move the order along its lifecycle (who may make which move: docs/order-lifecycle.md)',
        params: OrderParams,
        body: StatusChangeBody,
        response: { 200: OrderView },
      },
    },
    async (request) =>
      changeOrderStatus(
        deps,
        requirePrincipal(request),
        request.params.orderId,
        request.body.status,
        request.body.reason,
      ),
  );

  app.post(
    '/api/v1/orders/:orderId/cancel',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        security,
        summary: 'Cancel the order; anything captured is refunded in full',
        params: OrderParams,
        body: CancelBody,
        response: { 200: OrderView },
      },
    },
    async (request) =>
      cancelOrder(deps, requirePrincipal(request), request.params.orderId, request.body.reason),
  );

  app.post(
    '/api/v1/orders/:orderId/refunds',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        security,
        summary: 'Refund all or part of what was captured (owners and managers)',
        params: OrderParams,
        headers: IdempotencyHeaders,
        body: RefundBody,
        response: { 201: OrderView },
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await refundOrder(deps, requirePrincipal(request), request.params.orderId, {
          amountMinor: request.body.amountMinor,
          reason: request.body.reason,
          idempotencyKey: request.headers['idempotency-key'],
        }),
      ),
  );

  app.post(
    '/api/v1/orders/:orderId/feedback',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        security,
        summary: 'Rate a received order (its customer, once)',
        params: OrderParams,
        body: FeedbackBody,
        response: { 201: FeedbackView },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await submitFeedback(context.db, requirePrincipal(request), request.params.orderId, request.body),
        ),
  );

  app.get(
    '/api/v1/orders/:orderId/events',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        security,
        summary: "The order's timeline: its events in order",
        params: OrderParams,
        response: { 200: Type.Object({ events: Type.Array(OrderEvent) }) },
      },
    },
    async (request) => ({
      events: await orderTimeline(context.db, requirePrincipal(request), request.params.orderId),
    }),
  );
}

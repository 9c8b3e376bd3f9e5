import { AppError } from '../../errors/app-error.js';
import { OrderParams, Problem } from '../../schemas/common.js';
import { AddItemsBody, AddItemsHeaders, AdditionResult } from '../../schemas/order-items.js';
import { addItems } from '../../services/orders/add-items.js';
import { requirePrincipal } from '../access.js';
import type { AppContext } from '../app.js';
import type { BrigadeApp } from '../brigade-app.js';
import { idempotentStatus } from '../idempotent-reply.js';

export function orderItemsRoutes(app: BrigadeApp, context: AppContext): void {
  const deps = { db: context.db, gateway: context.gateway, now: context.now };

  app.post(
    '/api/v1/orders/:orderId/items',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['orders'],
        security: [{ bearer: [] }],
        summary: 'Add items to a confirmed, preparing or ready order and charge the difference',
        description:
          "The order's customer, or its cashier, manager or owner. The added lines are priced on the server " +
          '(list price, modifiers, tax on the added subtotal) and charged at once with `payment`; the kitchen ' +
          'makes them as a new ticket. A declined payment answers 402 payment_declined and adds nothing. ' +
          'The Idempotency-Key header is required: the same key and body return the first answer (200), ' +
          'the same key with another body 409 idempotency_key_reused.',
        params: OrderParams,
        headers: AddItemsHeaders,
        body: AddItemsBody,
        response: { 200: AdditionResult, 201: AdditionResult, 402: Problem },
      },
    },
    async (request, reply) => {
      const { result, replayed } = await addItems(
        deps,
        requirePrincipal(request),
        request.params.orderId,
        request.body,
        request.headers['idempotency-key'],
      );
      const status = idempotentStatus(reply, replayed);
      if (result.status === 'declined') {
        throw new AppError('payment_declined', `Payment declined: ${result.declineReason ?? 'declined'}`, {
          extra: {
            orderId: result.order.id,
            additionId: result.additionId,
            declineCode: result.declineCode,
            order: result.order,
          },
        });
      }
      if (result.status === 'voided') {
        throw new AppError(
          'order_items_not_allowed',
          `The order became ${result.order.status} while the items were being paid for; the charge is refunded`,
        );
      }
      return reply.status(status).send(result);
    },
  );
}

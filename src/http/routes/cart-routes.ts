import type { FastifyRequest } from 'fastify';
import { AppError } from '../../errors/app-error.js';
import { CartLineBody, CartLineParams, CartLinePatch, CartParams, CartView } from '../../schemas/carts.js';
import { CartService } from '../../services/carts/cart-service.js';
import { requirePrincipal } from '../access.js';
import type { AppContext } from '../app.js';
import type { BrigadeApp } from '../brigade-app.js';

/** A cart belongs to its user: only they (or a platform admin) can see or change it. */
function ownCart(request: FastifyRequest, userId: string): void {
  const principal = requirePrincipal(request);
  if (principal.userId !== userId && principal.platformRole !== 'platform_admin') {
    throw new AppError('forbidden', 'This is not your cart');
  }
}

export function cartRoutes(app: BrigadeApp, context: AppContext): void {
  const carts = new CartService(context.db, context.now);
  const base = '/api/v1/users/:userId/restaurants/:locationId/cart';
  const common = { tags: ['cart'], security: [{ bearer: [] }] };

  app.get(
    base,
    {
      config: { access: 'authenticated' },
      schema: {
        ...common,
        summary: 'The cart with fresh prices',
        params: CartParams,
        response: { 200: CartView },
      },
    },
    async (request) => {
      ownCart(request, request.params.userId);
      return carts.view(request.params.userId, request.params.locationId);
    },
  );

  app.post(
    `${base}/lines`,
    {
      config: { access: 'authenticated' },
      schema: {
        ...common,
        summary: 'Add a line',
        params: CartParams,
        body: CartLineBody,
        response: { 201: CartView },
      },
    },
    async (request, reply) => {
      ownCart(request, request.params.userId);
      return reply
        .status(201)
        .send(await carts.addLine(request.params.userId, request.params.locationId, request.body));
    },
  );

  app.patch(
    `${base}/lines/:lineId`,
    {
      config: { access: 'authenticated' },
      schema: {
        ...common,
        summary: 'Change a line (quantity, modifiers, notes)',
        params: CartLineParams,
        body: CartLinePatch,
        response: { 200: CartView },
      },
    },
    async (request) => {
      ownCart(request, request.params.userId);
      return carts.updateLine(
        request.params.userId,
        request.params.locationId,
        request.params.lineId,
        request.body,
      );
    },
  );

  app.delete(
    `${base}/lines/:lineId`,
    {
      config: { access: 'authenticated' },
      schema: { ...common, summary: 'Remove a line', params: CartLineParams, response: { 200: CartView } },
    },
    async (request) => {
      ownCart(request, request.params.userId);
      return carts.removeLine(request.params.userId, request.params.locationId, request.params.lineId);
    },
  );

  app.delete(
    base,
    {
      config: { access: 'authenticated' },
      schema: { ...common, summary: 'Empty the cart', params: CartParams, response: { 200: CartView } },
    },
    async (request) => {
      ownCart(request, request.params.userId);
      return carts.clear(request.params.userId, request.params.locationId);
    },
  );
}

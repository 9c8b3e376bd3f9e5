import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { TestApp } from './app.js';

export type ServiceType = 'takeout' | 'delivery' | 'dine_in';

export interface OrderLine {
  itemId: string;
  quantity: number;
  modifiers?: string[];
  notes?: string;
}

/** An address inside the seeded Toronto location's delivery area, for tests that only need "a delivery". */
export const SAMPLE_DELIVERY = { address: { line1: '1 Main', city: 'Toronto' }, lat: 43.7, lon: -79.4 };

export interface OrderRequest {
  locationId: string;
  token: string;
  items: OrderLine[];
  /** Defaults to takeout, the service type with no extra fields. */
  serviceType?: ServiceType;
  tableNumber?: string;
  /** Defaults to SAMPLE_DELIVERY on delivery orders, so callers only name an address when it matters. */
  delivery?: unknown;
  /** Defaults to a credit card the simulated gateway approves. */
  payment?: { method: string; cardNumber?: string };
  headers?: Record<string, string>;
}

/** The fields of an order the tests read back; the API returns more. */
export interface PlacedOrder {
  id: string;
  status: string;
  totals: { totalMinor: number };
}

/**
 * Sends a well-formed order placement and returns the raw answer, for tests that look at failures
 * (crashes, closed kitchens). Tests of malformed bodies build their own requests on purpose.
 */
export function postOrder(t: TestApp, request: OrderRequest): Promise<LightMyRequestResponse> {
  const serviceType = request.serviceType ?? 'takeout';
  return t.request({
    method: 'POST',
    url: `/api/v1/restaurants/${request.locationId}/orders`,
    token: request.token,
    body: {
      serviceType,
      ...(request.tableNumber ? { tableNumber: request.tableNumber } : {}),
      items: request.items,
      ...(serviceType === 'delivery' ? { delivery: request.delivery ?? SAMPLE_DELIVERY } : {}),
      payment: request.payment ?? { method: 'credit_card' },
    },
    ...(request.headers ? { headers: request.headers } : {}),
  });
}

/**
 * Places an order, asserts the status (201 unless told), and returns the order. A declined payment
 * (402) answers with the order under `order`, which is returned the same way.
 */
export async function placeOrder(
  t: TestApp,
  request: OrderRequest & { expectStatus?: number },
): Promise<PlacedOrder> {
  const response = await postOrder(t, request);
  expect(response.statusCode, response.body).toBe(request.expectStatus ?? 201);
  const body = response.json();
  return (response.statusCode === 402 ? body.order : body) as PlacedOrder;
}

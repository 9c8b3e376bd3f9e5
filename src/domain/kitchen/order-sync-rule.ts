import type { OrderStatus, ServiceType } from '../orders/order-status.js';
import type { TicketStatus } from './ticket-status.js';

/**
 * The order statuses the kitchen's progress asks for, in the order to take them, given where the order
 * is and the statuses of all its tickets. Each step is still put to the order lifecycle
 * (decideTransition) by the caller, which stops at the first refusal; this rule only says what the
 * kitchen has earned:
 * - a ticket started (preparing or further) while the order is confirmed → preparing;
 * - every ticket ready, served or cancelled, at least one of them ready or served → ready;
 * - every ticket served or cancelled, at least one served → the hand-over step of the service type:
 *   dine-in → completed (served at the table), takeout → picked_up (handed over at the counter; the
 *   counter closes it). Delivery has none: food handed to a driver moves on with the driver's pickup.
 */
export function kitchenOrderSteps(
  orderStatus: OrderStatus,
  serviceType: ServiceType,
  tickets: readonly TicketStatus[],
): OrderStatus[] {
  const steps: OrderStatus[] = [];
  let status = orderStatus;
  const started = tickets.some((t) => t === 'preparing' || t === 'ready' || t === 'served');
  const allReady =
    tickets.length > 0 &&
    tickets.every((t) => t === 'ready' || t === 'served' || t === 'cancelled') &&
    tickets.some((t) => t === 'ready' || t === 'served');
  const allServed =
    tickets.length > 0 &&
    tickets.every((t) => t === 'served' || t === 'cancelled') &&
    tickets.includes('served');
  if (status === 'confirmed' && started) {
    steps.push('preparing');
    status = 'preparing';
  }
  if (status === 'preparing' && allReady) {
    steps.push('ready');
    status = 'ready';
  }
  if (status === 'ready' && allServed) {
    if (serviceType === 'dine_in') steps.push('completed');
    if (serviceType === 'takeout') steps.push('picked_up');
  }
  return steps;
}

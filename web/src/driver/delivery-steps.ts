import type { Delivery } from './driver-types.js';

/** A one-tap move of a delivery: the button's words and the API path under /orders/{id}/delivery/. */
export interface DeliveryStep {
  label: string;
  path: 'claim' | 'arrived' | 'picked-up' | 'delivered';
}

/**
 * The next step the API allows (docs/delivery.md: assigned → arrived → picked_up → delivered, never
 * skipped): a claim for an order with no live attempt, else the phase after the current one. Finished
 * attempts have none.
 */
export function nextStep(delivery: Pick<Delivery, 'status'>): DeliveryStep | null {
  switch (delivery.status) {
    case 'unassigned':
    case 'failed':
      return { label: 'Claim', path: 'claim' };
    case 'assigned':
      return { label: 'Arrived at restaurant', path: 'arrived' };
    case 'arrived':
      return { label: 'Picked up', path: 'picked-up' };
    case 'picked_up':
      return { label: 'Delivered', path: 'delivered' };
    case 'delivered':
      return null;
  }
}

/** Whether the attempt is live: the driver may still report it failed. */
export const isLive = (delivery: Pick<Delivery, 'status'>): boolean =>
  delivery.status === 'assigned' || delivery.status === 'arrived' || delivery.status === 'picked_up';

const PHASE: Record<Delivery['status'], string> = {
  unassigned: 'Waiting for a driver',
  assigned: 'Heading to the restaurant',
  arrived: 'At the restaurant',
  picked_up: 'On the way to the customer',
  delivered: 'Delivered',
  failed: 'Failed',
};

export const phaseLabel = (status: Delivery['status']): string => PHASE[status];

/** An address as the API stores it (line1, line2, city, region, postalCode), on one line. */
export function formatAddress(address: Record<string, unknown>): string {
  const text = (key: string) => {
    const value = address[key];
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
  };
  const cityLine = [text('city'), text('region')].filter(Boolean).join(', ');
  return [text('line1'), text('line2'), [cityLine, text('postalCode')].filter(Boolean).join(' ')]
    .filter(Boolean)
    .join(', ');
}

/** The customer's note for the driver (buzzer, door), when the address carries one. */
export function addressInstructions(address: Record<string, unknown>): string | null {
  const value = address.instructions;
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

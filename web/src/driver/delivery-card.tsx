import { formatDuration, formatTime } from '../app/format.js';
import { mapUrl } from '../app/map-url.js';
import { orderNumber } from '../orders/order-labels.js';
import {
  addressInstructions,
  type DeliveryStep,
  formatAddress,
  isLive,
  nextStep,
  phaseLabel,
} from './delivery-steps.js';
import type { Delivery } from './driver-types.js';

export interface DeliveryCardProps {
  delivery: Delivery;
  now: number;
  busy: boolean;
  /** What the last tap on this card was refused with, if it was. */
  notice: string | null;
  onStep?: (delivery: Delivery, step: DeliveryStep) => void;
  onFail?: (delivery: Delivery) => void;
}

/**
 * One delivery: where to collect it, where it goes, how long the customer has waited, the phase, and the
 * one tap that moves it on (plus reporting a failed attempt while it is live).
 */
export function DeliveryCard({ delivery, now, busy, notice, onStep, onFail }: DeliveryCardProps) {
  const step = onStep ? nextStep(delivery) : null;
  const number = orderNumber(delivery.orderId);
  const headingId = `delivery-${delivery.orderId}`;
  const instructions = addressInstructions(delivery.destination.address);
  const finishedAt = delivery.deliveredAt ?? delivery.failedAt;
  const waiting = (now - Date.parse(delivery.placedAt)) / 1000;
  const foodNotReady = delivery.status === 'arrived' && delivery.orderStatus !== 'ready';
  return (
    <article
      class={`delivery-card phase-${delivery.status}`}
      aria-labelledby={headingId}
      data-order-id={delivery.orderId}
    >
      <header class="delivery-head">
        <h3 id={headingId}>
          Order {number}
          <span class="badge">{phaseLabel(delivery.status)}</span>
        </h3>
        {finishedAt ? (
          <span class="muted small">{formatTime(finishedAt)}</span>
        ) : (
          <span class="delivery-age" title="Since the customer ordered">
            {formatDuration(waiting)}
          </span>
        )}
      </header>
      <dl class="delivery-places">
        <dt>Pick up at</dt>
        <dd>
          <strong>{delivery.restaurant.name}</strong>
          <br />
          {formatAddress(delivery.restaurant.address)}
        </dd>
        <dt>Deliver to</dt>
        <dd>
          {formatAddress(delivery.destination.address) || 'No address given'}
          {instructions && <p class="note">Note: {instructions}</p>}
          <a
            class="directions"
            href={mapUrl(delivery.destination.lat, delivery.destination.lon, 17)}
            target="_blank"
            rel="noopener noreferrer"
          >
            Map<span class="visually-hidden"> of the address for order {number} (opens a new tab)</span>
          </a>
        </dd>
        <dt>Order</dt>
        <dd>
          <span class="badge" data-testid="order-status">
            {delivery.orderStatus.replaceAll('_', ' ')}
          </span>
          {delivery.eta && (
            <span class="muted">
              {' '}
              · {(delivery.eta.distanceMeters / 1000).toFixed(1)} km, about{' '}
              {Math.ceil(delivery.eta.seconds / 60)} min
            </span>
          )}
        </dd>
        {delivery.failureReason && (
          <>
            <dt>Failed</dt>
            <dd>{delivery.failureReason}</dd>
          </>
        )}
      </dl>
      {foodNotReady && <p class="muted small">The kitchen has not marked the food ready yet.</p>}
      {notice && (
        <p class="notice" role="alert">
          {notice}
        </p>
      )}
      {(step || (onFail && isLive(delivery))) && (
        <div class="delivery-actions">
          {step && (
            <button
              type="button"
              class="primary step"
              disabled={busy}
              onClick={() => onStep?.(delivery, step)}
              aria-label={`${step.label}: order ${number}`}
            >
              {step.label}
            </button>
          )}
          {onFail && isLive(delivery) && (
            <button type="button" class="ghost" disabled={busy} onClick={() => onFail(delivery)}>
              Report a problem<span class="visually-hidden"> with order {number}</span>
            </button>
          )}
        </div>
      )}
    </article>
  );
}

import { formatTime } from '../app/format.js';
import { mapUrl } from '../app/map-url.js';
import { isLive, phaseLabel } from '../driver/delivery-steps.js';
import type { Delivery } from '../driver/driver-types.js';

/**
 * Where a delivery order is (`GET /orders/{id}/delivery`, re-read live with the order): the phase,
 * the driver, their last reported position with a map link, and the ETA while it is on its way.
 */
export function DeliveryTracking({ delivery }: { delivery: Delivery }) {
  const position = delivery.lastPosition;
  const live = isLive(delivery);
  return (
    <dl class="delivery-tracking" data-testid="delivery-tracking">
      <dt>Status</dt>
      <dd data-testid="delivery-phase">{phaseLabel(delivery.status)}</dd>
      {delivery.driver && (
        <>
          <dt>Driver</dt>
          <dd>{delivery.driver.name}</dd>
        </>
      )}
      {live && position && (
        <>
          <dt>Driver's position</dt>
          <dd data-testid="driver-position">
            <a href={mapUrl(position.lat, position.lon, 16)} target="_blank" rel="noreferrer">
              {position.lat.toFixed(5)}, {position.lon.toFixed(5)}
            </a>{' '}
            <span class="muted small">at {formatTime(position.recordedAt)}</span>
          </dd>
        </>
      )}
      {live && delivery.eta && (
        <>
          <dt>Arrives</dt>
          <dd data-testid="delivery-eta">
            about {formatTime(delivery.eta.arriveAt)}{' '}
            <span class="muted small">
              ({(delivery.eta.distanceMeters / 1000).toFixed(1)} km from the{' '}
              {delivery.eta.from === 'driver' ? 'driver' : 'restaurant'})
            </span>
          </dd>
        </>
      )}
      {delivery.status === 'delivered' && (
        <>
          <dt>Delivered at</dt>
          <dd>{formatTime(delivery.deliveredAt)}</dd>
        </>
      )}
      {delivery.status === 'failed' && delivery.failureReason && (
        <>
          <dt>Problem</dt>
          <dd>{delivery.failureReason}</dd>
        </>
      )}
    </dl>
  );
}

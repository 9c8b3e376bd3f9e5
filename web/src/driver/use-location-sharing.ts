import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api/api-client.js';
import { ApiProblem } from '../api/api-problem.js';

/**
 * A position goes out at most this often: the API announces the driver's position at most every 5 s
 * of device time anyway, and a phone on the move reports several fixes a second.
 */
const SEND_EVERY_MS = 15_000;

export type SharingState =
  | { status: 'off' }
  | { status: 'waiting' }
  | { status: 'sharing'; sentAt: number }
  | { status: 'failed'; message: string };

/**
 * While `on`, follows the device's position (the browser asks the driver's permission once) and sends
 * it as a GPS ping (`POST /orders/{id}/delivery/pings`) to each of the driver's live deliveries, at
 * most every SEND_EVERY_MS. Stops when turned off, when no delivery is live, or when the screen closes.
 */
export function useLocationSharing(orderIds: readonly string[], on: boolean): SharingState {
  const [state, setState] = useState<SharingState>({ status: 'off' });
  const lastSent = useRef(0);
  const orders = orderIds.join(' ');

  useEffect(() => {
    if (!on || !orders) {
      setState({ status: 'off' });
      return;
    }
    if (!('geolocation' in navigator)) {
      setState({ status: 'failed', message: 'This browser cannot tell where you are.' });
      return;
    }
    setState({ status: 'waiting' });
    lastSent.current = 0;
    const send = async (position: GeolocationPosition) => {
      const { latitude, longitude, heading, speed } = position.coords;
      const ping = {
        lat: latitude,
        lon: longitude,
        ...(heading !== null && Number.isFinite(heading) && heading < 360 ? { heading } : {}),
        ...(speed !== null && Number.isFinite(speed) && speed <= 100 ? { speedMps: speed } : {}),
        recordedAt: new Date(position.timestamp).toISOString(),
      };
      try {
        await Promise.all(
          orders
            .split(' ')
            .map((orderId) => api('POST', `/api/v1/orders/${orderId}/delivery/pings`, { pings: [ping] })),
        );
        setState({ status: 'sharing', sentAt: Date.now() });
      } catch (caught) {
        setState({
          status: 'failed',
          message: caught instanceof ApiProblem ? `${caught.message} (${caught.code})` : String(caught),
        });
      }
    };
    const watch = navigator.geolocation.watchPosition(
      (position) => {
        if (Date.now() - lastSent.current < SEND_EVERY_MS) return;
        lastSent.current = Date.now();
        void send(position);
      },
      (error) =>
        setState({
          status: 'failed',
          message:
            error.code === error.PERMISSION_DENIED
              ? 'Location is blocked for this site: allow it in the browser to share it.'
              : `Your position is not available (${error.message || 'no fix'}).`,
        }),
      { enableHighAccuracy: true, maximumAge: 10_000 },
    );
    return () => navigator.geolocation.clearWatch(watch);
  }, [orders, on]);

  return state;
}

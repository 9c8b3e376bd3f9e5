import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api/api-client.js';
import type { LiveSnapshot } from '../api/api-types.js';
import { type FeedState, openLiveFeed } from '../api/live-feed.js';

export interface LiveMetrics {
  snapshot: LiveSnapshot | undefined;
  error: unknown;
  state: FeedState;
  /** When the figures last changed on screen. */
  updatedAt: Date | undefined;
}

/**
 * Today's figures of a business: read once over REST, then pushed by the dashboard WebSocket
 * (`metrics.updated`, at most once a second; docs/live-metrics.md). `onOrderEvent` hears the business's
 * order events, for panels that reload from the lake.
 */
export function useLiveMetrics(businessId: string, onOrderEvent?: () => void): LiveMetrics {
  const [live, setLive] = useState<LiveMetrics>({
    snapshot: undefined,
    error: undefined,
    state: 'connecting',
    updatedAt: undefined,
  });
  const orderEvent = useRef(onOrderEvent);
  orderEvent.current = onOrderEvent;

  useEffect(() => {
    let active = true;
    let close: (() => void) | undefined;
    setLive({ snapshot: undefined, error: undefined, state: 'connecting', updatedAt: undefined });
    const read = () =>
      api<LiveSnapshot>('GET', `/api/v1/businesses/${businessId}/live-metrics`).then((snapshot) => {
        if (active)
          setLive((previous) => ({ ...previous, snapshot, error: undefined, updatedAt: new Date() }));
      });
    // REST first: the feed has the same access rules, and a browser hides a refused upgrade's 403.
    read().then(
      () => {
        if (!active) return;
        close = openLiveFeed({
          path: `/api/v1/ws/dashboard/${businessId}`,
          onState: (state) => setLive((previous) => ({ ...previous, state })),
          // The feed carries changes from now on: read the present again on every reconnection.
          onOpen: () => void read().catch(() => {}),
          onMessage: (message) => {
            if (message.event === 'metrics.updated') {
              setLive((previous) => ({
                ...previous,
                snapshot: message.data as LiveSnapshot,
                updatedAt: new Date(),
              }));
            } else if (message.event.startsWith('order.')) {
              orderEvent.current?.();
            }
          },
        });
      },
      (error: unknown) => {
        if (active) setLive((previous) => ({ ...previous, error, state: 'offline' }));
      },
    );
    return () => {
      active = false;
      close?.();
    };
  }, [businessId]);

  return live;
}

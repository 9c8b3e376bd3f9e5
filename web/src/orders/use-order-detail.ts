import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api/api-client.js';
import { type FeedState, openLiveFeed } from '../api/live-feed.js';
import type { Delivery } from '../driver/driver-types.js';
import type { Actions, Order, OrderEventView } from './orders-types.js';

const RELOAD_DEBOUNCE_MS = 250;

export interface OrderDetailData {
  order: Order;
  actions: Actions;
  events: OrderEventView[];
  /** A delivery order's delivery (phase, driver, last position, ETA); null for other orders. */
  delivery: Delivery | null;
}

export interface OrderDetail {
  data: OrderDetailData | undefined;
  error: unknown;
  feed: FeedState;
  reload: () => Promise<void>;
}

/**
 * One order as the board shows it: the order, what the signed-in user may do with it, its timeline
 * and, for a delivery order, its delivery — read together and again whenever the order's own feed
 * (`/api/v1/ws/orders/{id}`, open to its customer and staff of its business) reports an event; a
 * driver's GPS ping re-reads the delivery alone.
 */
export function useOrderDetail(orderId: string): OrderDetail {
  const [data, setData] = useState<OrderDetailData | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [feed, setFeed] = useState<FeedState>('connecting');
  const generation = useRef(0);

  const read = useCallback(async (): Promise<boolean> => {
    generation.current += 1;
    const mine = generation.current;
    const path = `/api/v1/orders/${orderId}`;
    try {
      const [order, actions, timeline] = await Promise.all([
        api<Order>('GET', path),
        api<Actions>('GET', `${path}/actions`),
        api<{ events: OrderEventView[] }>('GET', `${path}/events`),
      ]);
      const delivery =
        order.serviceType === 'delivery' ? await api<Delivery>('GET', `${path}/delivery`) : null;
      if (mine === generation.current) {
        setData({ order, actions, events: timeline.events, delivery });
        setError(undefined);
      }
      return true;
    } catch (caught) {
      if (mine === generation.current) setError(caught);
      return false;
    }
  }, [orderId]);

  /**
   * A GPS ping moves only the driver's position and ETA: the delivery alone is read again. A whole
   * read started meanwhile supersedes it, so an older delivery never replaces a newer one.
   */
  const readDelivery = useCallback(async (): Promise<void> => {
    const mine = generation.current;
    try {
      const delivery = await api<Delivery>('GET', `/api/v1/orders/${orderId}/delivery`);
      if (mine === generation.current) setData((previous) => previous && { ...previous, delivery });
    } catch {
      // The next event's whole read shows what is wrong.
    }
  }, [orderId]);

  useEffect(() => {
    setData(undefined);
    setError(undefined);
    let active = true;
    let timer: number | undefined;
    let close: (() => void) | undefined;
    const readSoon = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => void read(), RELOAD_DEBOUNCE_MS);
    };
    void read().then((allowed) => {
      if (!allowed || !active) return;
      close = openLiveFeed({
        path: `/api/v1/ws/orders/${orderId}`,
        onState: setFeed,
        onOpen: readSoon,
        onMessage: (message) => {
          if (message.event === 'delivery.location_updated') void readDelivery();
          // Bus events (order.*, payment.*, kitchen.*, delivery.*); server messages such as pong have no dot.
          else if (message.event.includes('.')) readSoon();
        },
      });
    });
    return () => {
      active = false;
      window.clearTimeout(timer);
      close?.();
    };
  }, [orderId, read, readDelivery]);

  return {
    data,
    error,
    feed,
    reload: async () => {
      await read();
    },
  };
}

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
 * (`/api/v1/ws/orders/{id}`, open to its customer and staff of its business) reports an event, the
 * driver's GPS pings included.
 */
export function useOrderDetail(orderId: string): OrderDetail {
  const [data, setData] = useState<OrderDetailData | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [feed, setFeed] = useState<FeedState>('connecting');
  const generation = useRef(0);
  const deliveryOrder = useRef(false);

  const read = useCallback(async (): Promise<boolean> => {
    generation.current += 1;
    const mine = generation.current;
    const path = `/api/v1/orders/${orderId}`;
    try {
      // Whether it is a delivery order is known from the first read on: later reads ask for it at once.
      const knownDelivery = deliveryOrder.current;
      const [order, actions, timeline, known] = await Promise.all([
        api<Order>('GET', path),
        api<Actions>('GET', `${path}/actions`),
        api<{ events: OrderEventView[] }>('GET', `${path}/events`),
        knownDelivery ? api<Delivery>('GET', `${path}/delivery`) : null,
      ]);
      deliveryOrder.current = order.serviceType === 'delivery';
      const delivery =
        known ?? (deliveryOrder.current ? await api<Delivery>('GET', `${path}/delivery`) : null);
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

  useEffect(() => {
    setData(undefined);
    setError(undefined);
    deliveryOrder.current = false;
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
          // Bus events (order.*, payment.*, kitchen.*, delivery.*); server messages such as pong have no dot.
          if (message.event.includes('.')) readSoon();
        },
      });
    });
    return () => {
      active = false;
      window.clearTimeout(timer);
      close?.();
    };
  }, [orderId, read]);

  return {
    data,
    error,
    feed,
    reload: async () => {
      await read();
    },
  };
}

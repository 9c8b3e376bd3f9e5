import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api/api-client.js';
import { type FeedState, openLiveFeed } from '../api/live-feed.js';
import { everyWhileVisible } from '../app/every-while-visible.js';
import type { Order, Orders } from './orders-types.js';

export const PAGE_SIZE = 25;
/** The API's largest page: a live re-read covers the rows on screen, up to this many. */
const MAX_PAGE = 200;
/** Several events arrive per change (status, kitchen, payment): one re-read after they settle. */
const RELOAD_DEBOUNCE_MS = 300;
/** Roles with no feed carrying their business's order events re-read the list this often (tab visible). */
export const POLL_MS = 10_000;

/** How the list keeps up: a WebSocket feed's state, or a periodic re-read where no feed fits. */
export type Freshness = FeedState | 'polling';

export interface OrderList {
  orders: Order[] | undefined;
  nextCursor: string | null;
  error: unknown;
  moreError: unknown;
  loadingMore: boolean;
  freshness: Freshness;
  loadMore: () => void;
  refresh: () => void;
}

/**
 * The business's orders matching `filters` (a query string from the screen's URL), newest first:
 * one page at first, more on request, and re-read — as many rows as are on screen — when the feed
 * reports an order, payment or refund event, or every POLL_MS without a feed.
 */
export function useOrderList(businessId: string, filters: string, feedPath: string | null): OrderList {
  const [orders, setOrders] = useState<Order[] | undefined>(undefined);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(undefined);
  const [moreError, setMoreError] = useState<unknown>(undefined);
  const [loadingMore, setLoadingMore] = useState(false);
  const [freshness, setFreshness] = useState<Freshness>(feedPath ? 'connecting' : 'polling');
  const shown = useRef(0);
  // A re-read that started after another supersedes it: only the newest answer is shown.
  const generation = useRef(0);
  const base = `/api/v1/businesses/${businessId}/orders${filters}${filters ? '&' : '?'}`;

  const read = useCallback(async (): Promise<boolean> => {
    generation.current += 1;
    const mine = generation.current;
    const limit = Math.min(MAX_PAGE, Math.max(PAGE_SIZE, shown.current));
    try {
      const page = await api<Orders>('GET', `${base}limit=${limit}`);
      if (mine !== generation.current) return true;
      shown.current = page.orders.length;
      setOrders(page.orders);
      setNextCursor(page.nextCursor);
      setError(undefined);
      return true;
    } catch (caught) {
      if (mine === generation.current) setError(caught);
      return false;
    }
  }, [base]);

  useEffect(() => {
    shown.current = 0;
    setOrders(undefined);
    setNextCursor(null);
    setMoreError(undefined);
    let active = true;
    let timer: number | undefined;
    let stopPolling: (() => void) | undefined;
    let close: (() => void) | undefined;
    const readSoon = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => void read(), RELOAD_DEBOUNCE_MS);
    };
    // REST first: the feed has the same access rules, and a browser hides a refused upgrade's 403.
    void read().then((allowed) => {
      if (!allowed || !active) return;
      if (!feedPath) {
        setFreshness('polling');
        stopPolling = everyWhileVisible(() => void read(), POLL_MS);
        return;
      }
      close = openLiveFeed({
        path: feedPath,
        onState: setFreshness,
        // The feed carries what happens next: read the list again on every reconnection.
        onOpen: readSoon,
        onMessage: (message) => {
          if (/^(order|payment|refund)\./.test(message.event)) readSoon();
        },
      });
    });
    return () => {
      active = false;
      window.clearTimeout(timer);
      stopPolling?.();
      close?.();
    };
  }, [read, feedPath]);

  const loadMore = () => {
    if (!nextCursor || loadingMore) return;
    setLoadingMore(true);
    setMoreError(undefined);
    const mine = generation.current;
    api<Orders>('GET', `${base}limit=${PAGE_SIZE}&cursor=${encodeURIComponent(nextCursor)}`).then(
      (page) => {
        setLoadingMore(false);
        if (mine !== generation.current) return;
        setOrders((previous) => {
          const known = new Set(previous?.map((order) => order.id));
          const merged = [...(previous ?? []), ...page.orders.filter((order) => !known.has(order.id))];
          shown.current = merged.length;
          return merged;
        });
        setNextCursor(page.nextCursor);
      },
      (caught: unknown) => {
        setLoadingMore(false);
        setMoreError(caught);
      },
    );
  };

  return {
    orders,
    nextCursor,
    error,
    moreError,
    loadingMore,
    freshness,
    loadMore,
    refresh: () => void read(),
  };
}

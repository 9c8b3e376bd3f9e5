import './orders.css';
import { listAll } from '../api/admin-lists.js';
import { query } from '../api/api-client.js';
import type { Location } from '../api/api-types.js';
import { ProblemView } from '../app/problem-view.js';
import { matchPath, navigate, type Place } from '../app/router.js';
import { useResource } from '../app/use-resource.js';
import { useSession } from '../app/use-session.js';
import { OrderDetail } from './order-detail.js';
import { coveredLocations, orderListFeed } from './order-feed.js';
import { type FilterValues, OrderFilters } from './order-filters.js';
import { OrdersTable } from './orders-table.js';
import { placedBetween } from './placed-between.js';
import { POLL_MS, useOrderList } from './use-order-list.js';

/**
 * The orders board of a business: every order its user may see, newest first and live, filtered by
 * location, status, service type and the days they were placed and searched by number or customer (all
 * in the URL, so a view can be bookmarked), with one order's detail and staff actions beside the list (on a phone, instead of it).
 */
export function OrdersScreen({ businessId, place }: { businessId: string; place: Place }) {
  const user = useSession()?.user;
  const orderId = matchPath('/orders/:businessId/:orderId', place.path)?.orderId;
  const values: FilterValues = {
    location: place.params.get('location') ?? '',
    status: place.params.get('status') ?? '',
    service: place.params.get('service') ?? '',
    from: place.params.get('from') ?? '',
    to: place.params.get('to') ?? '',
    q: place.params.get('q') ?? '',
  };
  const filters = query({
    location_id: values.location || undefined,
    status: values.status || undefined,
    service_type: values.service || undefined,
    ...placedBetween(values),
    q: values.q || undefined,
  });
  const feedPath = user ? orderListFeed(user, businessId, values.location) : null;
  const list = useOrderList(businessId, filters, feedPath);
  const locations = useResource(() => listAll<Location>(businessId, 'locations'), businessId);
  const covered = user ? coveredLocations(user, businessId) : null;
  const choices = (locations.data ?? []).filter((one) => !covered || covered.includes(one.id));
  const names = new Map(locations.data?.map((one) => [one.id, one.name]));
  const locationName = (id: string) => names.get(id) ?? `Location ${id.slice(0, 6)}`;

  const search = place.params.toString();
  const listHref = `/orders/${businessId}${search ? `?${search}` : ''}`;
  const hrefOf = (id: string) => `/orders/${businessId}/${id}${search ? `?${search}` : ''}`;
  const setFilter = (key: keyof FilterValues, value: string) => {
    const params = new URLSearchParams(place.params);
    if (value) params.set(key, value);
    else params.delete(key);
    const next = params.toString();
    navigate(`${place.path}${next ? `?${next}` : ''}`, { replace: true });
  };
  const filtered = Object.values(values).some(Boolean);

  if (list.error !== undefined && !list.orders) {
    return (
      <section class="screen">
        <h1>Orders</h1>
        <ProblemView error={list.error} what="see this business's orders" />
      </section>
    );
  }

  return (
    <section class={`screen orders-board${orderId ? ' has-detail' : ''}`} aria-labelledby="orders-title">
      <div class="screen-head">
        <h1 id="orders-title">Orders</h1>
        <div class="toolbar">
          <span
            class={`feed-state ${list.freshness === 'polling' ? 'live' : list.freshness}`}
            data-testid="feed-state"
          >
            <span class="dot" aria-hidden="true" />
            {list.freshness === 'live'
              ? 'Live'
              : list.freshness === 'polling'
                ? `Refreshed every ${POLL_MS / 1000} s`
                : list.freshness === 'connecting'
                  ? 'Connecting…'
                  : 'Reconnecting…'}
          </span>
          <button type="button" class="ghost" onClick={list.refresh}>
            Refresh
          </button>
        </div>
      </div>
      <OrderFilters values={values} locations={choices} onChange={setFilter} />
      <div class="orders-layout">
        <div class="orders-list-pane">
          <p class="muted small" aria-live="polite" data-testid="orders-count">
            {list.orders
              ? `${list.orders.length}${list.nextCursor ? '+' : ''} order${list.orders.length === 1 ? '' : 's'}${filtered ? ' matching' : ''}`
              : 'Loading…'}
          </p>
          {list.error !== undefined && <ProblemView error={list.error} what="see these orders" />}
          {list.orders && list.orders.length === 0 ? (
            <p class="empty">
              {filtered
                ? 'No orders match these filters.'
                : 'No orders yet. New orders appear here as they are placed.'}
            </p>
          ) : list.orders ? (
            <OrdersTable
              orders={list.orders}
              selectedId={orderId}
              hrefOf={hrefOf}
              locationName={locationName}
            />
          ) : null}
          {list.moreError !== undefined && <ProblemView error={list.moreError} what="more orders" />}
          {list.nextCursor && (
            <button type="button" class="load-more" disabled={list.loadingMore} onClick={list.loadMore}>
              {list.loadingMore ? 'Loading…' : 'Load more'}
            </button>
          )}
        </div>
        {orderId && (
          <OrderDetail
            key={orderId}
            orderId={orderId}
            locationName={locationName}
            backHref={listHref}
            onChanged={list.refresh}
          />
        )}
      </div>
    </section>
  );
}

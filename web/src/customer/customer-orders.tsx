import { api } from '../api/api-client.js';
import { formatMoney } from '../app/format.js';
import { ProblemView } from '../app/problem-view.js';
import { Link } from '../app/router.js';
import { useResource } from '../app/use-resource.js';
import { formatWhen, orderNumber, STATUS_LABEL } from '../orders/order-labels.js';
import type { Orders } from '../orders/orders-types.js';
import type { Restaurant } from './customer-types.js';

/** Orders shown on the start page: the latest ones; each opens its live page. */
const SHOWN = 10;

async function loadOrders(userId: string) {
  const [orders, list] = await Promise.all([
    api<Orders>('GET', `/api/v1/users/${userId}/orders?limit=${SHOWN}`),
    api<{ restaurants: Restaurant[] }>('GET', '/api/v1/restaurants?limit=200'),
  ]);
  return { orders: orders.orders, names: new Map(list.restaurants.map((one) => [one.id, one.name])) };
}

/** A customer's latest orders (`GET /users/{id}/orders`), newest first, each linking to its page. */
export function CustomerOrders({ userId }: { userId: string }) {
  const mine = useResource(() => loadOrders(userId), userId);
  if (mine.error) return <ProblemView error={mine.error} what="list your orders" />;
  if (!mine.data) return <p class="muted">Loading your orders…</p>;
  const { orders, names } = mine.data;
  if (orders.length === 0) return <p class="muted">No orders yet: choose a restaurant below.</p>;
  return (
    <ul class="customer-orders" aria-label="Your orders" data-testid="customer-orders">
      {orders.map((order) => (
        <li key={order.id}>
          <Link href={`/my-orders/${order.id}`}>
            {orderNumber(order.id)} · {names.get(order.locationId) ?? 'a restaurant'}
          </Link>{' '}
          <strong data-testid="customer-order-status">{STATUS_LABEL[order.status]}</strong>{' '}
          <span class="muted small">
            {formatMoney(order.totals.totalMinor, order.totals.currency)} · {formatWhen(order.placedAt)}
          </span>
        </li>
      ))}
    </ul>
  );
}

import { useState } from 'preact/hooks';
import { api, query } from '../api/api-client.js';
import { formatMoney } from '../app/format.js';
import { ProblemView } from '../app/problem-view.js';
import { Link } from '../app/router.js';
import { useResource } from '../app/use-resource.js';
import { formatWhen, orderNumber, STATUS_LABEL } from '../orders/order-labels.js';
import type { Order, Orders } from '../orders/orders-types.js';
import type { Restaurant } from './customer-types.js';

/** Orders shown on the start page at first, and added by each Show older orders. */
const PAGE = 10;

const ordersPage = (userId: string, cursor?: string) =>
  api<Orders>('GET', `/api/v1/users/${userId}/orders${query({ limit: PAGE, cursor })}`);

async function loadOrders(userId: string) {
  const [orders, list] = await Promise.all([
    ordersPage(userId),
    api<{ restaurants: Restaurant[] }>('GET', '/api/v1/restaurants?limit=200'),
  ]);
  return { first: orders, names: new Map(list.restaurants.map((one) => [one.id, one.name])) };
}

/**
 * A customer's orders (`GET /users/{id}/orders`), newest first, each linking to its page: the latest
 * ones, then older pages on request (the API's cursor).
 */
export function CustomerOrders({ userId }: { userId: string }) {
  const mine = useResource(() => loadOrders(userId), userId);
  const [older, setOlder] = useState<{ orders: Order[]; nextCursor: string | null } | null>(null);
  const [loading, setLoading] = useState(false);
  const [problem, setProblem] = useState<unknown>(undefined);
  if (mine.error) return <ProblemView error={mine.error} what="list your orders" />;
  if (!mine.data) return <p class="muted">Loading your orders…</p>;
  const { first, names } = mine.data;
  const orders = [...first.orders, ...(older?.orders ?? [])];
  const nextCursor = older ? older.nextCursor : first.nextCursor;
  if (orders.length === 0) return <p class="muted">No orders yet: choose a restaurant below.</p>;

  const showOlder = async () => {
    if (!nextCursor) return;
    setLoading(true);
    setProblem(undefined);
    try {
      const page = await ordersPage(userId, nextCursor);
      setOlder({ orders: [...(older?.orders ?? []), ...page.orders], nextCursor: page.nextCursor });
    } catch (caught) {
      setProblem(caught);
    } finally {
      setLoading(false);
    }
  };
  return (
    <>
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
      {problem !== undefined && <ProblemView error={problem} what="list your older orders" />}
      {nextCursor && (
        <button type="button" class="ghost" disabled={loading} onClick={() => void showOlder()}>
          {loading ? 'Loading…' : 'Show older orders'}
        </button>
      )}
    </>
  );
}

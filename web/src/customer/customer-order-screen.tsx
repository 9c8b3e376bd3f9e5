import { api } from '../api/api-client.js';
import { useResource } from '../app/use-resource.js';
import { OrderDetail } from '../orders/order-detail.js';
import '../orders/orders.css';
import type { Restaurant } from './customer-types.js';

/**
 * A customer's order after checkout (`/my-orders/{orderId}`): the same live view of the order staff
 * have, with the moves the API allows its customer (cancelling while the kitchen has not started).
 */
export function CustomerOrderScreen({ orderId }: { orderId: string }) {
  const restaurants = useResource(
    () => api<{ restaurants: Restaurant[] }>('GET', '/api/v1/restaurants?limit=200'),
    'restaurants',
  );
  const names = new Map((restaurants.data?.restaurants ?? []).map((one) => [one.id, one.name]));
  return (
    <section class="screen customer-order">
      <h1 class="visually-hidden">Your order</h1>
      <OrderDetail
        orderId={orderId}
        locationName={(locationId) => names.get(locationId) ?? 'the restaurant'}
        backHref="/"
        backLabel="Your orders"
        onChanged={() => {}}
      />
    </section>
  );
}

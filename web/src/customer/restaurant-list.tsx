import { api } from '../api/api-client.js';
import { ProblemView } from '../app/problem-view.js';
import { Link } from '../app/router.js';
import { useResource } from '../app/use-resource.js';
import './customer.css';
import type { Restaurant } from './customer-types.js';

/** The restaurants taking orders (public `GET /restaurants`), each linking to its menu. */
export function RestaurantList() {
  const list = useResource(
    () => api<{ restaurants: Restaurant[] }>('GET', '/api/v1/restaurants?limit=200'),
    'restaurants',
  );
  if (list.error) return <ProblemView error={list.error} what="list restaurants" />;
  if (!list.data) return <p class="muted">Loading restaurants…</p>;
  const { restaurants } = list.data;
  if (restaurants.length === 0) return <p class="empty">No restaurant is taking orders right now.</p>;
  return (
    <ul class="link-grid restaurant-list" aria-label="Restaurants">
      {restaurants.map((restaurant) => {
        const city = (restaurant.address as Record<string, unknown>).city;
        return (
          <li key={restaurant.id}>
            <Link class="tile-link" href={`/restaurants/${restaurant.id}`}>
              {restaurant.name}
              <span class="muted small restaurant-line">
                {restaurant.businessName}
                {typeof city === 'string' && city ? ` · ${city}` : ''} ·{' '}
                {restaurant.openNow ? 'open now' : 'closed now'}
              </span>
            </Link>
          </li>
        );
      })}
    </ul>
  );
}

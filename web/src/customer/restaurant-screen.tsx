import { api } from '../api/api-client.js';
import { formatMoney } from '../app/format.js';
import { ProblemView } from '../app/problem-view.js';
import { Link } from '../app/router.js';
import { useResource } from '../app/use-resource.js';
import { useSession } from '../app/use-session.js';
import { CartPanel } from './cart-panel.js';
import './customer.css';
import type { LiveMenuList, Restaurant } from './customer-types.js';
import { LiveMenuView } from './live-menu-view.js';
import { RestaurantHours } from './restaurant-hours.js';
import { useCart } from './use-cart.js';

interface RestaurantPage {
  restaurant: Restaurant;
  live: LiveMenuList;
}

async function loadRestaurant(locationId: string): Promise<RestaurantPage> {
  const [restaurant, live] = await Promise.all([
    api<Restaurant>('GET', `/api/v1/restaurants/${locationId}`),
    api<LiveMenuList>('GET', `/api/v1/restaurants/${locationId}/menus`),
  ]);
  return { restaurant, live };
}

const SERVICE_NAMES: Record<string, string> = {
  dine_in: 'Dine-in',
  takeout: 'Takeout',
  delivery: 'Delivery',
};

/**
 * One restaurant's menu as customers see it (the public restaurant API): whether it is open, its hours,
 * and every brand it serves with categories, dishes, prices, allergens, tags and choices. Dishes that
 * cannot be ordered right now (switched off, out of their hours, brand not serving) are shown as
 * unavailable, as the API marks them; the others can be added to the signed-in user's cart, which is
 * beside the menu with its checkout.
 */
export function RestaurantScreen({ locationId }: { locationId: string }) {
  const page = useResource(() => loadRestaurant(locationId), locationId);
  const userId = useSession()?.user.id ?? '';
  const cart = useCart(userId, locationId);
  if (page.error) {
    return (
      <section class="screen">
        <h1>Restaurant</h1>
        <ProblemView error={page.error} what="restaurant here" />
        <p>
          <Link href="/">All restaurants</Link>
        </p>
      </section>
    );
  }
  if (!page.data) {
    return (
      <section class="screen" aria-busy="true">
        <h1>Restaurant</h1>
        <p class="muted">Loading…</p>
      </section>
    );
  }
  const { restaurant, live } = page.data;
  const address = restaurant.address as Record<string, unknown>;
  const street = [address.line1, address.city].filter((part) => typeof part === 'string' && part).join(', ');
  return (
    <section class="screen restaurant" aria-labelledby="restaurant-title">
      <div class="screen-head">
        <div>
          <h1 id="restaurant-title">{restaurant.name}</h1>
          <p class="muted restaurant-meta">
            {restaurant.businessName}
            {street && <> · {street}</>}
          </p>
        </div>
        <p class={`open-state ${restaurant.openNow ? 'open' : 'closed'}`} data-testid="open-state">
          {restaurant.openNow
            ? `Open now${restaurant.currentSection ? ` · ${restaurant.currentSection}` : ''}`
            : 'Closed now'}
        </p>
      </div>
      <p class="muted small">
        {restaurant.serviceTypes.map((type) => SERVICE_NAMES[type] ?? type).join(' · ')}
        {restaurant.serviceTypes.includes('delivery') && (
          <> · delivery fee {formatMoney(restaurant.deliveryFeeMinor, restaurant.currency)}</>
        )}
      </p>
      <RestaurantHours restaurant={restaurant} />
      {!restaurant.openNow && (
        <p class="notice small">
          Closed now: you can fill your order, and place it once the restaurant opens.
        </p>
      )}
      <div class="ordering">
        <div class="menus">
          {live.menus.length === 0 ? (
            <p class="empty">This restaurant has no menu to show yet.</p>
          ) : (
            live.menus.map((menu) => <LiveMenuView key={menu.menuId} menu={menu} onAdd={cart.add} />)
          )}
        </div>
        <CartPanel restaurant={restaurant} cart={cart} />
      </div>
    </section>
  );
}

import { listAll } from '../api/admin-lists.js';
import { api } from '../api/api-client.js';
import type { Business, Location, Page, User } from '../api/api-types.js';
import {
  dashboardMemberships,
  isDriver,
  isPlatformAdmin,
  isStaff,
  kitchenMemberships,
  ordersMemberships,
} from '../auth/access.js';
import { CustomerOrders } from '../customer/customer-orders.js';
import { RestaurantList } from '../customer/restaurant-list.js';
import { TimeClockCard } from '../staff/time-clock-card.js';
import { ProblemView } from './problem-view.js';
import { Link } from './router.js';
import { useResource } from './use-resource.js';

interface Directory {
  /** Each business the user is a member of, with the locations they work at: a time clock each. */
  workplaces: Workplace[];
  dashboards: Business[];
  orders: Business[];
  kitchens: Workplace[];
}

interface Workplace {
  business: Business;
  locations: Location[];
}

async function loadDirectory(user: User): Promise<Directory> {
  const businesses = (await api<Page<Business>>('GET', '/api/v1/businesses?limit=200')).items;
  const byId = new Map(businesses.map((business) => [business.id, business]));
  const managed = new Set(dashboardMemberships(user).map((membership) => membership.businessId));
  const dashboards = isPlatformAdmin(user) ? businesses : businesses.filter((b) => managed.has(b.id));
  const boards = new Set(ordersMemberships(user).map((membership) => membership.businessId));
  const orders = isPlatformAdmin(user) ? businesses : businesses.filter((b) => boards.has(b.id));
  // Each membership's locations are read once, for its time clock and, when it has one, its kitchens.
  const workplaces = await Promise.all(
    user.memberships.flatMap((membership) => {
      const business = byId.get(membership.businessId);
      if (!business) return [];
      return [
        listAll<Location>(business.id, 'locations').then((locations) => ({
          business,
          locations:
            membership.role !== 'staff' || membership.locationIds.length === 0
              ? locations
              : locations.filter((location) => membership.locationIds.includes(location.id)),
        })),
      ];
    }),
  );
  const cooks = new Set(kitchenMemberships(user).map((membership) => membership.businessId));
  const kitchens = workplaces.filter((workplace) => cooks.has(workplace.business.id));
  return { workplaces, dashboards, orders, kitchens };
}

/** The screens this user may open: dashboards, orders boards, deliveries and kitchen displays. */
export function HomeScreen({ user }: { user: User }) {
  const directory = useResource(() => loadDirectory(user), user.id);
  if (!isStaff(user)) {
    return (
      <section class="screen">
        <h1>Welcome, {user.name}</h1>
        <h2>Your orders</h2>
        <CustomerOrders userId={user.id} />
        <h2>Restaurants</h2>
        <p class="muted">Choose a restaurant to see its menu and order.</p>
        <RestaurantList />
      </section>
    );
  }
  if (directory.error) return <ProblemView error={directory.error} />;
  const data = directory.data;
  return (
    <section class="screen" aria-busy={directory.loading}>
      <h1>Welcome, {user.name}</h1>
      {!data && <p class="muted">Loading…</p>}
      {data?.workplaces.map(({ business, locations }) => (
        <TimeClockCard key={business.id} user={user} business={business} locations={locations} />
      ))}
      {data && data.dashboards.length > 0 && (
        <>
          <h2>Dashboards</h2>
          <ul class="link-grid">
            {data.dashboards.map((business) => (
              <li key={business.id}>
                <Link class="tile-link" href={`/dashboard/${business.id}`}>
                  {business.name}
                </Link>
              </li>
            ))}
            {data.dashboards.map((business) => (
              <li key={`timesheet-${business.id}`}>
                <Link class="tile-link" href={`/timesheet/${business.id}`}>
                  Time clock · {business.name}
                </Link>
              </li>
            ))}
            {data.dashboards.map((business) => (
              <li key={`team-${business.id}`}>
                <Link class="tile-link" href={`/team/${business.id}`}>
                  Team · {business.name}
                </Link>
              </li>
            ))}
          </ul>
        </>
      )}
      {data && (data.orders.length > 0 || isDriver(user)) && (
        <>
          <h2>Orders and deliveries</h2>
          <ul class="link-grid">
            {data.orders.map((business) => (
              <li key={business.id}>
                <Link class="tile-link" href={`/orders/${business.id}`}>
                  Orders · {business.name}
                </Link>
              </li>
            ))}
            {isDriver(user) && (
              <li>
                <Link class="tile-link" href="/deliveries">
                  Your deliveries
                </Link>
              </li>
            )}
          </ul>
        </>
      )}
      {data?.kitchens.map(({ business, locations }) => (
        <div key={business.id}>
          <h2>Kitchen displays · {business.name}</h2>
          <ul class="link-grid">
            {locations.map((location) => (
              <li key={location.id}>
                <Link class="tile-link" href={`/kds/${location.id}`}>
                  {location.name}
                </Link>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}

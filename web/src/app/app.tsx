import { signOut } from '../api/api-client.js';
import type { User } from '../api/api-types.js';
import {
  dashboardMemberships,
  isDriver,
  isPlatformAdmin,
  kitchenMemberships,
  managesBusiness,
  mayControlSimulator,
  menuMemberships,
  ordersMemberships,
  roleOf,
  sqlMemberships,
} from '../auth/access.js';
import { ResetPasswordScreen } from '../auth/reset-password-screen.js';
import { SignInScreen } from '../auth/sign-in-screen.js';
import { DashboardScreen } from '../dashboard/dashboard-screen.js';
import { HomeScreen } from './home-screen.js';
import { lazyScreen } from './lazy-screen.js';
import { NotAllowed } from './problem-view.js';
import { Link, matchPath, navigate, type Place, usePlace } from './router.js';
import { useSession } from './use-session.js';

// The landing screens (sign-in, start page, dashboard) are in the first download; the rest on demand.
const KitchenScreen = lazyScreen(() => import('../kitchen/kitchen-screen.js').then((m) => m.KitchenScreen));
const OrdersScreen = lazyScreen(() => import('../orders/orders-screen.js').then((m) => m.OrdersScreen));
const MenuScreen = lazyScreen(() => import('../menu/menu-screen.js').then((m) => m.MenuScreen));
const SqlScreen = lazyScreen(() => import('../sql/sql-screen.js').then((m) => m.SqlScreen));
const DriverScreen = lazyScreen(() => import('../driver/driver-screen.js').then((m) => m.DriverScreen));
const RestaurantScreen = lazyScreen(() =>
  import('../customer/restaurant-screen.js').then((m) => m.RestaurantScreen),
);
const CustomerOrderScreen = lazyScreen(() =>
  import('../customer/customer-order-screen.js').then((m) => m.CustomerOrderScreen),
);
const TimesheetScreen = lazyScreen(() =>
  import('../staff/timesheet-screen.js').then((m) => m.TimesheetScreen),
);
const TeamScreen = lazyScreen(() => import('../team/team-screen.js').then((m) => m.TeamScreen));
const AccountScreen = lazyScreen(() => import('../auth/account-screen.js').then((m) => m.AccountScreen));
const SimulatorScreen = lazyScreen(() =>
  import('../simulator/simulator-screen.js').then((m) => m.SimulatorScreen),
);

export function App() {
  const session = useSession();
  const place = usePlace();
  // A reset link works signed in or not: it is about the account in the email, not this tab's.
  if (place.path === '/reset-password') return <ResetPasswordScreen />;
  if (!session) {
    const returnTo =
      place.path === '/' || place.path === '/login' ? null : place.path + window.location.search;
    return <SignInScreen returnTo={returnTo} />;
  }
  if (place.path === '/login') navigate('/', { replace: true });
  return (
    <>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <Header user={session.user} path={place.path} />
      <main id="main" tabIndex={-1}>
        <Screen user={session.user} place={place} />
      </main>
    </>
  );
}

function Screen({ user, place }: { user: User; place: Place }) {
  const dashboard = matchPath('/dashboard/:businessId', place.path);
  if (dashboard?.businessId) return <DashboardScreen businessId={dashboard.businessId} place={place} />;
  const kds = matchPath('/kds/:locationId', place.path);
  if (kds?.locationId) return <KitchenScreen locationId={kds.locationId} place={place} />;
  const orders =
    matchPath('/orders/:businessId', place.path) ?? matchPath('/orders/:businessId/:orderId', place.path);
  if (orders?.businessId) {
    // The list API lets drivers read orders (their deliveries' feeds); the board is not theirs.
    const board = orders.businessId;
    return isPlatformAdmin(user) || ordersMemberships(user).some((m) => m.businessId === board) ? (
      <OrdersScreen businessId={board} place={place} />
    ) : (
      <NotAllowed
        title="Orders"
        reason="The orders board is for the front of house and the kitchen of this business."
      />
    );
  }
  const menu = matchPath('/menu/:businessId', place.path);
  if (menu?.businessId) return <MenuScreen businessId={menu.businessId} />;
  const sql = matchPath('/sql/:businessId', place.path);
  if (sql?.businessId) return <SqlScreen businessId={sql.businessId} />;
  const restaurant = matchPath('/restaurants/:locationId', place.path);
  if (restaurant?.locationId) return <RestaurantScreen locationId={restaurant.locationId} />;
  const myOrder = matchPath('/my-orders/:orderId', place.path);
  if (myOrder?.orderId) return <CustomerOrderScreen orderId={myOrder.orderId} />;
  if (matchPath('/deliveries', place.path)) {
    return isDriver(user) || isPlatformAdmin(user) ? (
      <DriverScreen user={user} />
    ) : (
      <NotAllowed
        title="Deliveries"
        reason="Deliveries are for drivers; your account drives for no business."
      />
    );
  }
  if (matchPath('/simulator', place.path)) return <SimulatorScreen />;
  if (matchPath('/account', place.path)) return <AccountScreen user={user} />;
  const team = matchPath('/team/:businessId', place.path);
  if (team?.businessId) return <TeamScreen businessId={team.businessId} user={user} />;
  const timesheet = matchPath('/timesheet/:businessId', place.path);
  if (timesheet?.businessId) {
    // Staff read only their own shifts: the screen would show a false "Nobody is clocked in".
    return managesBusiness(user, timesheet.businessId) ? (
      <TimesheetScreen businessId={timesheet.businessId} />
    ) : (
      <NotAllowed
        title="Time clock"
        reason="The time clock of a business is for its owners and managers; clock in and out from the start page."
      />
    );
  }
  if (matchPath('/', place.path)) return <HomeScreen user={user} />;
  return (
    <section class="screen">
      <h1>Page not found</h1>
      <p>
        Brigade has no page at <code>{place.path}</code>. <Link href="/">Go to the start page</Link>.
      </p>
    </section>
  );
}

function Header({ user, path }: { user: User; path: string }) {
  const firstDashboard = dashboardMemberships(user)[0];
  const firstOrders = ordersMemberships(user)[0];
  const firstMenu = menuMemberships(user)[0];
  const firstSql = sqlMemberships(user)[0];
  const current = (prefix: string) => (path === prefix || path.startsWith(`${prefix}/`) ? 'page' : undefined);
  const first = user.memberships[0];
  const role = user.platformRole === 'platform_admin' ? 'platform admin' : first ? roleOf(first) : 'customer';
  return (
    <header class="top-bar">
      <Link href="/" class="brand">
        <span class="logo" aria-hidden="true" /> Brigade
      </Link>
      <nav aria-label="Main">
        <ul>
          <li>
            <Link href="/" aria-current={path === '/' ? 'page' : undefined}>
              Home
            </Link>
          </li>
          {firstDashboard && (
            <li>
              <Link href={`/dashboard/${firstDashboard.businessId}`} aria-current={current('/dashboard')}>
                Dashboard
              </Link>
            </li>
          )}
          {firstOrders && (
            <li>
              <Link href={`/orders/${firstOrders.businessId}`} aria-current={current('/orders')}>
                Orders
              </Link>
            </li>
          )}
          {firstMenu && (
            <li>
              <Link href={`/menu/${firstMenu.businessId}`} aria-current={current('/menu')}>
                Menu
              </Link>
            </li>
          )}
          {firstSql && (
            <li>
              <Link href={`/sql/${firstSql.businessId}`} aria-current={current('/sql')}>
                SQL
              </Link>
            </li>
          )}
          {kitchenMemberships(user).length > 0 && (
            <li>
              <Link href="/" aria-current={current('/kds')}>
                Kitchen
              </Link>
            </li>
          )}
          {isDriver(user) && (
            <li>
              <Link href="/deliveries" aria-current={current('/deliveries')}>
                Deliveries
              </Link>
            </li>
          )}
          {mayControlSimulator(user) && (
            <li>
              <Link href="/simulator" aria-current={current('/simulator')}>
                Simulator
              </Link>
            </li>
          )}
        </ul>
      </nav>
      <div class="who">
        <Link href="/account" class="who-name" aria-current={current('/account')} title="Your account">
          {user.name} <span class="muted">· {role}</span>
        </Link>
        <button
          type="button"
          class="ghost"
          onClick={() => {
            void signOut().then(() => navigate('/', { replace: true }));
          }}
        >
          Sign out
        </button>
      </div>
    </header>
  );
}

import type { Place } from '../app/router.js';

// Scaffolding: replaced by the screen itself.
export function OrdersScreen({ businessId, place }: { businessId: string; place: Place }) {
  return (
    <section class="screen">
      <h1>Orders</h1>
      <p>
        {businessId} {place.path}
      </p>
    </section>
  );
}

import type { User } from '../api/api-types.js';

// Scaffolding: replaced by the screen itself.
export function DriverScreen({ user }: { user: User }) {
  return (
    <section class="screen">
      <h1>Deliveries of {user.name}</h1>
    </section>
  );
}

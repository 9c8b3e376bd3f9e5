// Scaffolding: replaced by the screen itself.
export function RestaurantScreen({ locationId }: { locationId: string }) {
  return (
    <section class="screen">
      <h1>Menu {locationId}</h1>
    </section>
  );
}

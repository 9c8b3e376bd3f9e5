// Scaffolding: replaced by the screen itself.
export function MenuScreen({ businessId }: { businessId: string }) {
  return (
    <section class="screen">
      <h1>Menu {businessId}</h1>
    </section>
  );
}

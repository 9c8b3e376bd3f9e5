// Scaffolding: replaced by the screen itself.
export function SqlScreen({ businessId }: { businessId: string }) {
  return (
    <section class="screen">
      <h1>SQL console {businessId}</h1>
    </section>
  );
}

/**
 * At most `size` ad-hoc queries at once per process; the rest wait their turn. Each query gets its
 * own DuckDB with its own threads and memory limit, so without this a burst of console queries could
 * take the whole machine from the API.
 */
export class SqlSlots {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly size: number) {}

  async use<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running += 1;
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      // The slot passes straight to the next waiter, so `running` stays the same.
      if (next) next();
      else this.running -= 1;
    }
  }
}

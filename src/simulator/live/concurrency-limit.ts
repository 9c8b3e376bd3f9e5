/**
 * At most `limit` calls to the platform at once: the simulation may have thousands of orders in
 * flight, but it must load the platform like a busy restaurant group, not like a denial of service.
 * When the platform falls behind, steps queue here and the simulation reports its lag.
 */
export class ConcurrencyLimit {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  get queued(): number {
    return this.waiting.length;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running++;
    try {
      return await task();
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }
}

/**
 * Groups items into batches — at most `maxItems`, or whatever arrived within `maxWaitMs` of a batch's
 * first item — and hands each to `flush`, one batch at a time, in order. A failed flush stops the
 * batcher: later batches are dropped, `onFailure` is told at once and `settle`/`add` throw it, so the
 * caller can start over from what was committed.
 */
export class EventBatcher<T> {
  private pending: T[] = [];
  private timer: NodeJS.Timeout | undefined;
  private queue: Promise<void> = Promise.resolve();
  private queued = 0;
  private failure: { error: unknown } | undefined;

  constructor(
    private readonly options: {
      maxItems: number;
      maxWaitMs: number;
      flush: (items: T[]) => Promise<void>;
      onFailure?: (error: unknown) => void;
    },
  ) {}

  add(item: T): void {
    this.throwIfFailed();
    this.pending.push(item);
    if (this.pending.length >= this.options.maxItems) this.cut();
    else this.timer ??= setTimeout(() => this.cut(), this.options.maxWaitMs);
  }

  /** Batches cut and not flushed yet: a reader pauses while more than one is waiting. */
  get backlog(): number {
    return this.queued;
  }

  /** Waits until every batch cut so far is flushed; throws a flush's failure. */
  async settle(): Promise<void> {
    await this.queue;
    this.throwIfFailed();
  }

  /** Cuts what is pending into a last batch and waits for everything to be flushed. */
  async close(): Promise<void> {
    this.cut();
    await this.settle();
  }

  private cut(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.length === 0) return;
    const items = this.pending;
    this.pending = [];
    this.queued++;
    this.queue = this.queue.then(async () => {
      try {
        if (!this.failure) await this.options.flush(items);
      } catch (error) {
        this.failure = { error };
        this.options.onFailure?.(error);
      } finally {
        this.queued--;
      }
    });
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure.error;
  }
}

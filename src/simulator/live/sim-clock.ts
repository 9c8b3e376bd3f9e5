/**
 * Simulated time running `speed` times faster than the wall clock, from a starting instant. The speed
 * can change while it runs without a jump: the clock re-anchors at the moment of the change. Waiting
 * wakes at least once a second of real time, so a speed change or a stop takes effect promptly.
 */
export class SimClock {
  private anchorReal: number;
  private anchorSim: number;

  constructor(
    start: number,
    private currentSpeed: number,
    private readonly realNow: () => number = Date.now,
  ) {
    this.anchorReal = realNow();
    this.anchorSim = start;
  }

  get speed(): number {
    return this.currentSpeed;
  }

  now(): number {
    return this.anchorSim + (this.realNow() - this.anchorReal) * this.currentSpeed;
  }

  setSpeed(speed: number): void {
    this.anchorSim = this.now();
    this.anchorReal = this.realNow();
    this.currentSpeed = speed;
  }

  /** Resolves once simulated time reaches `at`, or `false` as soon as `signal` aborts. */
  async until(at: number, signal: AbortSignal): Promise<boolean> {
    while (!signal.aborted) {
      const ahead = at - this.now();
      if (ahead <= 0) return true;
      // Stopped (speed 0): look again in a second.
      await sleep(this.currentSpeed > 0 ? Math.min(ahead / this.currentSpeed, 1000) : 1000, signal);
    }
    return false;
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

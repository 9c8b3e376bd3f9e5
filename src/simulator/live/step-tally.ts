import type { OrderStep } from './order-script.js';
import type { ShiftStepKind } from './shift-player.js';

type StepKind = OrderStep['kind'] | ShiftStepKind;

export interface StepCounts {
  done: number;
  refused: number;
  failed: number;
}

export interface TallySnapshot {
  steps: Partial<Record<StepKind, StepCounts>>;
  /** Refusals by problem code: the platform saying no is expected now and then, not a bug. */
  refusals: Record<string, number>;
  lastFailure: string | null;
  /** Planned orders left out because the platform was too far behind to take them. */
  ordersShed: number;
  /** Mean API time of the steps done since the last snapshot, and how late they ran (simulated ms). */
  meanStepMs: number;
  maxLagSimMs: number;
}

/** What the simulation did: steps done, refused and failed, and how far behind schedule it runs. */
export class StepTally {
  private readonly steps = new Map<StepKind, StepCounts>();
  private readonly refusals = new Map<string, number>();
  private lastFailure: string | null = null;
  private shedCount = 0;
  private stepMs = 0;
  private stepCount = 0;
  private maxLag = 0;

  done(kind: StepKind, ms: number, lagSimMs: number): void {
    this.counts(kind).done++;
    this.stepMs += ms;
    this.stepCount++;
    this.maxLag = Math.max(this.maxLag, lagSimMs);
  }

  refused(kind: StepKind, code: string): void {
    this.counts(kind).refused++;
    this.refusals.set(code, (this.refusals.get(code) ?? 0) + 1);
  }

  failed(kind: StepKind, error: unknown): void {
    this.counts(kind).failed++;
    this.lastFailure = `${kind}: ${error instanceof Error ? error.message : String(error)}`;
  }

  shed(): void {
    this.shedCount++;
  }

  /**
   * The totals so far, with the mean step time and worst lag since the last `restartInterval`
   * (the progress line restarts it each time it is logged).
   */
  snapshot(options: { restartInterval?: boolean } = {}): TallySnapshot {
    const snapshot: TallySnapshot = {
      steps: Object.fromEntries([...this.steps].map(([kind, counts]) => [kind, { ...counts }])),
      refusals: Object.fromEntries(this.refusals),
      lastFailure: this.lastFailure,
      ordersShed: this.shedCount,
      meanStepMs: this.stepCount === 0 ? 0 : Math.round(this.stepMs / this.stepCount),
      maxLagSimMs: Math.round(this.maxLag),
    };
    if (options.restartInterval) {
      this.stepMs = 0;
      this.stepCount = 0;
      this.maxLag = 0;
    }
    return snapshot;
  }

  private counts(kind: StepKind): StepCounts {
    let counts = this.steps.get(kind);
    if (!counts) {
      counts = { done: 0, refused: 0, failed: 0 };
      this.steps.set(kind, counts);
    }
    return counts;
  }
}

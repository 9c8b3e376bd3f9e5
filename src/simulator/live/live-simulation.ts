import { setMaxListeners } from 'node:events';
import type { Logger } from 'pino';
import type { PlannedShift } from '../model/staff-shifts.js';
import type { PlannedOrder } from '../planned-order.js';
import type { SimBusiness, SimWorld } from '../sim-world.js';
import type { BrigadeClient } from './brigade-client.js';
import { ConcurrencyLimit } from './concurrency-limit.js';
import { playOrder } from './order-player.js';
import { playShift } from './shift-player.js';
import { SimClock } from './sim-clock.js';
import type { SimulatedPeople } from './simulated-people.js';
import { StepTally, type TallySnapshot } from './step-tally.js';

/** The model's answer to "which orders are placed in [from, to)?", simulated epoch ms. */
export type OrderPlanner = (from: number, to: number) => PlannedOrder[];
/** The staff shifts that overlap [from, to), simulated epoch ms (staff-shifts.ts). */
export type ShiftPlanner = (from: number, to: number) => PlannedShift[];

export interface LiveSimulationOptions {
  world: SimWorld;
  planner: OrderPlanner;
  /** Staff shifts played through the time clock; none when absent. */
  shifts?: ShiftPlanner;
  client: BrigadeClient;
  people: SimulatedPeople;
  /** Simulated seconds per real second. */
  speed: number;
  /** Calls to the platform in flight at most. */
  concurrency: number;
  logger: Logger;
  /** Where simulated time starts (default: now). */
  start?: number;
  /** How often a progress line is logged (real ms; 0 = never). */
  reportEveryMs?: number;
}

export interface LiveSimulationStatus {
  running: boolean;
  speed: number;
  simulatedTime: string;
  ordersPlanned: number;
  ordersInFlight: number;
  stepsQueued: number;
  tally: TallySnapshot;
}

/** Orders are planned this far ahead of simulated time, one window at a time. */
const WINDOW_MS = 15 * 60_000;
/** New orders are shed while more than this many rounds of calls wait for the platform. */
const SHED_AFTER_ROUNDS = 4;

/**
 * Drives a running Brigade through its public API as a city's worth of customers, cooks, managers
 * and drivers, `speed` times faster than real time: the model decides what happens, each order's
 * people play their steps at the simulated times, and staff clock in and out at their shifts' ends.
 * Stopping lets no new step start; steps already at the API finish (and clocks everyone out).
 */
export class LiveSimulation {
  private readonly clock: SimClock;
  private readonly tally = new StepTally();
  private readonly limit: ConcurrencyLimit;
  private readonly businesses: Map<string, SimBusiness>;
  private readonly inFlight = new Set<Promise<void>>();
  private controller: AbortController | null = null;
  private planning: Promise<void> | null = null;
  private reporter: NodeJS.Timeout | null = null;
  private plannedUntil: number;
  private ordersPlanned = 0;
  /** Shifts being played (by key, with their end): a window overlapping one again does not replay it. */
  private readonly shiftsPlayed = new Map<string, number>();

  constructor(private readonly options: LiveSimulationOptions) {
    const start = options.start ?? Date.now();
    // Simulated time stands still until start(), and again after stop().
    this.clock = new SimClock(start, 0);
    this.plannedUntil = start;
    this.limit = new ConcurrencyLimit(options.concurrency);
    this.businesses = new Map(options.world.businesses.map((business) => [business.key, business]));
  }

  get running(): boolean {
    return this.controller !== null;
  }

  start(): void {
    if (this.controller) return;
    const controller = new AbortController();
    // Every order waiting for its next step listens to this one signal: thousands, by design.
    setMaxListeners(0, controller.signal);
    this.controller = controller;
    // A restart continues where the simulation stopped: the time it was stopped did not happen.
    this.clock.setSpeed(this.options.speed);
    // stop() clocked everyone out: the shifts under way are played again from now.
    this.shiftsPlayed.clear();
    this.planning = this.plan(controller.signal);
    const every = this.options.reportEveryMs ?? 60_000;
    if (every > 0) {
      this.reporter = setInterval(
        () => this.options.logger.info(this.status({ restartInterval: true }), 'simulation progress'),
        every,
      );
      this.reporter.unref();
    }
  }

  async stop(): Promise<void> {
    const controller = this.controller;
    if (!controller) return;
    controller.abort();
    this.controller = null;
    if (this.reporter) clearInterval(this.reporter);
    this.reporter = null;
    await this.planning;
    await Promise.allSettled([...this.inFlight]);
    this.clock.setSpeed(0);
  }

  setSpeed(speed: number): void {
    if (!(speed > 0)) throw new RangeError('the speed must be above 0');
    this.options.speed = speed;
    if (this.running) this.clock.setSpeed(speed);
  }

  /** What the simulation has done; `restartInterval` starts a new window for the mean step time and lag. */
  status(options: { restartInterval?: boolean } = {}): LiveSimulationStatus {
    return {
      running: this.running,
      speed: this.options.speed,
      simulatedTime: new Date(this.clock.now()).toISOString(),
      ordersPlanned: this.ordersPlanned,
      ordersInFlight: this.inFlight.size,
      stepsQueued: this.limit.queued,
      tally: this.tally.snapshot(options),
    };
  }

  /** Keeps a played order or shift until it ends: stop() waits for them. */
  private track(played: Promise<void>): void {
    this.inFlight.add(played);
    void played.finally(() => this.inFlight.delete(played));
  }

  private async plan(signal: AbortSignal): Promise<void> {
    const context = {
      client: this.options.client,
      clock: this.clock,
      limit: this.limit,
      shedAbove: this.options.concurrency * SHED_AFTER_ROUNDS,
      people: this.options.people,
      tally: this.tally,
      signal,
    };
    while (!signal.aborted) {
      const from = this.plannedUntil;
      const to = from + WINDOW_MS;
      for (const plan of this.options.planner(from, to)) {
        const business = this.businesses.get(plan.businessKey);
        if (!business)
          throw new Error(`planned order ${plan.key} names an unknown business ${plan.businessKey}`);
        this.track(
          playOrder(plan, business, context).catch((error: unknown) => this.tally.failed('place', error)),
        );
        this.ordersPlanned++;
      }
      for (const [key, endsAt] of this.shiftsPlayed) if (endsAt < from) this.shiftsPlayed.delete(key);
      for (const shift of this.options.shifts?.(from, to) ?? []) {
        if (this.shiftsPlayed.has(shift.key)) continue;
        this.shiftsPlayed.set(shift.key, shift.endsAt);
        this.track(playShift(shift, context));
      }
      this.plannedUntil = to;
      // Plan the next window a little before it starts, so its first orders are not late.
      if (!(await this.clock.until(to - WINDOW_MS / 3, signal))) return;
    }
  }
}

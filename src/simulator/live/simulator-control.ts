import type { LiveSimulation, LiveSimulationStatus } from './live-simulation.js';

/** The status the control answers: the simulation's, or a stopped one before it was ever started. */
export type SimulatorStatus = LiveSimulationStatus | { running: false; speed: number; simulatedTime: null };

/**
 * Start, stop and speed of the demo's live simulation for the web app (`/api/v1/simulator`). The
 * simulation is opened on the first start (it signs its people in against this server, so it needs
 * the server listening) and kept: a stop and a later start carry on with the same simulated people,
 * from the present. Calls are serialised, so two quick clicks never open two simulations.
 */
export class SimulatorControl {
  private simulation: LiveSimulation | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly options: {
      /** Opens the simulation at a speed; not started. */
      open: (speed: number) => Promise<LiveSimulation>;
      /** The speed of a first start that names none (BRIGADE_SIMULATOR_SPEED). */
      defaultSpeed: number;
      /** The demo businesses: their owners and managers may use the control. */
      businessIds: readonly string[];
    },
  ) {}

  get businessIds(): readonly string[] {
    return this.options.businessIds;
  }

  status(): SimulatorStatus {
    return (
      this.simulation?.status() ?? { running: false, speed: this.options.defaultSpeed, simulatedTime: null }
    );
  }

  start(speed?: number): Promise<SimulatorStatus> {
    return this.serialised(async () => {
      if (!this.simulation) this.simulation = await this.options.open(speed ?? this.options.defaultSpeed);
      else if (speed !== undefined) this.simulation.setSpeed(speed);
      this.simulation.start();
      return this.status();
    });
  }

  stop(): Promise<SimulatorStatus> {
    return this.serialised(async () => {
      await this.simulation?.stop();
      return this.status();
    });
  }

  setSpeed(speed: number): Promise<SimulatorStatus> {
    return this.serialised(async () => {
      if (this.simulation) this.simulation.setSpeed(speed);
      else this.options.defaultSpeed = speed;
      return this.status();
    });
  }

  private serialised<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => {});
    return next;
  }
}

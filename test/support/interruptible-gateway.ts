import type {
  AuthorizeRequest,
  CaptureRequest,
  PaymentGateway,
  RefundRequest,
} from '../../src/payments/payment-gateway.js';
import { SimulatedGateway } from '../../src/payments/simulated-gateway.js';
import type { Database } from '../../src/storage/database.js';
import { startTestApp, type TestApp } from './app.js';
import type { TestDatabaseKind } from './databases.js';

/** Where the process "dies": before the gateway hears of the payment, or just after it moved money. */
export type InterruptionPoint = 'before-authorize' | 'after-capture' | 'after-refund';

/**
 * The real simulated gateway, with the process "dying" at a chosen point: the call goes through (or
 * not) and then the caller never hears back, as when a process is killed mid-request. Recovery tests
 * use it to prove the sweep finishes or undoes what the dead request left behind.
 */
export class InterruptibleGateway implements PaymentGateway {
  readonly name = 'interruptible';
  interrupt: InterruptionPoint | null = null;
  /** Runs once, just before the next capture: lets a test race a concurrent action against it. */
  beforeCapture: (() => Promise<void>) | null = null;
  private readonly real: SimulatedGateway;
  constructor(db: Database) {
    this.real = new SimulatedGateway(db);
  }
  async authorize(request: AuthorizeRequest) {
    if (this.interrupt === 'before-authorize') throw new Error('process died before reaching the gateway');
    return this.real.authorize(request);
  }
  findAuthorization(idempotencyKey: string) {
    return this.real.findAuthorization(idempotencyKey);
  }
  async capture(request: CaptureRequest) {
    const hook = this.beforeCapture;
    this.beforeCapture = null;
    if (hook) await hook();
    const outcome = await this.real.capture(request);
    if (this.interrupt === 'after-capture') throw new Error('process died after the capture');
    return outcome;
  }
  async refund(request: RefundRequest) {
    const outcome = await this.real.refund(request);
    if (this.interrupt === 'after-refund') throw new Error('process died after the refund');
    return outcome;
  }
}

/** A test app whose payments all go through one InterruptibleGateway, which the test steers. */
export async function startInterruptibleApp(
  kind: TestDatabaseKind,
): Promise<{ t: TestApp; gateway: InterruptibleGateway }> {
  let gateway: InterruptibleGateway | undefined;
  const t = await startTestApp(kind, {
    gateway: (db) => {
      gateway = new InterruptibleGateway(db);
      return gateway;
    },
  });
  if (!gateway) throw new Error('the test app did not build its payment gateway');
  return { t, gateway };
}

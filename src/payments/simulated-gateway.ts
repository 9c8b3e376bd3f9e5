import { createHash, randomBytes } from 'node:crypto';
import type { Database, Queryable } from '../storage/database.js';
import type {
  AuthorizeOutcome,
  AuthorizeRequest,
  CaptureOutcome,
  CaptureRequest,
  PaymentGateway,
  PaymentMethod,
  RefundOutcome,
  RefundRequest,
} from './payment-gateway.js';
import { cardLast4, issuesAuthCode, resolveProvider, testCardDecline } from './test-cards.js';

/** What a ledger row's `outcome` jsonb holds: the kind of operation and the outcome to replay. */
type StoredOutcome =
  | { kind: 'authorization'; orderId: string; method: PaymentMethod; result: AuthorizeOutcome }
  | { kind: 'capture'; result: CaptureOutcome }
  | { kind: 'refund'; reason: string; result: RefundOutcome };

interface OperationRow {
  idempotency_key: string;
  operation: 'charge' | 'refund';
  reference: string;
  parent_reference: string | null;
  amount_minor: number;
  currency: string;
  outcome: StoredOutcome;
}

interface NewOperation {
  idempotencyKey: string;
  operation: 'charge' | 'refund';
  reference: string;
  parentReference: string | null;
  amountMinor: number;
  currency: string;
  outcome: StoredOutcome;
}

// ISO 4217 "no currency": a capture against an unknown authorization has nothing to take it from.
const NO_CURRENCY = 'XXX';
const AUTH_CODE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

const SELECT_COLUMNS =
  'idempotency_key, operation, reference, parent_reference, amount_minor, currency, outcome';

/**
 * The built-in processor. It plays the part of a remote service: it keeps its own ledger in
 * `simulated_gateway_operations` and runs its own statements and transactions, never inside one of
 * Brigade's (a real processor could not join them either). Authorizations and captures are 'charge'
 * rows told apart by `outcome.kind`; refunds are 'refund' rows whose parent is the capture.
 * Every row is keyed by the caller's idempotency key, so a retry replays the first outcome.
 */
export class SimulatedGateway implements PaymentGateway {
  readonly name = 'simulated';

  constructor(private readonly db: Database) {}

  async authorize(request: AuthorizeRequest): Promise<AuthorizeOutcome> {
    assertAmount(request.amountMinor, 'amountMinor', 0);
    assertCurrency(request.currency);
    const reference = newReference('sim_ch');
    const { instrument } = request;
    const provider = resolveProvider(instrument);
    const last4 = cardLast4(instrument);
    const decline = testCardDecline(instrument);
    const result: AuthorizeOutcome = decline
      ? { status: 'declined', reference, provider, cardLast4: last4, ...decline }
      : {
          status: 'authorized',
          reference,
          authCode: issuesAuthCode(instrument) ? authCodeFor(reference) : null,
          provider,
          cardLast4: last4,
          amountMinor: request.amountMinor,
        };
    // Concurrent first calls with one key race here; exactly one insert wins and everyone replays it.
    const stored = await insertOrFetch(this.db, {
      idempotencyKey: request.idempotencyKey,
      operation: 'charge',
      reference,
      parentReference: null,
      amountMinor: request.amountMinor,
      currency: request.currency,
      outcome: { kind: 'authorization', orderId: request.orderId, method: instrument.method, result },
    });
    return replayAuthorization(stored, request);
  }

  async capture(request: CaptureRequest): Promise<CaptureOutcome> {
    assertAmount(request.amountMinor, 'amountMinor', 0);
    return this.db.transaction(async (tx) => {
      // Locking the authorization serialises captures against it, so their sum cannot pass it.
      const authorization = await lockParent(tx, request.authorizationReference, 'authorization');
      // Checked under the lock, so a retry racing the first call waits for it and then replays it.
      const existing = await findByKey(tx, request.idempotencyKey);
      if (existing) return replayCapture(existing, request);

      const reference = newReference('sim_cp');
      const failed = (code: string, reason: string): CaptureOutcome => ({
        status: 'failed',
        reference,
        code,
        reason,
      });
      let result: CaptureOutcome;
      if (authorization?.outcome.kind !== 'authorization') {
        result = failed('unknown_authorization', 'No authorization has this reference.');
      } else if (authorization.outcome.result.status !== 'authorized') {
        result = failed(
          'authorization_declined',
          'The authorization was declined; there is nothing to capture.',
        );
      } else {
        const alreadyCaptured = await sumChildren(tx, authorization.reference, 'capture', 'captured');
        result =
          alreadyCaptured + request.amountMinor > authorization.amount_minor
            ? failed(
                'amount_exceeds_authorization',
                `Capturing ${request.amountMinor} would exceed the ${authorization.amount_minor} authorized (${alreadyCaptured} already captured).`,
              )
            : { status: 'captured', reference, capturedMinor: request.amountMinor };
      }
      const stored = await insertOrFetch(tx, {
        idempotencyKey: request.idempotencyKey,
        operation: 'charge',
        reference,
        parentReference: request.authorizationReference,
        amountMinor: request.amountMinor,
        currency: authorization?.currency ?? NO_CURRENCY,
        outcome: { kind: 'capture', result },
      });
      return replayCapture(stored, request);
    });
  }

  async refund(request: RefundRequest): Promise<RefundOutcome> {
    assertAmount(request.amountMinor, 'amountMinor', 1);
    assertCurrency(request.currency);
    return this.db.transaction(async (tx) => {
      // Locking the capture serialises refunds against it: the sum read below stays true until we insert.
      const capture = await lockParent(tx, request.captureReference, 'capture');
      const existing = await findByKey(tx, request.idempotencyKey);
      if (existing) return replayRefund(existing, request);

      const reference = newReference('sim_rf');
      let result: RefundOutcome;
      if (capture?.outcome.kind !== 'capture' || capture.outcome.result.status !== 'captured') {
        result = {
          status: 'rejected',
          code: 'unknown_capture',
          reason: 'No successful capture has this reference.',
        };
      } else if (capture.currency !== request.currency) {
        result = {
          status: 'rejected',
          code: 'currency_mismatch',
          reason: `The capture is in ${capture.currency}, the refund in ${request.currency}.`,
        };
      } else {
        const refunded = await sumChildren(tx, capture.reference, 'refund', 'refunded');
        const total = refunded + request.amountMinor;
        result =
          total > capture.amount_minor
            ? {
                status: 'rejected',
                code: 'exceeds_captured',
                reason: `Refunding ${request.amountMinor} would exceed the ${capture.amount_minor} captured (${refunded} already refunded).`,
              }
            : {
                status: 'refunded',
                reference,
                amountMinor: request.amountMinor,
                refundedTotalMinor: total,
              };
      }
      // Rejections are stored too, so a retry with the same key gets the same answer.
      const stored = await insertOrFetch(tx, {
        idempotencyKey: request.idempotencyKey,
        operation: 'refund',
        reference,
        parentReference: request.captureReference,
        amountMinor: request.amountMinor,
        currency: request.currency,
        outcome: { kind: 'refund', reason: request.reason, result },
      });
      return replayRefund(stored, request);
    });
  }
}

async function findByKey(db: Queryable, idempotencyKey: string): Promise<OperationRow | undefined> {
  const { rows } = await db.query<OperationRow>(
    `SELECT ${SELECT_COLUMNS} FROM simulated_gateway_operations WHERE idempotency_key = $1`,
    [idempotencyKey],
  );
  return rows[0];
}

async function lockParent(
  tx: Queryable,
  reference: string,
  kind: 'authorization' | 'capture',
): Promise<OperationRow | undefined> {
  const { rows } = await tx.query<OperationRow>(
    `SELECT ${SELECT_COLUMNS} FROM simulated_gateway_operations
      WHERE reference = $1 AND operation = 'charge' AND outcome->>'kind' = $2
      FOR UPDATE`,
    [reference, kind],
  );
  return rows[0];
}

async function sumChildren(
  tx: Queryable,
  parentReference: string,
  kind: 'capture' | 'refund',
  status: 'captured' | 'refunded',
): Promise<number> {
  const { rows } = await tx.query<{ total: number }>(
    `SELECT COALESCE(SUM(amount_minor), 0)::int AS total FROM simulated_gateway_operations
      WHERE parent_reference = $1 AND outcome->>'kind' = $2 AND outcome->'result'->>'status' = $3`,
    [parentReference, kind, status],
  );
  return rows[0]?.total ?? 0;
}

/**
 * Inserts unless the key exists, then returns whichever row holds the key (ours or a racer's). The
 * insert comes first because a new key is the common case: one round trip, no read-then-write race.
 */
async function insertOrFetch(db: Queryable, operation: NewOperation): Promise<OperationRow> {
  const inserted = await db.query<OperationRow>(
    `INSERT INTO simulated_gateway_operations
       (idempotency_key, operation, reference, parent_reference, amount_minor, currency, outcome)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)
     ON CONFLICT (idempotency_key) DO NOTHING
     RETURNING ${SELECT_COLUMNS}`,
    [
      operation.idempotencyKey,
      operation.operation,
      operation.reference,
      operation.parentReference,
      operation.amountMinor,
      operation.currency,
      JSON.stringify(operation.outcome),
    ],
  );
  const stored = inserted.rows[0] ?? (await findByKey(db, operation.idempotencyKey));
  if (!stored) throw new Error(`Simulated gateway lost operation ${operation.idempotencyKey}`);
  return stored;
}

// Reusing a key for a different request is a caller bug, not a payment outcome: fail loudly.
function keyReused(idempotencyKey: string, what: string): Error {
  return new Error(`Idempotency key "${idempotencyKey}" was already used for a different ${what}`);
}

function replayAuthorization(row: OperationRow, request: AuthorizeRequest): AuthorizeOutcome {
  if (
    row.outcome.kind !== 'authorization' ||
    row.amount_minor !== request.amountMinor ||
    row.currency !== request.currency
  ) {
    throw keyReused(request.idempotencyKey, 'request (authorize)');
  }
  return row.outcome.result;
}

function replayCapture(row: OperationRow, request: CaptureRequest): CaptureOutcome {
  if (
    row.outcome.kind !== 'capture' ||
    row.parent_reference !== request.authorizationReference ||
    row.amount_minor !== request.amountMinor
  ) {
    throw keyReused(request.idempotencyKey, 'request (capture)');
  }
  return row.outcome.result;
}

function replayRefund(row: OperationRow, request: RefundRequest): RefundOutcome {
  if (
    row.outcome.kind !== 'refund' ||
    row.parent_reference !== request.captureReference ||
    row.amount_minor !== request.amountMinor ||
    row.currency !== request.currency
  ) {
    throw keyReused(request.idempotencyKey, 'request (refund)');
  }
  return row.outcome.result;
}

function assertAmount(amount: number, field: string, minimum: number): void {
  if (!Number.isSafeInteger(amount) || amount < minimum || amount > 2_147_483_647) {
    throw new Error(`${field} must be an integer number of minor units >= ${minimum}, got ${amount}`);
  }
}

function assertCurrency(currency: string): void {
  if (!/^[A-Z]{3}$/.test(currency)) throw new Error(`currency must be an ISO 4217 code, got "${currency}"`);
}

function newReference(prefix: 'sim_ch' | 'sim_cp' | 'sim_rf'): string {
  return `${prefix}_${randomBytes(12).toString('hex')}`;
}

/** Deterministic from the reference, so a replayed authorization shows the same code. */
function authCodeFor(reference: string): string {
  const digest = createHash('sha256').update(reference).digest();
  let code = '';
  for (let index = 0; index < 6; index += 1) {
    code += AUTH_CODE_ALPHABET[(digest[index] ?? 0) % AUTH_CODE_ALPHABET.length];
  }
  return code;
}

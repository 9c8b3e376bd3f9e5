import { createHash, randomBytes } from 'node:crypto';
import { isCurrencyCode } from '../domain/money.js';
import type { Database, Queryable } from '../storage/database.js';
import { sqlStateOf } from '../storage/sql-state.js';
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

type ResultOf = { [Kind in StoredOutcome['kind']]: Extract<StoredOutcome, { kind: Kind }>['result'] };

interface OperationRow {
  idempotency_key: string;
  operation: 'charge' | 'refund';
  reference: string;
  parent_reference: string | null;
  amount_minor: number;
  currency: string;
  outcome: StoredOutcome;
}

// ISO 4217 "no currency": a capture against an unknown authorization has nothing to take it from.
const NO_CURRENCY = 'XXX';
const AUTH_CODE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const UNIQUE_VIOLATION = '23505';

const SELECT_COLUMNS =
  'idempotency_key, operation, reference, parent_reference, amount_minor, currency, outcome';

/**
 * Stores an authorization unless its key exists, and returns the row held by the key either way.
 * The plain SELECT cannot see the INSERT's row (one snapshot), so at most one branch returns a row.
 */
const AUTHORIZE_SQL = `
  WITH inserted AS (
    INSERT INTO simulated_gateway_operations
      (idempotency_key, operation, reference, parent_reference, amount_minor, currency, outcome)
    VALUES ($1, 'charge', $2, NULL, $3, $4, $5::jsonb)
    ON CONFLICT (idempotency_key) DO NOTHING
    RETURNING ${SELECT_COLUMNS}
  )
  SELECT ${SELECT_COLUMNS} FROM inserted
  UNION ALL
  SELECT ${SELECT_COLUMNS} FROM simulated_gateway_operations
   WHERE idempotency_key = $1 AND NOT EXISTS (SELECT 1 FROM inserted)`;

/**
 * A capture or refund in one statement: replay the key's row if it exists; otherwise take the amount
 * from the parent's drawn_minor and store the outcome. Why it is race-free:
 * - The conditional UPDATE is the only check of the limit. A statement that waits on the parent's row
 *   lock re-checks its WHERE against the committed row (EvalPlanQual), so concurrent draws can never
 *   pass amount_minor; a sum or SELECT in a sibling CTE would still see the statement's old snapshot.
 * - `parent` is read from that snapshot; it only decides why nothing was drawn and phrases the reason
 *   (whose "already captured/refunded" figure can therefore lag a draw that raced it).
 *   drawn_minor only grows, so a parent that fails the limit in the snapshot fails it later too.
 * - The INSERT has no ON CONFLICT on purpose: if a same-key call commits after our snapshot, the
 *   unique violation aborts the whole statement, the UPDATE included, so a retry never draws twice.
 * - The INSERT reads the UPDATE's result, so the parent is locked before the key's index entry is
 *   written: every statement takes its locks in the same order and none can deadlock another.
 * Parameters: $1 key, $2 parent reference, $3 amount, $4 new reference, then the operation's own.
 */
function drawFromParentSql(options: {
  parentKind: 'authorization' | 'capture';
  parentStatus: 'authorized' | 'captured';
  /** Extra condition on the parent for the draw, beyond its kind, status and limit. */
  drawCondition?: string;
  operation: 'charge' | 'refund';
  currency: string;
  /** The stored outcome, from `parent` p (NULL when unknown) and `drawn` d (NULL when not drawn). */
  outcome: string;
}): string {
  const parentMatches = `reference = $2::text AND operation = 'charge'
       AND outcome->>'kind' = '${options.parentKind}'`;
  return `
  WITH existing AS (
    SELECT ${SELECT_COLUMNS} FROM simulated_gateway_operations WHERE idempotency_key = $1::text
  ),
  parent AS (
    SELECT amount_minor, drawn_minor, currency, outcome->'result'->>'status' AS status
      FROM simulated_gateway_operations WHERE ${parentMatches}
  ),
  drawn AS (
    UPDATE simulated_gateway_operations SET drawn_minor = drawn_minor + $3::integer
     WHERE ${parentMatches}
       AND outcome->'result'->>'status' = '${options.parentStatus}'
       AND ${options.drawCondition ?? 'true'}
       AND drawn_minor::bigint + $3::integer <= amount_minor
       AND NOT EXISTS (SELECT 1 FROM existing)
    RETURNING drawn_minor
  ),
  inserted AS (
    INSERT INTO simulated_gateway_operations
      (idempotency_key, operation, reference, parent_reference, amount_minor, currency, outcome)
    SELECT $1::text, '${options.operation}', $4::text, $2::text, $3::integer, ${options.currency},
           ${options.outcome}
      FROM (SELECT 1) AS one LEFT JOIN parent p ON true LEFT JOIN drawn d ON true
     WHERE NOT EXISTS (SELECT 1 FROM existing)
    RETURNING ${SELECT_COLUMNS}
  )
  SELECT ${SELECT_COLUMNS} FROM inserted
  UNION ALL
  SELECT ${SELECT_COLUMNS} FROM existing`;
}

const CAPTURE_SQL = drawFromParentSql({
  parentKind: 'authorization',
  parentStatus: 'authorized',
  operation: 'charge',
  currency: `coalesce(p.currency, '${NO_CURRENCY}')`,
  outcome: `jsonb_build_object('kind', 'capture', 'result', CASE
      WHEN d.drawn_minor IS NOT NULL THEN
        jsonb_build_object('status', 'captured', 'reference', $4::text, 'capturedMinor', $3::integer)
      WHEN p.status IS NULL THEN jsonb_build_object('status', 'failed', 'reference', $4::text,
        'code', 'unknown_authorization', 'reason', 'No authorization has this reference.')
      WHEN p.status <> 'authorized' THEN jsonb_build_object('status', 'failed', 'reference', $4::text,
        'code', 'authorization_declined',
        'reason', 'The authorization was declined; there is nothing to capture.')
      ELSE jsonb_build_object('status', 'failed', 'reference', $4::text,
        'code', 'amount_exceeds_authorization',
        'reason', format('Capturing %s would exceed the %s authorized (%s already captured).',
          $3::integer, p.amount_minor, p.drawn_minor))
    END)`,
});

// $5 currency, $6 reason. A failed capture is not a 'captured' parent: refunding it is unknown_capture.
const REFUND_SQL = drawFromParentSql({
  parentKind: 'capture',
  parentStatus: 'captured',
  drawCondition: 'currency = $5::text',
  operation: 'refund',
  currency: '$5::text',
  outcome: `jsonb_build_object('kind', 'refund', 'reason', $6::text, 'result', CASE
      WHEN d.drawn_minor IS NOT NULL THEN jsonb_build_object('status', 'refunded',
        'reference', $4::text, 'amountMinor', $3::integer, 'refundedTotalMinor', d.drawn_minor)
      WHEN p.status IS DISTINCT FROM 'captured' THEN jsonb_build_object('status', 'rejected',
        'code', 'unknown_capture', 'reason', 'No successful capture has this reference.')
      WHEN p.currency <> $5::text THEN jsonb_build_object('status', 'rejected',
        'code', 'currency_mismatch',
        'reason', format('The capture is in %s, the refund in %s.', p.currency, $5::text))
      ELSE jsonb_build_object('status', 'rejected', 'code', 'exceeds_captured',
        'reason', format('Refunding %s would exceed the %s captured (%s already refunded).',
          $3::integer, p.amount_minor, p.drawn_minor))
    END)`,
});

/**
 * The built-in processor. It plays the part of a remote service: it keeps its own ledger in
 * `simulated_gateway_operations` and runs its own statements, never inside one of Brigade's
 * transactions (a real processor could not join them either). Authorizations and captures are
 * 'charge' rows told apart by `outcome.kind`; refunds are 'refund' rows whose parent is the capture.
 * Every row is keyed by the caller's idempotency key, so a retry replays the first outcome.
 * Each operation is one statement (one round trip, no explicit transaction): payment is on the order
 * path, where round trips are what the throughput is bound by.
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
    const outcome: StoredOutcome = {
      kind: 'authorization',
      orderId: request.orderId,
      method: instrument.method,
      result,
    };
    const stored = await storeOnce(this.db, request.idempotencyKey, AUTHORIZE_SQL, [
      request.idempotencyKey,
      reference,
      request.amountMinor,
      request.currency,
      JSON.stringify(outcome),
    ]);
    return replay(stored, 'authorization', { ...request, parentReference: null });
  }

  async findAuthorization(idempotencyKey: string): Promise<AuthorizeOutcome | undefined> {
    const { rows } = await this.db.query<OperationRow>(
      `SELECT ${SELECT_COLUMNS} FROM simulated_gateway_operations WHERE idempotency_key = $1`,
      [idempotencyKey],
    );
    const row = rows[0];
    if (!row) return undefined;
    if (row.outcome.kind !== 'authorization') {
      throw new Error(
        `Idempotency key "${idempotencyKey}" belongs to a ${row.outcome.kind}, not an authorization`,
      );
    }
    return row.outcome.result as AuthorizeOutcome;
  }

  async capture(request: CaptureRequest): Promise<CaptureOutcome> {
    assertAmount(request.amountMinor, 'amountMinor', 0);
    const stored = await storeOnce(this.db, request.idempotencyKey, CAPTURE_SQL, [
      request.idempotencyKey,
      request.authorizationReference,
      request.amountMinor,
      newReference('sim_cp'),
    ]);
    return replay(stored, 'capture', { ...request, parentReference: request.authorizationReference });
  }

  async refund(request: RefundRequest): Promise<RefundOutcome> {
    assertAmount(request.amountMinor, 'amountMinor', 1);
    assertCurrency(request.currency);
    // Rejections are stored too, so a retry with the same key gets the same answer.
    const stored = await storeOnce(this.db, request.idempotencyKey, REFUND_SQL, [
      request.idempotencyKey,
      request.captureReference,
      request.amountMinor,
      newReference('sim_rf'),
      request.currency,
      request.reason,
    ]);
    return replay(stored, 'refund', { ...request, parentReference: request.captureReference });
  }
}

/**
 * Runs a statement that returns the row stored under the key, new or replayed. It comes back empty
 * (authorize) or fails on the key's unique index (capture, refund) only when a call with the same key
 * committed after the statement's snapshot; that call's row is then read back: the one extra round
 * trip, paid only in that race.
 */
async function storeOnce(
  db: Queryable,
  idempotencyKey: string,
  sql: string,
  params: readonly unknown[],
): Promise<OperationRow> {
  let conflict: unknown;
  try {
    const { rows } = await db.query<OperationRow>(sql, params);
    if (rows[0]) return rows[0];
  } catch (error) {
    if (sqlStateOf(error) !== UNIQUE_VIOLATION) throw error;
    conflict = error;
  }
  const { rows } = await db.query<OperationRow>(
    `SELECT ${SELECT_COLUMNS} FROM simulated_gateway_operations WHERE idempotency_key = $1`,
    [idempotencyKey],
  );
  if (rows[0]) return rows[0];
  // Not the key after all (a reference collision, say): surface the original error.
  throw conflict ?? new Error(`Simulated gateway lost operation ${idempotencyKey}`);
}

/**
 * The outcome stored under the key when the row is this same request again. Reusing a key for a
 * different request is a caller bug, not a payment outcome: fail loudly.
 */
function replay<Kind extends keyof ResultOf>(
  row: OperationRow,
  kind: Kind,
  request: {
    idempotencyKey: string;
    amountMinor: number;
    parentReference: string | null;
    /** Absent for a capture, whose currency is its authorization's. */
    currency?: string;
  },
): ResultOf[Kind] {
  if (
    row.outcome.kind !== kind ||
    row.amount_minor !== request.amountMinor ||
    row.parent_reference !== request.parentReference ||
    (request.currency !== undefined && row.currency !== request.currency)
  ) {
    throw new Error(
      `Idempotency key "${request.idempotencyKey}" was already used for a different request (${kind})`,
    );
  }
  // Checked just above: the row holds an outcome of this kind.
  return row.outcome.result as ResultOf[Kind];
}

// The ledger's amount columns are PostgreSQL `integer`.
const MAX_AMOUNT_MINOR = 2_147_483_647;

function assertAmount(amount: number, field: string, minimum: number): void {
  if (!Number.isSafeInteger(amount) || amount < minimum || amount > MAX_AMOUNT_MINOR) {
    throw new Error(
      `${field} must be an integer number of minor units from ${minimum} to ${MAX_AMOUNT_MINOR}, got ${amount}`,
    );
  }
}

function assertCurrency(currency: string): void {
  if (!isCurrencyCode(currency)) throw new Error(`currency must be an ISO 4217 code, got "${currency}"`);
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

/**
 * The payload fields the order silver tables read, parsed once per event: the base relation `ev`
 * carries them as the struct column `f` (json_transform), so the transforms read `e.f."to"` instead
 * of parsing the payload JSON again for every field they take (`payload->>'$.to'` parses the whole
 * document each time; a batch read each payload about ten times).
 *
 * Every scalar is read as text and cast where it is used, with TRY_CAST: a foreign producer's
 * malformed field becomes NULL — which the reject rules catch where it matters (money) — instead of an
 * error that would stop the whole silver rebuild. That is what `->>` gave too: a field holding an
 * object or array comes as its JSON text, a missing or JSON-null one as NULL, and a payload (or
 * `totals`, `lines`) of the wrong JSON type as NULL fields.
 */

/** The money block of order.placed `totals` and order.items_added `added` / `totals`. */
const TOTALS = text([
  'currency',
  'subtotal',
  'discount',
  'loyalty_discount',
  'tax',
  'tip',
  'delivery_fee',
  'total',
]);

/** One order line of order.placed / order.items_added; modifiers stay JSON (silver keeps them as is). */
const LINE = {
  ...text([
    'line_id',
    'line_number',
    'item_id',
    'name',
    'brand_id',
    'category_id',
    'station',
    'unit_price',
    'quantity',
    'line_subtotal',
    'discount',
    'unit_cost',
  ]),
  modifiers: 'JSON',
};

/** json_transform's structure for `ev.f`. */
export const PAYLOAD_FIELDS_SHAPE = JSON.stringify({
  ...text([
    // status changes, cancellations, refunds
    'from',
    'to',
    'reason',
    // payments and refunds
    'payment_id',
    'refund_id',
    'method',
    'provider',
    'amount',
    'currency',
    'decline_reason',
    // order.placed
    'customer_id',
    'channel',
    'service_type',
    'time_zone',
    // kitchen tickets and delivery steps
    'ticket_id',
    'station',
    'created_at',
    'started_at',
    'ready_at',
    'served_at',
    'late',
    'at',
    'driver_user_id',
    // feedback
    'feedback_id',
    'rating',
    'nps',
    'comment',
  ]),
  actor: text(['role']),
  totals: TOTALS,
  added: TOTALS,
  lines: [LINE],
});

function text(names: readonly string[]): Record<string, string> {
  return Object.fromEntries(names.map((name) => [name, 'VARCHAR']));
}

/** A member of a struct expression, quoted (`from`, `to` and `at` are SQL keywords). */
export function member(struct: string, path: string): string {
  return [struct, ...path.split('.').map((name) => `"${name}"`)].join('.');
}

/** A parsed payload field of the event row `row` (its alias; '' when unqualified), as text. */
export function field(row: string, path: string): string {
  return member(row === '' ? 'f' : `${row}.f`, path);
}

/** A text expression as BIGINT (money in minor units, counts); NULL when malformed. */
export function asInt(expression: string): string {
  return `TRY_CAST(${expression} AS BIGINT)`;
}

/** A text expression holding an ISO 8601 instant, as TIMESTAMPTZ; NULL when malformed. */
export function asInstant(expression: string): string {
  return `TRY_CAST(${expression} AS TIMESTAMPTZ)`;
}

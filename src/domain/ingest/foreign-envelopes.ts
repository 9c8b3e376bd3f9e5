import { type Static, type TSchema, Type } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { MAX_STORED_INTEGER } from '../../schemas/common.js';
import { UUID_PATTERN } from '../../schemas/formats.js';
import { EVENT_CATALOG } from '../events/catalog.js';
import type { EventEnvelope } from '../events/envelope.js';
import { EVENT_TYPE_ALIASES, parseEnvelope } from '../events/parse-envelope.js';
import { brigadeScopeRejection, brigadeTypeRejection } from './brigade-ingest-rules.js';
import { parseForeignTime } from './foreign-values.js';
import { type IngestRejection, reject } from './ingest-outcome.js';

/**
 * The three envelopes POST /api/v1/businesses/{id}/ingest/events reads (docs/ingestion.md): Brigade's
 * own, the ghost-kitchen format and the stream-stack format of docs' reference systems. This module
 * tells them apart and checks their shape; mapping them to Brigade events is the mappers' job.
 */

/**
 * Foreign ids: text or whole numbers (both formats use either), read as text. A number must be one
 * JSON reads exactly: beyond 2^53 − 1 two different ids can read as the same number
 * (9007199254740993 as …992), and the second would pass for a duplicate.
 */
const Ref = Type.Union([
  Type.String({ minLength: 1, maxLength: 200 }),
  Type.Integer({ minimum: -Number.MAX_SAFE_INTEGER, maximum: Number.MAX_SAFE_INTEGER }),
]);
/** Currency units; at most what Brigade stores in minor units (MAX_STORED_INTEGER cents). */
const Amount = Type.Number({
  minimum: 0,
  maximum: MAX_STORED_INTEGER / 100,
  description: 'currency units, e.g. 12.5 dollars',
});
const Text = (maxLength = 500) => Type.String({ maxLength });
const NullableText = (maxLength = 500) => Type.Union([Text(maxLength), Type.Null()]);

const GhostKitchenEnvelope = Type.Object({
  event_id: Ref,
  event_type: Type.String({ maxLength: 100 }),
  ts: Type.String({ maxLength: 40 }),
  location_id: Ref,
  order_id: Ref,
  sequence: Type.Optional(Type.Integer({ minimum: 0 })),
  body: Type.Union([Type.String(), Type.Object({})]),
});

const GHOST_KITCHEN_BODIES = {
  order_created: Type.Object({
    customer_lat: Type.Number({ minimum: -90, maximum: 90 }),
    customer_lon: Type.Number({ minimum: -180, maximum: 180 }),
    customer_addr: Text(),
    items: Type.Array(
      Type.Object({
        id: Ref,
        category_id: Ref,
        menu_id: Type.Optional(Ref),
        brand_id: Ref,
        name: Text(200),
        price: Amount,
        qty: Type.Integer({ minimum: 1, maximum: 1000 }),
      }),
      { minItems: 1, maxItems: 200 },
    ),
  }),
  gk_started: Type.Object({}),
  gk_finished: Type.Object({}),
  gk_ready: Type.Object({}),
  driver_arrived: Type.Object({}),
  driver_picked_up: Type.Object({ route_points: Type.Optional(Type.Array(Type.Unknown())) }),
  driver_ping: Type.Object({
    progress_pct: Type.Optional(Type.Number()),
    loc_lat: Type.Number({ minimum: -90, maximum: 90 }),
    loc_lon: Type.Number({ minimum: -180, maximum: 180 }),
  }),
  delivered: Type.Object({
    delivered_lat: Type.Optional(Type.Number()),
    delivered_lon: Type.Optional(Type.Number()),
  }),
} as const;

const StreamStackEnvelope = Type.Object({
  offset: Type.Optional(Type.Integer()),
  event_id: Ref,
  event_type: Type.String({ maxLength: 100 }),
  ts: Type.String({ maxLength: 40 }),
  partition_key: Ref,
  payload: Type.Object({}),
});

const STREAM_STACK_PAYLOADS = {
  order_created: Type.Object({
    order_id: Ref,
    visit_id: Type.Optional(Type.Union([Ref, Type.Null()])),
    service_type: Type.Union([Type.Literal('dine_in'), Type.Literal('takeout'), Type.Literal('delivery')]),
    order_ts: Type.Optional(Type.String({ maxLength: 40 })),
    location_code: Type.Optional(Ref),
  }),
  order_item_added: Type.Object({
    order_item_id: Ref,
    order_id: Ref,
    menu_item_id: Ref,
    category: Text(100),
    item_name: Text(200),
    unit_price: Amount,
    qty: Type.Integer({ minimum: 1, maximum: 1000 }),
    extended_price: Type.Optional(Amount),
  }),
  payment_captured: Type.Object({
    payment_id: Ref,
    order_id: Ref,
    method: Text(50),
    provider: Type.Optional(NullableText(100)),
    amount: Amount,
    auth_code: Type.Optional(NullableText(100)),
    subtotal: Amount,
    tax: Amount,
    tip: Amount,
    total: Amount,
    location_code: Type.Optional(Ref),
  }),
  feedback_submitted: Type.Object({
    feedback_id: Ref,
    order_id: Ref,
    customer_id: Type.Optional(Type.Union([Ref, Type.Null()])),
    rating: Type.Integer(),
    nps: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
    comment: Type.Optional(NullableText(2000)),
    created_ts: Type.Optional(Type.String({ maxLength: 40 })),
  }),
} as const;

export type GhostKitchenType = keyof typeof GHOST_KITCHEN_BODIES;
export type StreamStackType = keyof typeof STREAM_STACK_PAYLOADS;
export type GhostKitchenBody<T extends GhostKitchenType> = Static<(typeof GHOST_KITCHEN_BODIES)[T]>;
export type StreamStackPayload<T extends StreamStackType> = Static<(typeof STREAM_STACK_PAYLOADS)[T]>;

/** A ghost-kitchen event, checked: ids as text, `at` an ISO instant, `body` parsed. */
export type GhostKitchenEvent = {
  [T in GhostKitchenType]: {
    source: 'ghost-kitchen';
    id: string;
    type: T;
    at: string;
    location: string;
    order: string;
    body: GhostKitchenBody<T>;
  };
}[GhostKitchenType];

/** A stream-stack event, checked; `order` is the payload's order_id, `location` the partition key. */
export type StreamStackEvent = {
  [T in StreamStackType]: {
    source: 'stream-stack';
    id: string;
    type: T;
    at: string;
    location: string;
    order: string;
    payload: StreamStackPayload<T>;
  };
}[StreamStackType];

export type ForeignEvent = GhostKitchenEvent | StreamStackEvent;

export type Recognized =
  | { ok: true; format: 'brigade'; envelope: EventEnvelope }
  | { ok: true; format: 'foreign'; event: ForeignEvent }
  | {
      ok: false;
      rejection: IngestRejection;
      /** A Brigade envelope's event_id, when it is a UUID. */
      eventId?: string;
      /** A foreign envelope's source and event id, when readable (Brigade's id derives from them). */
      source?: ForeignEvent['source'];
      foreignId?: string;
    };

const compiled = new Map<TSchema, ReturnType<typeof TypeCompiler.Compile>>();
function problems(schema: TSchema, value: unknown, prefix: string): string[] {
  let check = compiled.get(schema);
  if (!check) {
    check = TypeCompiler.Compile(schema);
    compiled.set(schema, check);
  }
  if (check.Check(value)) return [];
  return [...check.Errors(value)].slice(0, 3).map((error) => `${prefix}${error.path} ${error.message}`);
}

const refText = (value: unknown): string | undefined =>
  typeof value === 'string' && value.length > 0
    ? value
    : typeof value === 'number' && Number.isInteger(value)
      ? String(value)
      : undefined;

/**
 * Which envelope an item is in, by the fields only that envelope has: Brigade's has `business_id`,
 * `version` and `occurred_at`; the ghost-kitchen one a `body`; the stream-stack one a `partition_key`
 * and a `payload`.
 */
export function recognizeEvent(item: unknown): Recognized {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    return { ok: false, rejection: reject('unknown_format', 'the event is not a JSON object') };
  }
  const fields = item as Record<string, unknown>;
  if ('business_id' in fields || 'version' in fields || 'occurred_at' in fields) {
    const eventId =
      typeof fields.event_id === 'string' && UUID_PATTERN.test(fields.event_id) ? fields.event_id : undefined;
    const fail = (rejection: IngestRejection): Recognized => ({
      ok: false,
      rejection,
      ...(eventId ? { eventId } : {}),
    });
    // The type first: an event Brigade does not ingest is refused as such, whatever its payload.
    if (typeof fields.event_type === 'string') {
      const type = EVENT_TYPE_ALIASES[fields.event_type] ?? fields.event_type;
      if (!Object.hasOwn(EVENT_CATALOG, type)) {
        return fail(
          reject('unsupported_type', `event_type "${fields.event_type}" is not in the event catalog`),
        );
      }
      const refused = brigadeTypeRejection(type);
      if (refused) return fail(refused);
    }
    const parsed = parseEnvelope(JSON.stringify(fields));
    if (!parsed.ok) return fail(reject('invalid_event', parsed.reason));
    const unscoped = brigadeScopeRejection(parsed.event);
    return unscoped ? fail(unscoped) : { ok: true, format: 'brigade', envelope: parsed.event };
  }
  if ('body' in fields) return recognizeForeign(fields, GHOST_KITCHEN);
  if ('partition_key' in fields || 'payload' in fields) return recognizeForeign(fields, STREAM_STACK);
  return {
    ok: false,
    rejection: reject(
      'unknown_format',
      'no envelope matches: Brigade events have business_id, version and occurred_at; ghost-kitchen ones a body; stream-stack ones a partition_key and a payload',
    ),
  };
}

/** What sets a foreign format apart: its envelope, where its type's data is, and its references. */
interface ForeignFormat {
  source: ForeignEvent['source'];
  envelope: TSchema;
  dataField: 'body' | 'payload';
  data: Readonly<Record<string, TSchema>>;
  location(envelope: Record<string, unknown>): unknown;
  order(envelope: Record<string, unknown>, data: Record<string, unknown>): unknown;
}

const GHOST_KITCHEN: ForeignFormat = {
  source: 'ghost-kitchen',
  envelope: GhostKitchenEnvelope,
  dataField: 'body',
  data: GHOST_KITCHEN_BODIES,
  location: (envelope) => envelope.location_id,
  order: (envelope) => envelope.order_id,
};

const STREAM_STACK: ForeignFormat = {
  source: 'stream-stack',
  envelope: StreamStackEnvelope,
  dataField: 'payload',
  data: STREAM_STACK_PAYLOADS,
  location: (envelope) => envelope.partition_key,
  order: (_envelope, data) => data.order_id,
};

function recognizeForeign(fields: Record<string, unknown>, format: ForeignFormat): Recognized {
  const { source, dataField } = format;
  const foreignId = refText(fields.event_id);
  const fail = (code: 'invalid_event' | 'unsupported_type', reason: string): Recognized => ({
    ok: false,
    rejection: reject(code, reason),
    source,
    ...(foreignId ? { foreignId } : {}),
  });
  const envelopeProblems = problems(format.envelope, fields, '');
  if (envelopeProblems.length > 0) return fail('invalid_event', envelopeProblems.join('; '));
  const type = fields.event_type as string;
  const schema = Object.hasOwn(format.data, type) ? format.data[type] : undefined;
  if (!schema) return fail('unsupported_type', `${source} event_type "${type}" has no Brigade mapping`);
  // The ghost-kitchen body is JSON text (an object is taken too).
  let data: unknown = fields[dataField];
  if (typeof data === 'string') {
    try {
      data = JSON.parse(data);
    } catch {
      return fail('invalid_event', `${dataField} is not JSON text`);
    }
  }
  const dataProblems = problems(schema, data, dataField);
  if (dataProblems.length > 0) return fail('invalid_event', dataProblems.join('; '));
  const at = parseForeignTime(fields.ts as string);
  if (!at) return fail('invalid_event', 'ts must be a time like 2025-03-14 18:02:11.415 (UTC) or ISO 8601');
  return {
    ok: true,
    format: 'foreign',
    event: {
      source,
      id: String(fields.event_id),
      type,
      at,
      location: String(format.location(fields)),
      order: String(format.order(fields, data as Record<string, unknown>)),
      [dataField]: data,
    } as ForeignEvent,
  };
}

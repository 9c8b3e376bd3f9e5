import type { TSchema } from '@sinclair/typebox';
import { EVENT_CATALOG, type EventType } from '../src/domain/events/catalog.js';
import type { EventEnvelope, StoredEvent } from '../src/domain/events/envelope.js';

/**
 * Renders docs/events.md from the event catalog. The document is generated, never edited, and a unit
 * test compares it with this output, so a catalog change that is not regenerated fails the build.
 * Everything here must be deterministic: no clock, no random ids.
 */

// Typed against the interfaces, so adding or renaming an envelope field breaks the typecheck until it
// is described here.
const ENVELOPE_FIELDS: Record<keyof EventEnvelope, string> = {
  event_id: 'UUID of this event; unique, so consumers can deduplicate redeliveries.',
  event_type: 'One of the types below, `<aggregate>.<what happened>`.',
  version: "Version of the payload schema for this type; it changes when a type's contract changes.",
  occurred_at:
    'ISO 8601 timestamp (UTC) of the state change, taken from the clock of the service that made it.',
  business_id: 'The tenant the event belongs to; every event has one.',
  location_id:
    'The location concerned, or `null` for business-wide events (business, brand, menu, membership).',
  order_id: 'The order concerned, or `null` for events that belong to no order.',
  sequence:
    "Position of the event in its order's history, 0..n without gaps or repeats; `0` for events without an order.",
  payload: 'The event data, shaped by the JSON Schema of its type (below).',
};

const STORED_FIELDS: Record<Exclude<keyof StoredEvent, keyof EventEnvelope>, string> = {
  position:
    'Insert order in the outbox (a growing integer). Not the log order: the relay gives each committed event a `log_position` in commit order, which the embedded bus and event feeds page by. Neither is part of the contract between producer and consumer.',
};

const EXAMPLE_UUID = '2f1c6a7e-8b4d-4e3a-9c5f-0d7b1e2a3c4d';
const EXAMPLE_DATE_TIME = '2025-01-15T18:30:00.000Z';
// Patterns our schemas use, with a value that matches each. An unknown pattern fails rendering, so a new
// one is noticed rather than documented with an example that breaks it.
const PATTERN_EXAMPLES: Record<string, string> = { '^[A-Z]{3}$': 'CAD' };

interface JsonSchema {
  type?: string;
  const?: unknown;
  format?: string;
  pattern?: string;
  minimum?: number;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
}

/** A value that satisfies the schema, built from its simplest choices (first union option, minimums). */
function exampleFor(schema: JsonSchema): unknown {
  if (schema.const !== undefined) return schema.const;
  if (schema.anyOf) {
    const [first] = schema.anyOf;
    if (!first) throw new Error('anyOf without options');
    return exampleFor(first);
  }
  if (schema.allOf) {
    return Object.assign({}, ...schema.allOf.map((part) => exampleFor(part) as Record<string, unknown>));
  }
  switch (schema.type) {
    case 'object':
      // Records (patternProperties) get no keys: an empty object is the simplest valid one.
      return Object.fromEntries(
        Object.entries(schema.properties ?? {}).map(([key, property]) => [key, exampleFor(property)]),
      );
    case 'array':
      return schema.items ? [exampleFor(schema.items)] : [];
    case 'string':
      return stringExample(schema);
    case 'integer':
    case 'number':
      return schema.minimum ?? 0;
    case 'boolean':
      return true;
    case 'null':
      return null;
    case undefined:
      return null; // Type.Unknown(): anything goes
    default:
      throw new Error(`no example for schema type ${schema.type}`);
  }
}

function stringExample(schema: JsonSchema): string {
  if (schema.format === 'uuid') return EXAMPLE_UUID;
  if (schema.format === 'date-time') return EXAMPLE_DATE_TIME;
  if (schema.format) throw new Error(`no example for string format ${schema.format}`);
  if (schema.pattern) {
    const example = PATTERN_EXAMPLES[schema.pattern];
    if (example === undefined) throw new Error(`no example for string pattern ${schema.pattern}`);
    return example;
  }
  return 'string';
}

/** The catalog's payload schema as plain JSON Schema (TypeBox's symbol keys dropped). */
function jsonSchemaOf(schema: TSchema): JsonSchema {
  return JSON.parse(JSON.stringify(schema)) as JsonSchema;
}

export function examplePayload(type: EventType): unknown {
  return exampleFor(jsonSchemaOf(EVENT_CATALOG[type].payload));
}

// GitHub's heading anchors: lower case, punctuation other than `-` and `_` removed.
function anchor(type: string): string {
  return type.toLowerCase().replace(/[^a-z0-9_ -]/g, '');
}

function json(value: unknown): string {
  return ['```json', JSON.stringify(value, null, 2), '```'].join('\n');
}

/** A hand-written envelope (realistic rather than minimal); the docs test checks its payload too. */
export function exampleEnvelope(): StoredEvent {
  return {
    position: 1042,
    event_id: '7d3e9f10-2a4b-4c6d-8e0f-1a2b3c4d5e6f',
    event_type: 'order.confirmed',
    version: EVENT_CATALOG['order.confirmed'].version,
    occurred_at: EXAMPLE_DATE_TIME,
    business_id: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
    location_id: '5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9',
    order_id: EXAMPLE_UUID,
    sequence: 3,
    payload: { from: 'placed', to: 'confirmed', actor: { user_id: null, role: 'system' } },
  };
}

const INTRO = `# Events

<!-- Generated by \`npm run docs:events\` from src/domain/events/catalog.ts and envelope.ts. Do not edit by hand:
     test/unit/docs-in-step.test.ts fails when this file and the catalog disagree. -->

Brigade records every state change as an event in a **transactional outbox**: the service that changes
an order, a payment, a menu or a location writes the events describing the change in the same database
transaction as the change itself (\`appendEvents\` in \`src/outbox/outbox-writer.ts\`). Either both commit
or neither does, so the outbox never announces something that did not happen and never misses
something that did. Publishing the outbox to a bus comes later; the outbox itself is complete and ordered.

Payloads are validated against the schemas on this page when they are written: an event that breaks
its contract is a bug, and the write aborts the whole transaction instead of handing consumers a bad
event.`;

function envelopeSection(): string {
  const rows = Object.entries({ ...ENVELOPE_FIELDS, ...STORED_FIELDS }).map(
    ([field, meaning]) => `| \`${field}\` | ${meaning} |`,
  );
  return [
    '## Envelope',
    '',
    'Every event travels in the same versioned envelope (`EventEnvelope` in `src/domain/events/envelope.ts`):',
    '',
    '| Field | Meaning |',
    '| --- | --- |',
    ...rows,
    '',
    'Consumers keep per-order order by `sequence` (the outbox enforces `(order_id, sequence)` to be unique);',
    'the relay publishes in commit order. How events travel from the outbox to consumers, and how another',
    'system publishes its own, is in [event-backbone.md](event-backbone.md). An example, as stored in the outbox:',
    '',
    json(exampleEnvelope()),
  ].join('\n');
}

const ORDERING = `## Order event ordering

An order's events carry consecutive \`sequence\` numbers. Placement and payment are two transactions,
so an order's history starts with one of:

- **paid:** \`order.placed\` [→ \`loyalty.points_redeemed\`] → \`payment.authorized\` → \`payment.captured\` →
  \`order.confirmed\` [→ \`loyalty.points_earned\`]
- **declined:** \`order.placed\` [→ \`loyalty.points_redeemed\`] → \`payment.declined\` → \`order.cancelled\`
  [→ \`loyalty.points_reversed\`, giving redeemed points back]

(bracketed events appear only when loyalty points are involved). A confirmed order then moves along its
lifecycle with one \`order.status_changed\` per step (preparing, ready, picked_up or out_for_delivery,
delivered or completed; see [order-lifecycle.md](order-lifecycle.md)), and a received order may get a
\`feedback.submitted\`.

### Compensation

Money is never left behind by a cancellation. When a paid order is cancelled, \`order.cancelled\` (with
\`loyalty.points_reversed\` for any points redeemed or earned) commits first, then the captured amount
is refunded and recorded as \`refund.processed\`: order.cancelled → refund.processed. The refund is
idempotent per order, so a retried compensation never pays twice. A cancelled order stays
\`cancelled\`; only a live order that is refunded in full moves on:

- **refund:** \`refund.processed\` (one per refund, partial or full) [→ \`order.refunded\` →
  \`loyalty.points_reversed\`] when the refunded total reaches the captured total.

If an order is cancelled while its payment is at the gateway and the capture succeeds anyway, the
history reads \`order.cancelled\` → \`payment.authorized\` → \`payment.captured\` → \`refund.processed\`.`;

const PAYLOADS_INTRO = `## Payloads

Each type's payload schema is JSON Schema, exactly what the outbox writer
validates. Example payloads are generated from the schemas (the first option of every choice, the
minimum of every number) and checked against them by the test suite: they show the shape, not a
realistic order.`;

function catalogTable(types: EventType[]): string {
  return [
    '## Event types',
    '',
    '| Type | Version | Description |',
    '| --- | --- | --- |',
    ...types.map(
      (type) =>
        `| [\`${type}\`](#${anchor(type)}) | ${EVENT_CATALOG[type].version} | ${EVENT_CATALOG[type].description} |`,
    ),
  ].join('\n');
}

function typeSection(type: EventType): string {
  const entry = EVENT_CATALOG[type];
  return [
    `### ${type}`,
    '',
    `Version ${entry.version}. ${entry.description}`,
    '',
    'Payload schema:',
    '',
    json(jsonSchemaOf(entry.payload)),
    '',
    'Example payload:',
    '',
    json(examplePayload(type)),
  ].join('\n');
}

export function renderEventDocs(): string {
  const types = Object.keys(EVENT_CATALOG) as EventType[];
  return `${[
    INTRO,
    envelopeSection(),
    ORDERING,
    catalogTable(types),
    PAYLOADS_INTRO,
    ...types.map(typeSection),
  ].join('\n\n')}\n`;
}

import { MAX_STORED_INTEGER } from '../../schemas/common.js';
import { UUID_PATTERN } from '../../schemas/formats.js';
import { EVENT_CATALOG } from './catalog.js';
import type { EventEnvelope } from './envelope.js';
import { payloadProblems } from './payload-check.js';

/**
 * Names other systems use for Brigade event types. SMACKZ-style ordering apps publish
 * `order.created` for what Brigade calls `order.placed`; the payload must still be Brigade's.
 */
export const EVENT_TYPE_ALIASES: Readonly<Record<string, string>> = {
  'order.created': 'order.placed',
};

export type ParsedEnvelope = { ok: true; event: EventEnvelope } | { ok: false; reason: string };

/**
 * Reads one message off the bus into an envelope, or says exactly why it cannot. Brigade's own events
 * always pass; the check exists for foreign producers, whose mistakes must reach the dead-letter store
 * with a reason instead of reaching consumers. Optional envelope fields: `location_id` and `order_id`
 * (default null) and `sequence` (default 0).
 */
export function parseEnvelope(body: string): ParsedEnvelope {
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch {
    return { ok: false, reason: 'body is not JSON' };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, reason: 'envelope is not a JSON object' };
  }
  const fields = raw as Record<string, unknown>;
  const problems: string[] = [];
  const id = (name: string, nullable: boolean): string | null => {
    const value = fields[name];
    if ((value === undefined || value === null) && nullable) return null;
    if (typeof value === 'string' && UUID_PATTERN.test(value)) return value;
    problems.push(`${name} must be a UUID${nullable ? ' or null' : ''}`);
    return null;
  };
  const eventId = id('event_id', false);
  const businessId = id('business_id', false);
  const locationId = id('location_id', true);
  const orderId = id('order_id', true);

  const typeName = typeof fields.event_type === 'string' ? fields.event_type : undefined;
  const eventType = typeName === undefined ? undefined : (EVENT_TYPE_ALIASES[typeName] ?? typeName);
  const entry = eventType === undefined ? undefined : EVENT_CATALOG[eventType as keyof typeof EVENT_CATALOG];
  if (typeName === undefined) problems.push('event_type must be a string');
  else if (!entry) problems.push(`event_type "${typeName}" is not in the event catalog`);

  if (!Number.isInteger(fields.version)) problems.push('version must be an integer');
  else if (entry && fields.version !== entry.version) {
    problems.push(
      `version ${String(fields.version)} of ${eventType} is not supported (current: ${entry.version})`,
    );
  }
  const occurredAt = fields.occurred_at;
  if (typeof occurredAt !== 'string' || Number.isNaN(Date.parse(occurredAt))) {
    problems.push('occurred_at must be an ISO 8601 timestamp');
  }
  const sequence = fields.sequence ?? 0;
  if (!Number.isInteger(sequence) || (sequence as number) < 0 || (sequence as number) > MAX_STORED_INTEGER) {
    problems.push(`sequence must be an integer from 0 to ${MAX_STORED_INTEGER}`);
  }
  const payload = fields.payload;
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    problems.push('payload must be an object');
  } else if (entry && eventType) {
    for (const problem of payloadProblems(eventType, payload, 3)) problems.push(`payload${problem}`);
  }
  if (problems.length > 0) return { ok: false, reason: problems.join('; ') };
  return {
    ok: true,
    event: {
      event_id: eventId as string,
      event_type: eventType as string,
      version: fields.version as number,
      occurred_at: new Date(occurredAt as string).toISOString(),
      business_id: businessId as string,
      location_id: locationId,
      order_id: orderId,
      sequence: sequence as number,
      payload,
    },
  };
}

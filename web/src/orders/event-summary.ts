import { formatMoney } from '../app/format.js';
import { STATUS_LABEL } from './order-labels.js';

/**
 * One line saying what a timeline event did, from the payload fields events share (docs/events.md):
 * a status move and who made it, an amount of money, a station, a reason. Fields an event does not
 * carry are left out; the full payload stays one click away in the timeline.
 */
export function eventSummary(payload: unknown, fallbackCurrency: string): string {
  if (!payload || typeof payload !== 'object') return '';
  const fields = payload as Record<string, unknown>;
  const parts: string[] = [];
  const { from, to, actor, amount, currency, station, reason } = fields;
  if (typeof from === 'string' && typeof to === 'string') parts.push(`${status(from)} → ${status(to)}`);
  const role = actor && typeof actor === 'object' ? (actor as { role?: unknown }).role : undefined;
  if (typeof role === 'string') parts.push(`by ${role.replace(/_/g, ' ')}`);
  if (typeof amount === 'number')
    parts.push(formatMoney(amount, typeof currency === 'string' ? currency : fallbackCurrency));
  if (typeof station === 'string') parts.push(`station ${station}`);
  if (typeof reason === 'string' && reason) parts.push(`“${reason}”`);
  return parts.join(' · ');
}

function status(value: string): string {
  return STATUS_LABEL[value as keyof typeof STATUS_LABEL] ?? value;
}

import { describe, expect, it } from 'vitest';
import { positiveMinor } from '../../../web/src/app/money-text.js';
import { eventSummary } from '../../../web/src/orders/event-summary.js';
import { eventLabel, orderNumber } from '../../../web/src/orders/order-labels.js';
import { placedBetween } from '../../../web/src/orders/placed-between.js';

describe('positiveMinor', () => {
  it('reads major units with a dot or a comma as integer minor units', () => {
    expect(positiveMinor('12', 'CAD')).toBe(1200);
    expect(positiveMinor(' 12.5 ', 'CAD')).toBe(1250);
    expect(positiveMinor('12,05', 'EUR')).toBe(1205);
    expect(positiveMinor('0.01', 'USD')).toBe(1);
    expect(positiveMinor('3.', 'USD')).toBe(300);
  });

  it('follows the currency: no decimals for yen, three for dinar', () => {
    expect(positiveMinor('500', 'JPY')).toBe(500);
    expect(positiveMinor('5.5', 'JPY')).toBeNull();
    expect(positiveMinor('1.234', 'KWD')).toBe(1234);
  });

  it('refuses what is not an amount', () => {
    for (const text of ['', '-1', '1.234', 'ten', '1 000', '1,000.00', '.5', '1e3'])
      expect(positiveMinor(text, 'CAD'), text).toBeNull();
  });
});

describe('eventSummary', () => {
  it('says the move, who made it and why', () => {
    expect(
      eventSummary(
        { from: 'confirmed', to: 'cancelled', actor: { user_id: null, role: 'manager' }, reason: 'no stock' },
        'CAD',
      ),
    ).toBe('Confirmed → Cancelled · by manager · “no stock”');
  });

  it('shows amounts in minor units as money of the event or the order', () => {
    const refund = eventSummary({ amount: 250, currency: 'EUR', reason: 'cold' }, 'CAD');
    expect(refund).toMatch(/2[.,]50/);
    expect(refund).toContain('“cold”');
    expect(eventSummary({ amount: 1000 }, 'USD')).toMatch(/10[.,]00/);
  });

  it('names the kitchen station and leaves unknown payloads empty', () => {
    expect(eventSummary({ station: 'grill', priority: 3 }, 'CAD')).toBe('station grill');
    expect(eventSummary(null, 'CAD')).toBe('');
    expect(eventSummary({ lat: 1 }, 'CAD')).toBe('');
  });
});

describe('labels', () => {
  it('numbers an order by the start of its id and spells event types', () => {
    expect(orderNumber('1a2b3c4d-0000-4000-8000-000000000000')).toBe('#1a2b3c4d');
    expect(eventLabel('order.status_changed')).toBe('Order status changed');
  });
});

describe('placedBetween', () => {
  it("turns the chosen days into the API's half-open range, whole days in the browser's time zone", () => {
    const { from, to } = placedBetween({ from: '2026-03-02', to: '2026-03-04' });
    const start = new Date(from ?? '');
    const end = new Date(to ?? '');
    expect([
      start.getFullYear(),
      start.getMonth(),
      start.getDate(),
      start.getHours(),
      start.getMinutes(),
    ]).toEqual([2026, 2, 2, 0, 0]);
    // The range ends where the day after `to` starts: the 4th is included whole.
    expect([end.getMonth(), end.getDate(), end.getHours()]).toEqual([2, 5, 0]);
  });

  it('leaves out a side that is empty or not a date', () => {
    expect(placedBetween({ from: '', to: '' })).toEqual({});
    expect(Object.keys(placedBetween({ from: '2026-03-02', to: 'tomorrow' }))).toEqual(['from']);
    expect(Object.keys(placedBetween({ from: '2026-3-2', to: '2026-03-31' }))).toEqual(['to']);
  });
});

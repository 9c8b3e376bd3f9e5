import { describe, expect, it } from 'vitest';
import {
  addressInstructions,
  formatAddress,
  isLive,
  nextStep,
} from '../../../web/src/driver/delivery-steps.js';

describe('driver delivery steps', () => {
  it('offers the one step the API allows next, in phase order, and none once delivered', () => {
    expect(nextStep({ status: 'unassigned' })).toEqual({ label: 'Claim', path: 'claim' });
    // A failed attempt before pickup leaves the order claimable again.
    expect(nextStep({ status: 'failed' })?.path).toBe('claim');
    expect(nextStep({ status: 'assigned' })?.path).toBe('arrived');
    expect(nextStep({ status: 'arrived' })?.path).toBe('picked-up');
    expect(nextStep({ status: 'picked_up' })?.path).toBe('delivered');
    expect(nextStep({ status: 'delivered' })).toBeNull();
  });

  it('counts assigned, arrived and picked-up attempts as live (they can still fail)', () => {
    expect(
      ['assigned', 'arrived', 'picked_up'].every((status) => isLive({ status: status as 'assigned' })),
    ).toBe(true);
    expect(isLive({ status: 'delivered' })).toBe(false);
    expect(isLive({ status: 'failed' })).toBe(false);
    expect(isLive({ status: 'unassigned' })).toBe(false);
  });

  it('writes an address on one line from the parts it has, and reads the driver note', () => {
    expect(
      formatAddress({
        line1: '120 Queen St W',
        line2: 'Unit 4',
        city: 'Toronto',
        region: 'ON',
        postalCode: 'M5H 2N2',
        instructions: 'Buzz 4',
      }),
    ).toBe('120 Queen St W, Unit 4, Toronto, ON M5H 2N2');
    expect(formatAddress({ line1: '1 Main', city: 'Toronto' })).toBe('1 Main, Toronto');
    expect(formatAddress({ line1: ' ', lat: 4 })).toBe('');
    expect(addressInstructions({ instructions: ' Buzz 4 ' })).toBe('Buzz 4');
    expect(addressInstructions({})).toBeNull();
  });
});

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimulatedGateway } from '../../src/payments/simulated-gateway.js';
import type { Database } from '../../src/storage/database.js';
import { paymentGatewayContract } from '../contract/payment-gateway-contract.js';
import { databaseKinds } from '../support/databases.js';

for (const kind of await databaseKinds()) {
  paymentGatewayContract(`SimulatedGateway on ${kind.name}`, async () => {
    const db = await kind.open();
    return {
      gateway: new SimulatedGateway(db),
      ledgerSize: async () => {
        const { rows } = await db.query<{ count: number }>(
          'SELECT count(*)::int AS count FROM simulated_gateway_operations',
        );
        return rows[0]?.count ?? 0;
      },
      close: () => db.close(),
    };
  });

  describe(`SimulatedGateway ledger on ${kind.name}`, () => {
    let db: Database;
    let gateway: SimulatedGateway;

    beforeAll(async () => {
      db = await kind.open();
      gateway = new SimulatedGateway(db);
    });
    afterAll(async () => {
      await db.close();
    });

    it('records authorization, capture and refund with their references and parents', async () => {
      const orderId = randomUUID();
      const authorization = await gateway.authorize({
        idempotencyKey: `auth-${orderId}`,
        amountMinor: 1_850,
        currency: 'CAD',
        instrument: { method: 'credit_card', cardNumber: '4242 4242 4242 4242' },
        orderId,
      });
      const capture = await gateway.capture({
        idempotencyKey: `capture-${orderId}`,
        authorizationReference: authorization.reference,
        amountMinor: 1_850,
      });
      const refund = await gateway.refund({
        idempotencyKey: `refund-${orderId}`,
        captureReference: capture.reference,
        amountMinor: 850,
        currency: 'CAD',
        reason: 'cold fries',
      });
      expect(authorization.reference).toMatch(/^sim_ch_[0-9a-f]+$/);
      expect(capture.reference).toMatch(/^sim_cp_[0-9a-f]+$/);
      expect(refund).toMatchObject({ status: 'refunded', refundedTotalMinor: 850 });
      if (refund.status !== 'refunded') return;
      expect(refund.reference).toMatch(/^sim_rf_[0-9a-f]+$/);

      const { rows } = await db.query<{
        idempotency_key: string;
        operation: string;
        reference: string;
        parent_reference: string | null;
        amount_minor: number;
        currency: string;
        kind: string;
      }>(
        `SELECT idempotency_key, operation, reference, parent_reference, amount_minor, currency, outcome->>'kind' AS kind
           FROM simulated_gateway_operations WHERE idempotency_key LIKE '%' || $1 ORDER BY created_at, operation`,
        [orderId],
      );
      expect(rows).toEqual([
        {
          idempotency_key: `auth-${orderId}`,
          operation: 'charge',
          reference: authorization.reference,
          parent_reference: null,
          amount_minor: 1_850,
          currency: 'CAD',
          kind: 'authorization',
        },
        {
          idempotency_key: `capture-${orderId}`,
          operation: 'charge',
          reference: capture.reference,
          parent_reference: authorization.reference,
          amount_minor: 1_850,
          currency: 'CAD',
          kind: 'capture',
        },
        {
          idempotency_key: `refund-${orderId}`,
          operation: 'refund',
          reference: refund.reference,
          parent_reference: capture.reference,
          amount_minor: 850,
          currency: 'CAD',
          kind: 'refund',
        },
      ]);
      // The full card number is never stored.
      const { rows: leaked } = await db.query(
        `SELECT 1 FROM simulated_gateway_operations WHERE outcome::text LIKE '%4242424242424242%'`,
      );
      expect(leaked).toEqual([]);
    });

    it('refuses a key reused across operations', async () => {
      const orderId = randomUUID();
      const authorization = await gateway.authorize({
        idempotencyKey: `shared-${orderId}`,
        amountMinor: 100,
        currency: 'CAD',
        instrument: { method: 'cash' },
        orderId,
      });
      await expect(
        gateway.capture({
          idempotencyKey: `shared-${orderId}`,
          authorizationReference: authorization.reference,
          amountMinor: 100,
        }),
      ).rejects.toThrow(/idempotency key/i);
    });

    it('rejects malformed amounts and currencies as programming errors', async () => {
      const base = {
        idempotencyKey: `bad-${randomUUID()}`,
        currency: 'CAD',
        instrument: { method: 'cash' as const },
        orderId: randomUUID(),
      };
      await expect(gateway.authorize({ ...base, amountMinor: 12.5 })).rejects.toThrow();
      await expect(gateway.authorize({ ...base, amountMinor: -1 })).rejects.toThrow();
      // Beyond the ledger's integer column.
      await expect(gateway.authorize({ ...base, amountMinor: 2 ** 31 })).rejects.toThrow();
      await expect(gateway.authorize({ ...base, amountMinor: 100, currency: 'cad' })).rejects.toThrow();
    });
  });
}

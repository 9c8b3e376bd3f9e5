import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AuthorizeRequest,
  PaymentGateway,
  PaymentInstrument,
  RefundOutcome,
} from '../../src/payments/payment-gateway.js';

/**
 * The behaviour Brigade relies on from any payment processor adapter. The simulated gateway passes it;
 * a real adapter (run against its sandbox, where the same test numbers are honoured) must pass it too.
 * Call it from a `*.test.ts` file: `paymentGatewayContract('my adapter', async () => ({ gateway, close }))`.
 */
export interface GatewayUnderTest {
  gateway: PaymentGateway;
  /**
   * Number of operations the processor has recorded, when the adapter can see its ledger. Used to
   * prove retries never record a second operation; adapters without a visible ledger omit it.
   */
  ledgerSize?: () => Promise<number>;
  close(): Promise<void>;
}

const CURRENCY = 'CAD';
const APPROVING_VISA = '4242424242424242';

const DECLINES: { method: PaymentInstrument['method']; cardNumber: string; declineCode: string }[] = [
  { method: 'credit_card', cardNumber: '4000000000000002', declineCode: 'card_declined' },
  { method: 'credit_card', cardNumber: '4000000000009995', declineCode: 'insufficient_funds' },
  { method: 'credit_card', cardNumber: '4000000000000069', declineCode: 'expired_card' },
  { method: 'credit_card', cardNumber: '4000000000000119', declineCode: 'processing_error' },
  { method: 'debit_card', cardNumber: '4000000000009995', declineCode: 'insufficient_funds' },
  { method: 'gift_card', cardNumber: '6000000000000000', declineCode: 'insufficient_funds' },
];

const key = (label: string) => `contract-${label}-${randomUUID()}`;

function authorizeRequest(overrides: Partial<AuthorizeRequest> = {}): AuthorizeRequest {
  return {
    idempotencyKey: key('auth'),
    amountMinor: 2_500,
    currency: CURRENCY,
    instrument: { method: 'credit_card', cardNumber: APPROVING_VISA },
    orderId: randomUUID(),
    ...overrides,
  };
}

export function paymentGatewayContract(name: string, makeGateway: () => Promise<GatewayUnderTest>): void {
  describe(`payment gateway contract: ${name}`, () => {
    let subject: GatewayUnderTest;
    let gateway: PaymentGateway;

    beforeAll(async () => {
      subject = await makeGateway();
      gateway = subject.gateway;
    });
    afterAll(async () => {
      await subject?.close();
    });

    /** Records how many operations `work` adds to the ledger, when the adapter exposes it. */
    async function expectLedgerGrowth(expected: number, work: () => Promise<void>): Promise<void> {
      const before = subject.ledgerSize ? await subject.ledgerSize() : undefined;
      await work();
      if (subject.ledgerSize && before !== undefined)
        expect(await subject.ledgerSize()).toBe(before + expected);
    }

    async function capturedPayment(amountMinor: number, currency = CURRENCY): Promise<string> {
      const authorization = await gateway.authorize(authorizeRequest({ amountMinor, currency }));
      if (authorization.status !== 'authorized') throw new Error('test card should approve');
      const capture = await gateway.capture({
        idempotencyKey: key('capture'),
        authorizationReference: authorization.reference,
        amountMinor,
      });
      if (capture.status !== 'captured') throw new Error('capture should succeed');
      return capture.reference;
    }

    describe('authorize', () => {
      it('approves a card, then captures the authorized amount', async () => {
        const authorization = await gateway.authorize(authorizeRequest({ amountMinor: 4_321 }));
        expect(authorization).toMatchObject({
          status: 'authorized',
          amountMinor: 4_321,
          provider: 'VISA',
          cardLast4: '4242',
        });
        if (authorization.status !== 'authorized') return;
        expect(authorization.authCode).toMatch(/^[A-Z0-9]{6}$/);

        const capture = await gateway.capture({
          idempotencyKey: key('capture'),
          authorizationReference: authorization.reference,
          amountMinor: 4_321,
        });
        expect(capture).toMatchObject({ status: 'captured', capturedMinor: 4_321 });
        if (capture.status === 'captured') expect(capture.reference).not.toBe(authorization.reference);
      });

      for (const decline of DECLINES) {
        it(`declines ${decline.method} ${decline.cardNumber} with ${decline.declineCode}`, async () => {
          const outcome = await gateway.authorize(
            authorizeRequest({ instrument: { method: decline.method, cardNumber: decline.cardNumber } }),
          );
          expect(outcome).toMatchObject({
            status: 'declined',
            declineCode: decline.declineCode,
            cardLast4: decline.cardNumber.slice(-4),
          });
          if (outcome.status === 'declined') expect(outcome.declineReason.length).toBeGreaterThan(0);
        });
      }

      it('approves cash without a provider, auth code or card', async () => {
        const outcome = await gateway.authorize(authorizeRequest({ instrument: { method: 'cash' } }));
        expect(outcome).toMatchObject({
          status: 'authorized',
          provider: null,
          authCode: null,
          cardLast4: null,
        });
      });

      it.each([
        [{ method: 'credit_card', cardNumber: '5555 5555 5555 4444' }, 'Mastercard', '4444', true],
        [{ method: 'credit_card', cardNumber: '2223003122003222' }, 'Mastercard', '3222', true],
        [{ method: 'credit_card', cardNumber: '378282246310005' }, 'Amex', '0005', true],
        [{ method: 'credit_card', cardNumber: '6011111111111117' }, 'VISA', '1117', true],
        [{ method: 'credit_card' }, 'VISA', null, true],
        [{ method: 'debit_card', cardNumber: '4506445006931933' }, 'Interac', '1933', true],
        [{ method: 'digital_wallet' }, 'Apple Pay', null, true],
        [{ method: 'digital_wallet', provider: 'Google Pay' }, 'Google Pay', null, true],
        [{ method: 'gift_card', cardNumber: '6000000000001234' }, 'Brigade Gift', '1234', false],
      ] as const)('derives the provider for %o', async (instrument, provider, last4, hasAuthCode) => {
        const outcome = await gateway.authorize(authorizeRequest({ instrument }));
        expect(outcome).toMatchObject({ status: 'authorized', provider, cardLast4: last4 });
        if (outcome.status !== 'authorized') return;
        if (hasAuthCode) expect(outcome.authCode).toMatch(/^[A-Z0-9]{6}$/);
        else expect(outcome.authCode).toBeNull();
      });

      it('replays the first outcome for the same key and records one operation', async () => {
        const request = authorizeRequest();
        await expectLedgerGrowth(1, async () => {
          const first = await gateway.authorize(request);
          expect(await gateway.authorize(request)).toEqual(first);
        });
      });

      it('finds an earlier authorization by key, approved or declined, and nothing for an unknown key', async () => {
        const approved = authorizeRequest();
        const declined = authorizeRequest({
          instrument: { method: 'credit_card', cardNumber: '4000000000000002' },
        });
        expect(await gateway.findAuthorization(approved.idempotencyKey)).toBeUndefined();
        const outcomes = [await gateway.authorize(approved), await gateway.authorize(declined)];
        expect(await gateway.findAuthorization(approved.idempotencyKey)).toEqual(outcomes[0]);
        expect(await gateway.findAuthorization(declined.idempotencyKey)).toEqual(outcomes[1]);
        expect(outcomes[1]?.status).toBe('declined');
      });

      it('replays a decline for the same key', async () => {
        const request = authorizeRequest({
          instrument: { method: 'credit_card', cardNumber: '4000000000000002' },
        });
        const first = await gateway.authorize(request);
        expect(await gateway.authorize(request)).toEqual(first);
      });

      it('gives 20 concurrent calls with one key one operation and one reference', async () => {
        const request = authorizeRequest();
        await expectLedgerGrowth(1, async () => {
          const outcomes = await Promise.all(Array.from({ length: 20 }, () => gateway.authorize(request)));
          expect(new Set(outcomes.map((outcome) => outcome.reference)).size).toBe(1);
          for (const outcome of outcomes) expect(outcome).toEqual(outcomes[0]);
        });
      });

      it('refuses a reused key with a different amount or currency and records nothing', async () => {
        const request = authorizeRequest();
        await gateway.authorize(request);
        await expectLedgerGrowth(0, async () => {
          await expect(
            gateway.authorize({ ...request, amountMinor: request.amountMinor + 1 }),
          ).rejects.toThrow();
          await expect(gateway.authorize({ ...request, currency: 'USD' })).rejects.toThrow();
        });
      });
    });

    describe('capture', () => {
      const capture = (authorizationReference: string, amountMinor: number) =>
        gateway.capture({ idempotencyKey: key('capture'), authorizationReference, amountMinor });

      it('is idempotent by key, also when one key races with itself, and takes a partial capture once', async () => {
        const authorization = await gateway.authorize(authorizeRequest({ amountMinor: 1_000 }));
        const request = {
          idempotencyKey: key('capture'),
          authorizationReference: authorization.reference,
          amountMinor: 400,
        };
        await expectLedgerGrowth(1, async () => {
          const outcomes = await Promise.all(Array.from({ length: 10 }, () => gateway.capture(request)));
          expect(outcomes[0]).toMatchObject({ status: 'captured', capturedMinor: 400 });
          for (const outcome of outcomes) expect(outcome).toEqual(outcomes[0]);
          expect(await gateway.capture(request)).toEqual(outcomes[0]);
        });
        await expect(gateway.capture({ ...request, amountMinor: 399 })).rejects.toThrow();
        // The replays moved no money: exactly the other 600 is still capturable.
        expect(await capture(authorization.reference, 601)).toMatchObject({
          status: 'failed',
          code: 'amount_exceeds_authorization',
        });
        expect(await capture(authorization.reference, 600)).toMatchObject({
          status: 'captured',
          capturedMinor: 600,
        });
      });

      it('captures less than authorized, but never more in total', async () => {
        const { reference } = await gateway.authorize(authorizeRequest({ amountMinor: 1_000 }));
        expect(await capture(reference, 1_001)).toMatchObject({
          status: 'failed',
          code: 'amount_exceeds_authorization',
        });
        expect(await capture(reference, 600)).toMatchObject({ status: 'captured', capturedMinor: 600 });
        expect(await capture(reference, 401)).toMatchObject({
          status: 'failed',
          code: 'amount_exceeds_authorization',
        });
        expect(await capture(reference, 400)).toMatchObject({ status: 'captured', capturedMinor: 400 });
      });

      it('never captures more than authorized under concurrency', async () => {
        const { reference } = await gateway.authorize(authorizeRequest({ amountMinor: 1_000 }));
        const outcomes = await Promise.all(Array.from({ length: 10 }, () => capture(reference, 300)));
        expect(outcomes.filter((outcome) => outcome.status === 'captured')).toHaveLength(3);
        expect(outcomes.filter((outcome) => outcome.status === 'failed')).toEqual(
          Array.from({ length: 7 }, () => expect.objectContaining({ code: 'amount_exceeds_authorization' })),
        );
        // The failures took nothing: exactly the last 100 is still capturable.
        expect(await capture(reference, 101)).toMatchObject({
          status: 'failed',
          code: 'amount_exceeds_authorization',
        });
        expect(await capture(reference, 100)).toMatchObject({ status: 'captured', capturedMinor: 100 });
      });

      it('fails for an unknown authorization', async () => {
        expect(await capture(`unknown-${randomUUID()}`, 100)).toMatchObject({
          status: 'failed',
          code: 'unknown_authorization',
        });
      });

      it('fails for a declined authorization', async () => {
        const declined = await gateway.authorize(
          authorizeRequest({ instrument: { method: 'credit_card', cardNumber: '4000000000000002' } }),
        );
        expect(declined.status).toBe('declined');
        expect(await capture(declined.reference, 100)).toMatchObject({
          status: 'failed',
          code: 'authorization_declined',
        });
      });
    });

    describe('refund', () => {
      const refund = (captureReference: string, amountMinor: number, currency = CURRENCY) =>
        gateway.refund({
          idempotencyKey: key('refund'),
          captureReference,
          amountMinor,
          currency,
          reason: 'contract test',
        });

      it('accepts partial refunds up to the captured amount and rejects one more cent', async () => {
        const capture = await capturedPayment(1_000);
        expect(await refund(capture, 300)).toMatchObject({
          status: 'refunded',
          amountMinor: 300,
          refundedTotalMinor: 300,
        });
        expect(await refund(capture, 700)).toMatchObject({
          status: 'refunded',
          amountMinor: 700,
          refundedTotalMinor: 1_000,
        });
        expect(await refund(capture, 1)).toMatchObject({ status: 'rejected', code: 'exceeds_captured' });
      });

      it('rejects a single refund above the captured amount', async () => {
        const capture = await capturedPayment(500);
        expect(await refund(capture, 501)).toMatchObject({ status: 'rejected', code: 'exceeds_captured' });
        expect(await refund(capture, 500)).toMatchObject({ status: 'refunded', refundedTotalMinor: 500 });
      });

      it('never refunds more than captured under concurrency', async () => {
        const capture = await capturedPayment(1_000);
        const outcomes = await Promise.all(Array.from({ length: 10 }, () => refund(capture, 300)));
        const refunded = outcomes.filter((outcome) => outcome.status === 'refunded');
        expect(refunded).toHaveLength(3);
        expect(outcomes.filter((outcome) => outcome.status === 'rejected')).toEqual(
          Array.from({ length: 7 }, () => expect.objectContaining({ code: 'exceeds_captured' })),
        );
        const totals = refunded.map((outcome) =>
          outcome.status === 'refunded' ? outcome.refundedTotalMinor : 0,
        );
        expect(totals.sort((a, b) => a - b)).toEqual([300, 600, 900]);
        expect(await refund(capture, 100)).toMatchObject({ status: 'refunded', refundedTotalMinor: 1_000 });
      });

      it('is idempotent by key, also under concurrency', async () => {
        const capture = await capturedPayment(1_000);
        const request = {
          idempotencyKey: key('refund'),
          captureReference: capture,
          amountMinor: 400,
          currency: CURRENCY,
          reason: 'customer complaint',
        };
        let outcomes: RefundOutcome[] = [];
        await expectLedgerGrowth(1, async () => {
          outcomes = await Promise.all(Array.from({ length: 5 }, () => gateway.refund(request)));
        });
        expect(outcomes[0]).toMatchObject({ status: 'refunded', amountMinor: 400, refundedTotalMinor: 400 });
        for (const outcome of outcomes) expect(outcome).toEqual(outcomes[0]);
        expect(await gateway.refund(request)).toEqual(outcomes[0]);
        // The replay moved no money: 600 is still refundable, 601 is not.
        expect(await refund(capture, 601)).toMatchObject({ status: 'rejected', code: 'exceeds_captured' });
        expect(await refund(capture, 600)).toMatchObject({ status: 'refunded', refundedTotalMinor: 1_000 });
        await expect(gateway.refund({ ...request, amountMinor: 300 })).rejects.toThrow();
      });

      it('rejects a currency that differs from the capture', async () => {
        const capture = await capturedPayment(1_000, 'CAD');
        expect(await refund(capture, 100, 'USD')).toMatchObject({
          status: 'rejected',
          code: 'currency_mismatch',
        });
        expect(await refund(capture, 1_000, 'CAD')).toMatchObject({ status: 'refunded' });
      });

      it('rejects unknown captures, authorizations and failed captures as unknown_capture', async () => {
        expect(await refund(`unknown-${randomUUID()}`, 100)).toMatchObject({
          status: 'rejected',
          code: 'unknown_capture',
        });
        const authorization = await gateway.authorize(authorizeRequest({ amountMinor: 1_000 }));
        expect(await refund(authorization.reference, 100)).toMatchObject({
          status: 'rejected',
          code: 'unknown_capture',
        });
        const failedCapture = await gateway.capture({
          idempotencyKey: key('capture'),
          authorizationReference: authorization.reference,
          amountMinor: 5_000,
        });
        expect(failedCapture.status).toBe('failed');
        expect(await refund(failedCapture.reference, 100)).toMatchObject({
          status: 'rejected',
          code: 'unknown_capture',
        });
      });
    });
  });
}

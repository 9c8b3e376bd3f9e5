/**
 * The payment port. Brigade talks to processors only through this contract; the built-in simulated
 * gateway implements it, and a real processor adapter would too (same shared test suite).
 * Every operation carries an idempotency key: calling it again with the same key returns the first
 * outcome and moves no money twice.
 */
export type PaymentMethod = 'credit_card' | 'debit_card' | 'cash' | 'digital_wallet' | 'gift_card';
export const PAYMENT_METHODS: readonly PaymentMethod[] = [
  'credit_card',
  'debit_card',
  'cash',
  'digital_wallet',
  'gift_card',
];

export interface PaymentInstrument {
  method: PaymentMethod;
  /** Card brand or wallet: VISA, Mastercard, Amex, Interac, Apple Pay, Google Pay, ... */
  provider?: string | undefined;
  /** Card number (simulated gateway only: test numbers decide the outcome). Never stored whole. */
  cardNumber?: string | undefined;
}

export interface AuthorizeRequest {
  idempotencyKey: string;
  amountMinor: number;
  currency: string;
  instrument: PaymentInstrument;
  /** For the processor's records. */
  orderId: string;
}

export type AuthorizeOutcome =
  | {
      status: 'authorized';
      reference: string;
      authCode: string | null;
      provider: string | null;
      cardLast4: string | null;
      amountMinor: number;
    }
  | {
      status: 'declined';
      reference: string;
      provider: string | null;
      cardLast4: string | null;
      declineCode: string;
      declineReason: string;
    };

export interface CaptureRequest {
  idempotencyKey: string;
  authorizationReference: string;
  amountMinor: number;
}

export type CaptureOutcome =
  | { status: 'captured'; reference: string; capturedMinor: number }
  | { status: 'failed'; reference: string; code: string; reason: string };

export interface RefundRequest {
  idempotencyKey: string;
  /** The capture being refunded. */
  captureReference: string;
  amountMinor: number;
  currency: string;
  reason: string;
}

export type RefundOutcome =
  | { status: 'refunded'; reference: string; amountMinor: number; refundedTotalMinor: number }
  | {
      status: 'rejected';
      code: 'exceeds_captured' | 'unknown_capture' | 'currency_mismatch';
      reason: string;
    };

export interface PaymentGateway {
  readonly name: string;
  authorize(request: AuthorizeRequest): Promise<AuthorizeOutcome>;
  /**
   * The outcome of an earlier `authorize` with this idempotency key, or undefined if the processor
   * never received it. Recovery uses it to finish a payment interrupted by a crash without the card
   * details, which Brigade never stores.
   */
  findAuthorization(idempotencyKey: string): Promise<AuthorizeOutcome | undefined>;
  capture(request: CaptureRequest): Promise<CaptureOutcome>;
  refund(request: RefundRequest): Promise<RefundOutcome>;
}

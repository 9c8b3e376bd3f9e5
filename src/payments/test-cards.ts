import type { PaymentInstrument } from './payment-gateway.js';

/**
 * What the simulated processor decides from the instrument alone: the provider, the last four digits
 * and whether one of the test numbers in docs/payments.md declines. Pure: no ledger, no clock. The
 * contract suite keeps its own list of these numbers on purpose, since a real adapter's sandbox must
 * honour them too.
 */
export interface TestCardDecline {
  declineCode: string;
  declineReason: string;
}

/** Numbers that decline (any method but cash). Every other number, or none, approves. */
const DECLINING_TEST_CARDS: Readonly<Record<string, TestCardDecline>> = {
  '4000000000000002': { declineCode: 'card_declined', declineReason: 'The card was declined.' },
  '4000000000009995': {
    declineCode: 'insufficient_funds',
    declineReason: 'The card has insufficient funds.',
  },
  '4000000000000069': { declineCode: 'expired_card', declineReason: 'The card has expired.' },
  '4000000000000119': {
    declineCode: 'processing_error',
    declineReason: 'An error occurred while processing the card.',
  },
  '6000000000000000': {
    declineCode: 'insufficient_funds',
    declineReason: 'The gift card balance is too low.',
  },
};

/** Digits only: people type spaces and dashes in card numbers. */
function normalizeCardNumber(cardNumber: string | undefined): string | null {
  if (cardNumber === undefined) return null;
  const digits = cardNumber.replace(/\D/g, '');
  return digits.length > 0 ? digits : null;
}

/** Amex and Mastercard by their prefixes; VISA for `4…`, for any other number and for none (''). */
function creditCardBrand(digits: string): string {
  if (digits.startsWith('34') || digits.startsWith('37')) return 'Amex';
  const two = Number(digits.slice(0, 2));
  if (two >= 51 && two <= 55) return 'Mastercard';
  // Fewer than four digits read as a number below 2221, so short numbers never match here.
  const four = Number(digits.slice(0, 4));
  if (four >= 2221 && four <= 2720) return 'Mastercard';
  return 'VISA';
}

/** The provider the caller named (a blank one counts as none), or the one a processor would report. */
export function resolveProvider(instrument: PaymentInstrument): string | null {
  if (instrument.provider !== undefined && instrument.provider.trim() !== '') return instrument.provider;
  switch (instrument.method) {
    case 'credit_card':
      return creditCardBrand(normalizeCardNumber(instrument.cardNumber) ?? '');
    case 'debit_card':
      return 'Interac';
    case 'digital_wallet':
      return 'Apple Pay';
    case 'gift_card':
      return 'Brigade Gift';
    case 'cash':
      return null;
  }
}

/** Cash has no card; for everything else the last four digits of whatever number was given. */
export function cardLast4(instrument: PaymentInstrument): string | null {
  if (instrument.method === 'cash') return null;
  const digits = normalizeCardNumber(instrument.cardNumber);
  return digits === null ? null : digits.slice(-4);
}

/** Cash is handed over at the counter, so it never declines. */
export function testCardDecline(instrument: PaymentInstrument): TestCardDecline | null {
  if (instrument.method === 'cash') return null;
  const digits = normalizeCardNumber(instrument.cardNumber);
  return digits === null ? null : (DECLINING_TEST_CARDS[digits] ?? null);
}

/** Card networks and wallets return an approval code; cash and gift cards do not. */
export function issuesAuthCode(instrument: PaymentInstrument): boolean {
  return (
    instrument.method === 'credit_card' ||
    instrument.method === 'debit_card' ||
    instrument.method === 'digital_wallet'
  );
}

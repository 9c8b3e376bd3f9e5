import type { FieldError } from '../../errors/app-error.js';

export type OfferKind = 'percent' | 'fixed' | 'buy_x_get_y';

export interface OfferTerms {
  kind: OfferKind;
  percentBps: number | null;
  amountMinor: number | null;
  buyQuantity: number | null;
  getQuantity: number | null;
  startsAt: string | null;
  endsAt: string | null;
}

/** Which amount fields each kind uses; the others must be absent so an offer means one thing. */
const FIELDS_OF: Record<OfferKind, readonly (keyof OfferTerms)[]> = {
  percent: ['percentBps'],
  fixed: ['amountMinor'],
  buy_x_get_y: ['buyQuantity', 'getQuantity'],
};
const AMOUNT_FIELDS = ['percentBps', 'amountMinor', 'buyQuantity', 'getQuantity'] as const;

/** Pure check of an offer's terms; every problem names its field. */
export function offerProblems(terms: OfferTerms): FieldError[] {
  const needed = FIELDS_OF[terms.kind];
  const problems: FieldError[] = [];
  for (const field of AMOUNT_FIELDS) {
    const present = terms[field] !== null;
    if (needed.includes(field) && !present) {
      problems.push({ field: `body/${field}`, message: `is required for a ${terms.kind} offer` });
    }
    if (!needed.includes(field) && present) {
      problems.push({ field: `body/${field}`, message: `must be absent for a ${terms.kind} offer` });
    }
  }
  if (
    terms.startsAt !== null &&
    terms.endsAt !== null &&
    Date.parse(terms.endsAt) <= Date.parse(terms.startsAt)
  ) {
    problems.push({ field: 'body/endsAt', message: 'must be after startsAt' });
  }
  return problems;
}

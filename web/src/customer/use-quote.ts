import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api/api-client.js';
import type { Quote, QuoteRequest } from './customer-types.js';

/** Choices typed in (a promo code, the points) settle this long before they are priced. */
const QUOTE_DEBOUNCE_MS = 350;

export interface QuoteState {
  /** The last successful price; kept while the next one is on its way. */
  quote: Quote | undefined;
  /** Why the current choices cannot be priced (problem+json as ApiProblem), until they can. */
  problem: unknown;
  /** A price for the current choices is on its way: the shown one may be stale. */
  pricing: boolean;
}

/**
 * The server's price for the cart with the checkout's choices (`POST /restaurants/{id}/orders/quote`),
 * asked again when the choices or the cart (`cartKey`) change, after they settle. Only the newest
 * answer is shown, so a slow answer to older choices never replaces a newer one.
 */
export function useQuote(locationId: string, request: QuoteRequest, cartKey: string): QuoteState {
  const [state, setState] = useState<QuoteState>({ quote: undefined, problem: undefined, pricing: true });
  const generation = useRef(0);
  const requestKey = JSON.stringify(request);

  useEffect(() => {
    generation.current += 1;
    const mine = generation.current;
    setState((previous) => ({ ...previous, pricing: true }));
    const timer = window.setTimeout(async () => {
      try {
        const quote = await api<Quote>(
          'POST',
          `/api/v1/restaurants/${locationId}/orders/quote`,
          JSON.parse(requestKey),
        );
        if (mine === generation.current) setState({ quote, problem: undefined, pricing: false });
      } catch (problem) {
        if (mine === generation.current) setState((previous) => ({ ...previous, problem, pricing: false }));
      }
    }, QUOTE_DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [locationId, requestKey, cartKey]);

  return state;
}

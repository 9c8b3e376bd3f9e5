import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api/api-client.js';
import type { Cart, NewCartLine } from './customer-types.js';

export interface CartState {
  cart: Cart | undefined;
  /** The last load's or change's failure (problem+json as ApiProblem), until the next succeeds. */
  error: unknown;
  /** A change is on its way; the buttons wait for it. */
  busy: boolean;
  add(line: NewCartLine): Promise<void>;
  setQuantity(lineId: string, quantity: number): Promise<void>;
  remove(lineId: string): Promise<void>;
  clear(): Promise<void>;
  reload(): Promise<void>;
}

/**
 * The signed-in user's cart at one restaurant (`/api/v1/users/{userId}/restaurants/{locationId}/cart`).
 * Every change answers the whole cart, priced by the server, which replaces what is shown. A change
 * that fails keeps the cart as it was and leaves the API's problem in `error`; `add` also rethrows it,
 * so the dish form that asked can show it beside the dish.
 */
export function useCart(userId: string, locationId: string): CartState {
  const base = `/api/v1/users/${userId}/restaurants/${locationId}/cart`;
  const [cart, setCart] = useState<Cart | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const generation = useRef(0);

  const change = useCallback(async (send: () => Promise<Cart>, rethrow = false): Promise<void> => {
    generation.current += 1;
    const mine = generation.current;
    setBusy(true);
    try {
      const next = await send();
      if (mine === generation.current) {
        setCart(next);
        setError(undefined);
      }
    } catch (caught) {
      if (mine === generation.current) setError(caught);
      if (rethrow) throw caught;
    } finally {
      if (mine === generation.current) setBusy(false);
    }
  }, []);

  const reload = useCallback(() => change(() => api<Cart>('GET', base)), [base, change]);
  useEffect(() => {
    setCart(undefined);
    void reload();
  }, [reload]);

  return {
    cart,
    error,
    busy,
    reload,
    add: (line) => change(() => api<Cart>('POST', `${base}/lines`, line), true),
    setQuantity: (lineId, quantity) =>
      change(() => api<Cart>('PATCH', `${base}/lines/${lineId}`, { quantity })),
    remove: (lineId) => change(() => api<Cart>('DELETE', `${base}/lines/${lineId}`)),
    clear: () => change(() => api<Cart>('DELETE', base)),
  };
}

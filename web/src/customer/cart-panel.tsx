import { formatMoney } from '../app/format.js';
import { ProblemView } from '../app/problem-view.js';
import { navigate } from '../app/router.js';
import { CheckoutForm } from './checkout-form.js';
import type { Restaurant } from './customer-types.js';
import type { CartState } from './use-cart.js';

/**
 * The guest's order at this restaurant before it is placed: the cart's lines as the server priced
 * them (dishes no longer orderable flagged), quantities to change, lines to remove, the subtotal, and
 * the checkout. Placed, the order opens on its own page.
 */
export function CartPanel({ restaurant, cart }: { restaurant: Restaurant; cart: CartState }) {
  const lines = cart.cart?.lines ?? [];
  const currency = cart.cart?.currency ?? restaurant.currency;
  const subtotal = lines.reduce((sum, line) => sum + line.lineSubtotalMinor, 0);
  return (
    <aside class="panel cart-panel" aria-labelledby="cart-title" aria-busy={cart.busy}>
      <h2 id="cart-title">Your order</h2>
      {cart.cart === undefined && cart.error === undefined && <p class="muted">Loading…</p>}
      {cart.error !== undefined && <ProblemView error={cart.error} what="cart here" />}
      {cart.cart && lines.length === 0 && (
        <p class="muted" data-testid="cart-empty">
          Nothing yet: add dishes from the menu.
        </p>
      )}
      {lines.length > 0 && (
        <>
          <ul class="cart-lines">
            {lines.map((line) => (
              <li key={line.id} data-line={line.name} class={line.orderable ? undefined : 'unavailable'}>
                <div class="cart-line-head">
                  <span>{line.name}</span>
                  <span data-testid="line-subtotal">{formatMoney(line.lineSubtotalMinor, currency)}</span>
                </div>
                {line.modifiers.length > 0 && (
                  <p class="small muted">{line.modifiers.map((modifier) => modifier.name).join(', ')}</p>
                )}
                {line.notes && <p class="small">“{line.notes}”</p>}
                {!line.orderable && (
                  <p class="small dish-unavailable">Not available now: remove it to order.</p>
                )}
                <div class="cart-line-actions">
                  <button
                    type="button"
                    disabled={cart.busy || line.quantity <= 1}
                    aria-label={`One ${line.name} less`}
                    onClick={() => cart.setQuantity(line.id, line.quantity - 1)}
                  >
                    −
                  </button>
                  <span class="quantity" data-testid="line-quantity">
                    {line.quantity}
                    <span class="visually-hidden"> × {line.name}</span>
                  </span>
                  <button
                    type="button"
                    disabled={cart.busy || line.quantity >= 99}
                    aria-label={`One ${line.name} more`}
                    onClick={() => cart.setQuantity(line.id, line.quantity + 1)}
                  >
                    +
                  </button>
                  <button
                    type="button"
                    class="link-button"
                    disabled={cart.busy}
                    onClick={() => cart.remove(line.id)}
                  >
                    Remove<span class="visually-hidden"> {line.name}</span>
                  </button>
                </div>
              </li>
            ))}
          </ul>
          <p class="cart-subtotal">
            <span>Subtotal</span>{' '}
            <strong data-testid="cart-subtotal">{formatMoney(subtotal, currency)}</strong>
          </p>
          <button type="button" class="link-button" disabled={cart.busy} onClick={() => cart.clear()}>
            Empty the order
          </button>
          <CheckoutForm
            restaurant={restaurant}
            cartKey={lines.map((line) => `${line.id}:${line.quantity}:${line.lineSubtotalMinor}`).join(',')}
            onPlaced={(order) => navigate(`/my-orders/${order.id}`)}
            onDeclined={cart.reload}
          />
        </>
      )}
    </aside>
  );
}

import { useRef, useState } from 'preact/hooks';
import { api } from '../api/api-client.js';
import { ApiProblem } from '../api/api-problem.js';
import { idempotencyKey } from '../api/idempotency-key.js';
import { formatMoney } from '../app/format.js';
import { ProblemView } from '../app/problem-view.js';
import type { Order } from '../orders/orders-types.js';
import type { PlaceOrder, QuoteRequest, Restaurant } from './customer-types.js';
import { PriceSummary } from './price-summary.js';
import { useQuote } from './use-quote.js';

type Method = PlaceOrder['payment']['method'];

const SERVICE_NAMES: Record<string, string> = {
  takeout: 'Takeout',
  delivery: 'Delivery',
  dine_in: 'Dine-in',
};
const METHODS: { method: Method; label: string; card: boolean }[] = [
  { method: 'credit_card', label: 'Credit card', card: true },
  { method: 'debit_card', label: 'Debit card', card: true },
  { method: 'gift_card', label: 'Gift card', card: true },
  { method: 'digital_wallet', label: 'Digital wallet', card: false },
  { method: 'cash', label: 'Cash', card: false },
];
const TIPS = [0, 1000, 1500, 1800, 2000];

export interface CheckoutProps {
  restaurant: Restaurant;
  /** Changes whenever the cart does, so the price is asked again. */
  cartKey: string;
  /** The order was placed and paid: where to go next. */
  onPlaced: (order: Order) => void;
  /** The payment was declined: the order is cancelled and the server put its dishes back in the cart. */
  onDeclined: () => Promise<void>;
}

/**
 * Places the cart as an order (`POST /restaurants/{id}/orders` without items): service type (with the
 * table for dine-in, the address and its coordinates for delivery), tip, promo code, loyalty points,
 * payment and a note. The server prices everything; the form sends no amount, and shows the server's
 * price for the current choices (a quote) before the order is placed. A retry of the same order after a
 * lost answer reuses its Idempotency-Key, so it cannot be placed or charged twice.
 */
export function CheckoutForm({ restaurant, cartKey, onPlaced, onDeclined }: CheckoutProps) {
  const services = restaurant.serviceTypes.filter((type) => type in SERVICE_NAMES);
  const [service, setService] = useState(services.includes('takeout') ? 'takeout' : (services[0] ?? ''));
  const [table, setTable] = useState('');
  const [address, setAddress] = useState({ line1: '', city: '', postalCode: '', instructions: '' });
  const [coordinates, setCoordinates] = useState({ lat: '', lon: '' });
  const [tipBps, setTipBps] = useState(1500);
  const [promo, setPromo] = useState('');
  const [points, setPoints] = useState('');
  const [method, setMethod] = useState<Method>('credit_card');
  const [card, setCard] = useState('');
  const [notes, setNotes] = useState('');
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<unknown>(undefined);
  const [declined, setDeclined] = useState<string | undefined>(undefined);
  const attempt = useRef<{ key: string; body: string; answered: boolean } | null>(null);
  const usesCard = METHODS.find((one) => one.method === method)?.card ?? false;
  const currency = restaurant.currency;

  const pointsToRedeem = /^\d+$/.test(points.trim()) ? Number(points.trim()) : 0;
  const pricingChoices: QuoteRequest = {
    serviceType: service as PlaceOrder['serviceType'],
    tip: { percentBps: tipBps },
    ...(promo.trim() ? { promoCode: promo.trim() } : {}),
    ...(pointsToRedeem > 0 ? { loyaltyPointsToRedeem: pointsToRedeem } : {}),
  };
  const price = useQuote(restaurant.id, pricingChoices, cartKey);
  const loyalty = price.quote?.loyalty;

  const body = (): PlaceOrder => ({
    ...pricingChoices,
    ...(service === 'dine_in' ? { tableNumber: table.trim() } : {}),
    ...(service === 'delivery'
      ? {
          delivery: {
            address: {
              line1: address.line1.trim(),
              city: address.city.trim(),
              ...(address.postalCode.trim() ? { postalCode: address.postalCode.trim() } : {}),
              ...(address.instructions.trim() ? { instructions: address.instructions.trim() } : {}),
            },
            lat: Number(coordinates.lat),
            lon: Number(coordinates.lon),
          },
        }
      : {}),
    payment: { method, ...(usesCard && card.trim() ? { cardNumber: card.replace(/\s+/g, '') } : {}) },
    ...(notes.trim() ? { notes: notes.trim() } : {}),
  });

  const place = async () => {
    const request = body();
    const text = JSON.stringify(request);
    // The same order again after an answer that never came: the same key, so the server replays it.
    const previous = attempt.current;
    const key = previous && previous.body === text && !previous.answered ? previous.key : idempotencyKey();
    attempt.current = { key, body: text, answered: false };
    setSending(true);
    setProblem(undefined);
    setDeclined(undefined);
    try {
      const order = await api<Order>('POST', `/api/v1/restaurants/${restaurant.id}/orders`, request, {
        'idempotency-key': key,
      });
      attempt.current.answered = true;
      onPlaced(order);
    } catch (caught) {
      if (caught instanceof ApiProblem) attempt.current.answered = true;
      if (caught instanceof ApiProblem && caught.code === 'payment_declined') {
        await onDeclined();
        setDeclined(caught.body.detail ?? 'The payment was declined.');
      } else setProblem(caught);
    } finally {
      setSending(false);
    }
  };

  const locate = () =>
    navigator.geolocation?.getCurrentPosition((position) =>
      setCoordinates({
        lat: position.coords.latitude.toFixed(6),
        lon: position.coords.longitude.toFixed(6),
      }),
    );
  const fieldErrors = problem instanceof ApiProblem ? (problem.body.errors ?? []) : [];

  return (
    <form
      class="checkout"
      aria-labelledby="checkout-title"
      onSubmit={(event) => {
        event.preventDefault();
        void place();
      }}
    >
      <h3 id="checkout-title">Checkout</h3>
      <fieldset>
        <legend>Service</legend>
        {services.map((type) => (
          <label key={type} class="choice">
            <input type="radio" name="service" checked={service === type} onChange={() => setService(type)} />
            {SERVICE_NAMES[type]}
            {type === 'delivery' && (
              <span class="muted small"> (+{formatMoney(restaurant.deliveryFeeMinor, currency)})</span>
            )}
          </label>
        ))}
      </fieldset>
      {service === 'dine_in' && (
        <Field label="Table" value={table} onInput={setTable} required maxLength={20} />
      )}
      {service === 'delivery' && (
        <fieldset>
          <legend>Deliver to</legend>
          <Field
            label="Street address"
            value={address.line1}
            onInput={(line1) => setAddress({ ...address, line1 })}
            required
            maxLength={200}
            autocomplete="address-line1"
          />
          <Field
            label="City"
            value={address.city}
            onInput={(city) => setAddress({ ...address, city })}
            required
            maxLength={100}
            autocomplete="address-level2"
          />
          <Field
            label="Postal code"
            value={address.postalCode}
            onInput={(postalCode) => setAddress({ ...address, postalCode })}
            maxLength={20}
            autocomplete="postal-code"
          />
          <Field
            label="Instructions for the driver"
            value={address.instructions}
            onInput={(instructions) => setAddress({ ...address, instructions })}
            maxLength={500}
          />
          <div class="coordinates">
            <Field
              label="Latitude"
              value={coordinates.lat}
              onInput={(lat) => setCoordinates({ ...coordinates, lat })}
              required
              inputMode="decimal"
            />
            <Field
              label="Longitude"
              value={coordinates.lon}
              onInput={(lon) => setCoordinates({ ...coordinates, lon })}
              required
              inputMode="decimal"
            />
            {'geolocation' in navigator && (
              <button type="button" onClick={locate}>
                Use my location
              </button>
            )}
          </div>
        </fieldset>
      )}
      <div class="checkout-row">
        <label for="checkout-tip">Tip</label>
        <select
          id="checkout-tip"
          value={String(tipBps)}
          onChange={(event) => setTipBps(Number(event.currentTarget.value))}
        >
          {TIPS.map((bps) => (
            <option key={bps} value={String(bps)}>
              {bps === 0 ? 'No tip' : `${bps / 100}%`}
            </option>
          ))}
        </select>
      </div>
      <Field label="Promo code" value={promo} onInput={setPromo} maxLength={64} />
      {loyalty && loyalty.pointsBalance > 0 && (
        <Field
          label="Points to use"
          value={points}
          onInput={setPoints}
          inputMode="numeric"
          hint={`You have ${loyalty.pointsBalance} loyalty points, worth up to ${formatMoney(
            Math.floor(loyalty.pointsBalance / loyalty.pointsPerMinorUnit),
            currency,
          )}.`}
        />
      )}
      <div class="checkout-row">
        <label for="checkout-method">Payment</label>
        <select
          id="checkout-method"
          value={method}
          onChange={(event) => setMethod(event.currentTarget.value as Method)}
        >
          {METHODS.map((one) => (
            <option key={one.method} value={one.method}>
              {one.label}
            </option>
          ))}
        </select>
      </div>
      {usesCard && (
        <Field
          label="Card number"
          value={card}
          onInput={setCard}
          inputMode="numeric"
          autocomplete="cc-number"
          hint="Simulated gateway: 4242 4242 4242 4242 is approved, 4000 0000 0000 9995 declined."
        />
      )}
      <Field label="Note for the restaurant" value={notes} onInput={setNotes} maxLength={1000} />
      {service && <PriceSummary state={price} />}
      {declined && (
        <p class="problem" role="alert" data-testid="payment-declined">
          {declined} The order was cancelled and nothing was charged; your dishes are back in your order.
        </p>
      )}
      {problem !== undefined && <ProblemView error={problem} />}
      {fieldErrors.length > 0 && (
        <ul class="form-problems">
          {fieldErrors.map((error) => (
            <li key={error.field + error.message}>
              <code>{error.field}</code> {error.message}
            </li>
          ))}
        </ul>
      )}
      <button type="submit" class="primary" disabled={sending || !service}>
        {sending ? 'Placing…' : 'Place order'}
      </button>
    </form>
  );
}

function Field(props: {
  label: string;
  value: string;
  onInput: (value: string) => void;
  required?: boolean;
  maxLength?: number;
  inputMode?: 'decimal' | 'numeric';
  autocomplete?: string;
  hint?: string;
}) {
  const id = `checkout-${props.label.toLowerCase().replace(/[^a-z]+/g, '-')}`;
  return (
    <div class="checkout-field">
      <label for={id}>{props.label}</label>
      <input
        id={id}
        type="text"
        value={props.value}
        required={props.required}
        maxLength={props.maxLength}
        inputMode={props.inputMode}
        autoComplete={props.autocomplete}
        aria-describedby={props.hint ? `${id}-hint` : undefined}
        onInput={(event) => props.onInput(event.currentTarget.value)}
      />
      {props.hint && (
        <p id={`${id}-hint`} class="small muted">
          {props.hint}
        </p>
      )}
    </div>
  );
}

import { ApiProblem } from '../api/api-problem.js';
import { formatMoney } from '../app/format.js';
import { ProblemView } from '../app/problem-view.js';
import type { QuoteState } from './use-quote.js';

/**
 * The order's price as the server would charge it now (a quote): subtotal, the offer, points, each
 * tax, tip, delivery fee and the total, and the points it earns. Choices the server refuses (a promo
 * code that does not apply, more points than the balance) show its reason instead of a price.
 */
export function PriceSummary({ state }: { state: QuoteState }) {
  const { quote, problem, pricing } = state;
  if (problem !== undefined) {
    return problem instanceof ApiProblem && problem.status === 422 ? (
      <p class="problem" role="alert" data-testid="quote-problem">
        This order cannot be priced as it is: {problem.body.detail ?? problem.body.title} (
        <code>{problem.code}</code>)
      </p>
    ) : (
      <ProblemView error={problem} />
    );
  }
  if (!quote) return <p class="muted small">Pricing…</p>;
  const { totals } = quote;
  const money = (minor: number) => formatMoney(minor, totals.currency);
  return (
    <section
      class="price-summary"
      aria-labelledby="price-title"
      aria-busy={pricing}
      data-testid="price-summary"
    >
      <h4 id="price-title" class="price-title">
        Price
      </h4>
      <dl>
        <Row label="Subtotal" value={money(totals.subtotalMinor)} />
        {quote.appliedOffers.map((offer) => (
          <Row key={offer.offerId} label={offer.name} value={`−${money(offer.discountMinor)}`} />
        ))}
        {totals.loyaltyDiscountMinor > 0 && (
          <Row
            label={points(quote.loyalty?.pointsRedeemed ?? 0)}
            value={`−${money(totals.loyaltyDiscountMinor)}`}
          />
        )}
        {quote.taxes.map((tax) => (
          <Row key={tax.name} label={`${tax.name} ${tax.rateBps / 100}%`} value={money(tax.amountMinor)} />
        ))}
        {totals.tipMinor > 0 && <Row label="Tip" value={money(totals.tipMinor)} />}
        {totals.deliveryFeeMinor > 0 && <Row label="Delivery fee" value={money(totals.deliveryFeeMinor)} />}
        <Row label="Total" value={money(totals.totalMinor)} strong testId="quote-total" />
      </dl>
      {quote.loyalty && quote.loyalty.pointsEarned > 0 && (
        <p class="small muted">This order earns {points(quote.loyalty.pointsEarned)}.</p>
      )}
      {!quote.acceptingOrders && (
        <p class="small dish-unavailable">
          {quote.notAcceptingReason}: the order can be placed once it opens.
        </p>
      )}
    </section>
  );
}

function Row(props: { label: string; value: string; strong?: boolean; testId?: string }) {
  return (
    <div class={props.strong ? 'price-row total' : 'price-row'}>
      <dt>{props.label}</dt>
      <dd data-testid={props.testId}>{props.value}</dd>
    </div>
  );
}

function points(count: number): string {
  return count === 1 ? '1 point' : `${count} points`;
}

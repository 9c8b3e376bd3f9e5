import { Fragment } from 'preact';
import { DataTable } from '../app/data-table.js';
import { formatMoney, formatTime } from '../app/format.js';
import { ProblemView } from '../app/problem-view.js';
import { Link } from '../app/router.js';
import { DeliveryTracking } from './delivery-tracking.js';
import { eventSummary } from './event-summary.js';
import { OrderActions } from './order-actions.js';
import { eventLabel, formatWhen, orderNumber, SERVICE_LABEL, STATUS_LABEL } from './order-labels.js';
import type { Order } from './orders-types.js';
import { useOrderDetail } from './use-order-detail.js';

/**
 * One order for staff, and for its customer: who and what (lines with modifiers and notes), the money
 * (breakdown, payments, refunds), delivery, its timeline, and the moves the signed-in user may make
 * (the API's `/actions`). Live over the order's feed.
 */
export function OrderDetail({
  orderId,
  locationName,
  backHref,
  backLabel = 'All orders',
  onChanged,
}: {
  orderId: string;
  locationName: (locationId: string) => string;
  backHref: string;
  backLabel?: string;
  onChanged: () => void;
}) {
  const detail = useOrderDetail(orderId);
  const back = (
    <Link href={backHref} class="back-link">
      ← {backLabel}
    </Link>
  );
  if (!detail.data) {
    return (
      <section
        class="panel order-detail"
        aria-labelledby="order-title"
        aria-busy={detail.error === undefined}
      >
        {back}
        <h2 id="order-title">Order {orderNumber(orderId)}</h2>
        {detail.error !== undefined ? (
          <ProblemView error={detail.error} what="such order, or not one you may open" />
        ) : (
          <p class="muted">Loading…</p>
        )}
      </section>
    );
  }
  const { order, actions, events, delivery } = detail.data;
  const currency = order.totals.currency;
  const money = (minor: number) => formatMoney(minor, currency);
  return (
    <section class="panel order-detail" aria-labelledby="order-title" data-order-id={order.id}>
      {back}
      <div class="order-detail-head">
        <h2 id="order-title">
          Order {orderNumber(order.id)}{' '}
          <span class={`status-badge status-${order.status}`} data-testid="detail-status">
            {STATUS_LABEL[order.status]}
          </span>
        </h2>
        <span class={`feed-state ${detail.feed}`}>
          <span class="dot" aria-hidden="true" />
          {detail.feed === 'live' ? 'Live' : detail.feed === 'connecting' ? 'Connecting…' : 'Reconnecting…'}
        </span>
      </div>
      <dl class="facts">
        <dt>Placed</dt>
        <dd>{formatWhen(order.placedAt)}</dd>
        <dt>Location</dt>
        <dd>{locationName(order.locationId)}</dd>
        <dt>Service</dt>
        <dd>
          {SERVICE_LABEL[order.serviceType]}
          {order.tableNumber ? `, table ${order.tableNumber}` : ''} · {order.channel}
        </dd>
        <dt>Customer</dt>
        <dd>{order.customer ? `${order.customer.name} (${order.customer.email})` : 'No account'}</dd>
        {order.promoCode && (
          <>
            <dt>Promo code</dt>
            <dd>{order.promoCode}</dd>
          </>
        )}
        {order.cancelReason && (
          <>
            <dt>Cancelled because</dt>
            <dd>{order.cancelReason}</dd>
          </>
        )}
        {order.notes && (
          <>
            <dt>Notes</dt>
            <dd class="note">{order.notes}</dd>
          </>
        )}
      </dl>

      <OrderActions
        order={order}
        actions={actions}
        onChanged={() => {
          void detail.reload();
          onChanged();
        }}
      />

      <h3>Items</h3>
      <ul class="order-lines">
        {order.lines.map((line) => (
          <li key={line.id}>
            <span class="qty">{line.quantity}×</span> <span class="item-name">{line.name}</span>
            <span class="line-price">{money(line.lineSubtotalMinor)}</span>
            {line.modifiers.length > 0 && (
              <ul class="modifiers">
                {line.modifiers.map((modifier) => (
                  <li key={modifier.optionId}>
                    {modifier.groupName}: {modifier.name}
                    {modifier.priceMinor > 0 ? ` (+${money(modifier.priceMinor)})` : ''}
                  </li>
                ))}
              </ul>
            )}
            {line.notes && <p class="note">Note: {line.notes}</p>}
            {line.discountMinor > 0 && <p class="muted small">Discount −{money(line.discountMinor)}</p>}
          </li>
        ))}
      </ul>

      <h3>Money</h3>
      <MoneyBreakdown order={order} />

      {order.delivery && <DeliveryInfo delivery={order.delivery} />}
      {delivery && <DeliveryTracking delivery={delivery} />}

      <h3>Payments</h3>
      {order.payments.length === 0 ? (
        <p class="muted">No payment recorded.</p>
      ) : (
        <DataTable label="Payments" columns={['Method', 'Status', 'Captured', 'Refunded', 'At']}>
          {order.payments.map((payment) => (
            <tr key={payment.id}>
              <td>
                {payment.method.replace(/_/g, ' ')}
                {payment.cardLast4 ? ` ···${payment.cardLast4}` : ''}
              </td>
              <td>
                {payment.status}
                {payment.declineReason ? ` — ${payment.declineReason}` : ''}
              </td>
              <td>{money(payment.capturedMinor)}</td>
              <td>{money(payment.refundedMinor)}</td>
              <td>{formatTime(payment.createdAt)}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <h3>Refunds</h3>
      {order.refunds.length === 0 ? (
        <p class="muted">None.</p>
      ) : (
        <ul class="refunds" data-testid="refunds">
          {order.refunds.map((refund) => (
            <li key={refund.id}>
              <strong>{money(refund.amountMinor)}</strong> — {refund.reason}{' '}
              <span class="muted small">{formatTime(refund.createdAt)}</span>
            </li>
          ))}
        </ul>
      )}

      <h3>Timeline</h3>
      <ol class="timeline" aria-label="Events of the order">
        {events.map((event) => (
          <li key={event.event_id}>
            <time dateTime={event.occurred_at}>{formatTime(event.occurred_at)}</time>
            <span class="timeline-type">{eventLabel(event.event_type)}</span>
            <span class="muted">{eventSummary(event.payload, currency)}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}

function MoneyBreakdown({ order }: { order: Order }) {
  const { totals } = order;
  const money = (minor: number) => formatMoney(minor, totals.currency);
  const discounts = totals.discountMinor + totals.loyaltyDiscountMinor;
  return (
    <dl class="money" data-testid="money">
      <dt>Subtotal</dt>
      <dd>{money(totals.subtotalMinor)}</dd>
      {discounts > 0 && (
        <>
          <dt>
            Discounts
            {order.appliedOffers.length > 0 && (
              <span class="muted small"> ({order.appliedOffers.map((offer) => offer.name).join(', ')})</span>
            )}
          </dt>
          <dd>−{money(discounts)}</dd>
        </>
      )}
      {order.taxes.length > 0 ? (
        order.taxes.map((tax) => (
          <Fragment key={tax.name}>
            <dt>
              {tax.name} {(tax.rateBps / 100).toLocaleString()}%
            </dt>
            <dd>{money(tax.amountMinor)}</dd>
          </Fragment>
        ))
      ) : (
        <>
          <dt>Tax</dt>
          <dd>{money(totals.taxMinor)}</dd>
        </>
      )}
      <dt>Tip</dt>
      <dd>{money(totals.tipMinor)}</dd>
      {(order.serviceType === 'delivery' || totals.deliveryFeeMinor > 0) && (
        <>
          <dt>Delivery fee</dt>
          <dd>{money(totals.deliveryFeeMinor)}</dd>
        </>
      )}
      <dt class="total">Total</dt>
      <dd class="total">{money(totals.totalMinor)}</dd>
      <dt>Paid</dt>
      <dd>{money(totals.capturedMinor)}</dd>
      <dt>Refunded</dt>
      <dd data-testid="refunded">{money(totals.refundedMinor)}</dd>
    </dl>
  );
}

function DeliveryInfo({ delivery }: { delivery: NonNullable<Order['delivery']> }) {
  const address = delivery.address;
  const text = (key: string) => (typeof address[key] === 'string' ? (address[key] as string) : '');
  const lines = [text('line1'), text('line2'), [text('city'), text('region'), text('postalCode')].join(' ')]
    .map((line) => line.trim())
    .filter(Boolean);
  return (
    <>
      <h3>Delivery</h3>
      <address class="delivery-address">
        {lines.map((line) => (
          <span key={line}>{line}</span>
        ))}
        {text('instructions') && <span class="note">{text('instructions')}</span>}
        <span class="muted small">
          {delivery.lat.toFixed(5)}, {delivery.lon.toFixed(5)}
        </span>
      </address>
    </>
  );
}

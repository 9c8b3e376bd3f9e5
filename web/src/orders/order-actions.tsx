import { useState } from 'preact/hooks';
import { api } from '../api/api-client.js';
import { idempotencyKey } from '../api/idempotency-key.js';
import { formatMoney } from '../app/format.js';
import { positiveMinor } from '../app/money-text.js';
import { ConfirmDialog } from './confirm-dialog.js';
import { orderNumber, STATUS_LABEL } from './order-labels.js';
import type { Actions, Order, OrderStatus } from './orders-types.js';

type Pending = { kind: 'advance'; to: OrderStatus } | { kind: 'cancel' } | { kind: 'refund'; key: string };

/**
 * The moves the API says the signed-in user may make on this order now (GET /orders/{id}/actions,
 * decided by the lifecycle state machine and the refund policy), each behind a confirmation. The API
 * still decides every request; a refusal is shown in the dialog with its code and detail.
 */
export function OrderActions({
  order,
  actions,
  onChanged,
}: {
  order: Order;
  actions: Actions;
  onChanged: (order: Order) => void;
}) {
  const [pending, setPending] = useState<Pending | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<unknown>(undefined);
  const [reason, setReason] = useState('');
  const [refundAll, setRefundAll] = useState(true);
  const [amount, setAmount] = useState('');
  const currency = order.totals.currency;
  const forward = actions.transitions.filter((to) => to !== 'cancelled' && to !== 'refunded');
  const mayCancel = actions.transitions.includes('cancelled');
  const number = orderNumber(order.id);

  const open = (next: Pending) => {
    setProblem(undefined);
    setReason('');
    setRefundAll(true);
    setAmount('');
    setPending(next);
  };
  const send = async (request: () => Promise<Order>) => {
    setBusy(true);
    setProblem(undefined);
    try {
      const changed = await request();
      setPending(null);
      onChanged(changed);
    } catch (caught) {
      setProblem(caught);
    } finally {
      setBusy(false);
    }
  };
  const path = `/api/v1/orders/${order.id}`;
  const partialMinor = positiveMinor(amount, currency);

  if (forward.length === 0 && !mayCancel && !actions.refund.allowed) {
    return <p class="muted">No actions for your role in this status.</p>;
  }
  return (
    <div class="order-actions">
      {forward.map((to) => (
        <button key={to} type="button" class="primary" onClick={() => open({ kind: 'advance', to })}>
          Mark {STATUS_LABEL[to].toLowerCase()}
        </button>
      ))}
      {actions.refund.allowed && (
        <button type="button" onClick={() => open({ kind: 'refund', key: idempotencyKey() })}>
          Refund…
        </button>
      )}
      {mayCancel && (
        <button type="button" class="danger" onClick={() => open({ kind: 'cancel' })}>
          Cancel order…
        </button>
      )}

      {pending?.kind === 'advance' && (
        <ConfirmDialog
          title={`Mark ${number} ${STATUS_LABEL[pending.to].toLowerCase()}?`}
          confirmLabel={`Mark ${STATUS_LABEL[pending.to].toLowerCase()}`}
          busy={busy}
          problem={problem}
          onClose={() => setPending(null)}
          onConfirm={() => void send(() => api<Order>('POST', `${path}/status`, { status: pending.to }))}
        >
          <p>
            The order goes from <strong>{STATUS_LABEL[order.status]}</strong> to{' '}
            <strong>{STATUS_LABEL[pending.to]}</strong>; the customer and the kitchen see it at once.
          </p>
        </ConfirmDialog>
      )}

      {pending?.kind === 'cancel' && (
        <ConfirmDialog
          title={`Cancel ${number}?`}
          confirmLabel="Cancel order"
          danger
          busy={busy}
          problem={problem}
          onClose={() => setPending(null)}
          onConfirm={() => void send(() => api<Order>('POST', `${path}/cancel`, { reason: reason.trim() }))}
        >
          <p>
            Whatever was paid (
            {formatMoney(order.totals.capturedMinor - order.totals.refundedMinor, currency)}) is refunded in
            full. This cannot be undone.
          </p>
          <label class="field">
            Reason (the customer sees it)
            <textarea
              required
              maxLength={500}
              rows={2}
              value={reason}
              onInput={(event) => setReason(event.currentTarget.value)}
            />
          </label>
        </ConfirmDialog>
      )}

      {pending?.kind === 'refund' && (
        <ConfirmDialog
          title={`Refund ${number}`}
          confirmLabel={
            refundAll
              ? `Refund ${formatMoney(actions.refund.refundableMinor, currency)}`
              : partialMinor
                ? `Refund ${formatMoney(partialMinor, currency)}`
                : 'Refund'
          }
          busy={busy}
          problem={problem}
          onClose={() => setPending(null)}
          onConfirm={() => {
            if (!refundAll && !partialMinor) {
              setProblem(new Error(`Enter an amount in ${currency}, such as 2.50`));
              return;
            }
            const body = { reason: reason.trim(), ...(refundAll ? {} : { amountMinor: partialMinor }) };
            // One key per dialog: a retried click can never refund twice.
            void send(() => api<Order>('POST', `${path}/refunds`, body, { 'idempotency-key': pending.key }));
          }}
        >
          <p>
            Still refundable: <strong>{formatMoney(actions.refund.refundableMinor, currency)}</strong> of{' '}
            {formatMoney(order.totals.capturedMinor, currency)} paid.
          </p>
          <fieldset class="refund-kind">
            <legend>Amount</legend>
            <label>
              <input
                type="radio"
                name="refund-kind"
                checked={refundAll}
                onChange={() => setRefundAll(true)}
              />
              Everything still refundable
            </label>
            <label>
              <input
                type="radio"
                name="refund-kind"
                checked={!refundAll}
                onChange={() => setRefundAll(false)}
              />
              Part of it
            </label>
          </fieldset>
          {!refundAll && (
            <label class="field">
              Amount ({currency})
              <input
                inputMode="decimal"
                autoComplete="off"
                required
                value={amount}
                onInput={(event) => setAmount(event.currentTarget.value)}
              />
            </label>
          )}
          <label class="field">
            Reason
            <textarea
              required
              maxLength={500}
              rows={2}
              value={reason}
              onInput={(event) => setReason(event.currentTarget.value)}
            />
          </label>
        </ConfirmDialog>
      )}
    </div>
  );
}

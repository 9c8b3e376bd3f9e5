import { useEffect, useRef, useState } from 'preact/hooks';
import { orderNumber } from '../orders/order-labels.js';
import type { Delivery } from './driver-types.js';

/**
 * Confirms a failed delivery attempt with the reason the API requires. A native modal <dialog>: the
 * browser keeps focus inside it, Escape cancels, and focus returns to the button that opened it.
 */
export function FailDialog({
  delivery,
  busy,
  onConfirm,
  onClose,
}: {
  delivery: Delivery | null;
  busy: boolean;
  onConfirm: (delivery: Delivery, reason: string) => void;
  onClose: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState('');

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (delivery && !element.open) {
      setReason('');
      element.showModal();
    } else if (!delivery && element.open) element.close();
  }, [delivery]);

  const afterPickup = delivery?.status === 'picked_up';
  return (
    <dialog ref={dialog} class="fail-dialog" aria-labelledby="fail-title" onClose={onClose}>
      {delivery && (
        <form
          method="dialog"
          onSubmit={(event) => {
            event.preventDefault();
            if (reason.trim()) onConfirm(delivery, reason.trim());
          }}
        >
          <h2 id="fail-title">Delivery of order {orderNumber(delivery.orderId)} failed?</h2>
          <p class="small">
            {afterPickup
              ? 'The order stays out for delivery; a manager settles it (a refund, say).'
              : 'The order goes back to the list for another driver to claim.'}
          </p>
          <label for="fail-reason">What happened</label>
          <textarea
            id="fail-reason"
            rows={3}
            maxLength={500}
            required
            value={reason}
            onInput={(event) => setReason(event.currentTarget.value)}
          />
          <div class="actions">
            <button type="button" onClick={onClose}>
              Keep it
            </button>
            <button type="submit" class="danger" disabled={busy || reason.trim() === ''}>
              Mark failed
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}

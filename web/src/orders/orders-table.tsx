import { DataTable } from '../app/data-table.js';
import { formatMoney } from '../app/format.js';
import { Link } from '../app/router.js';
import { formatWhen, orderNumber, SERVICE_LABEL, STATUS_LABEL } from './order-labels.js';
import type { Order } from './orders-types.js';

/**
 * The list: one row per order, the number a link to its detail. A table scrolls inside its own box on a
 * phone rather than widening the page.
 */
export function OrdersTable({
  orders,
  selectedId,
  hrefOf,
  locationName,
}: {
  orders: Order[];
  selectedId: string | undefined;
  hrefOf: (orderId: string) => string;
  locationName: (locationId: string) => string;
}) {
  return (
    <DataTable
      label="Orders"
      columns={[
        'Order',
        'Placed',
        'Location',
        'Customer',
        'Service',
        'Status',
        { label: 'Total', num: true },
      ]}
      class="orders-table"
    >
      {orders.map((order) => (
        <tr
          key={order.id}
          data-order-id={order.id}
          aria-current={order.id === selectedId ? 'true' : undefined}
        >
          <th scope="row">
            <Link href={hrefOf(order.id)} class="order-link">
              {orderNumber(order.id)}
            </Link>
          </th>
          <td>{formatWhen(order.placedAt)}</td>
          <td>{locationName(order.locationId)}</td>
          <td>{order.customer?.name ?? <span class="muted">No account</span>}</td>
          <td>
            {SERVICE_LABEL[order.serviceType]}
            {order.tableNumber ? ` · ${order.tableNumber}` : ''}
          </td>
          <td>
            <span class={`status-badge status-${order.status}`}>{STATUS_LABEL[order.status]}</span>
          </td>
          <td class="num">
            {formatMoney(order.totals.totalMinor, order.totals.currency)}
            {order.totals.refundedMinor > 0 && (
              <span class="muted small refunded-note">
                −{formatMoney(order.totals.refundedMinor, order.totals.currency)} refunded
              </span>
            )}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}

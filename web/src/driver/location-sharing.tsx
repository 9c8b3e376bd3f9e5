import { formatTime } from '../app/format.js';
import type { SharingState } from './use-location-sharing.js';

/**
 * The switch that shares the driver's position with their live deliveries' customers and staff, and
 * what it is doing: waiting for a fix, the time of the last position sent, or why it cannot.
 */
export function LocationSharing(props: { state: SharingState; on: boolean; onToggle: () => void }) {
  const { state } = props;
  return (
    <div class="location-sharing">
      <button type="button" aria-pressed={props.on} onClick={props.onToggle}>
        {props.on ? 'Stop sharing my location' : 'Share my location'}
      </button>
      <span class="small" aria-live="polite" data-testid="location-sharing">
        {state.status === 'off' && 'Customers see where you are only while you share it.'}
        {state.status === 'waiting' && 'Finding your position…'}
        {state.status === 'sharing' &&
          `Sharing your location: last sent at ${formatTime(new Date(state.sentAt).toISOString())}.`}
        {state.status === 'failed' && <span class="sharing-problem">{state.message}</span>}
      </span>
    </div>
  );
}

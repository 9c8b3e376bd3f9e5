import { useState } from 'preact/hooks';
import { api, query } from '../api/api-client.js';
import type { Business, Location, Shift, User } from '../api/api-types.js';
import { formatHours } from '../app/format.js';
import { ProblemView } from '../app/problem-view.js';
import { useResource } from '../app/use-resource.js';
import { problemText } from '../auth/problem-text.js';

/**
 * The signed-in member's own time clock at one business: the open shift (where, since when) with
 * **Clock out**, or the locations they work at (read by the start page) with **Clock in** (`/time-clock/clock-in`, `/clock-out`).
 */
export function TimeClockCard(props: { user: User; business: Business; locations: Location[] }) {
  const { user, business } = props;
  const state = useResource(
    async () =>
      (
        await api<{ shifts: Shift[] }>(
          'GET',
          `/api/v1/businesses/${business.id}/time-clock/shifts${query({ open: 'true', userId: user.id, limit: 1 })}`,
        )
      ).shifts[0] ?? null,
    `${business.id}|${user.id}`,
  );
  const [locationId, setLocationId] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const act = async (request: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await request();
      state.reload();
    } catch (caught) {
      setError(problemText(caught, 'The time clock refused'));
    } finally {
      setBusy(false);
    }
  };
  if (state.error) return <ProblemView error={state.error} what="read your time clock" />;
  // undefined while loading; null when not clocked in.
  const open = state.data;
  const chosen = locationId || props.locations[0]?.id || '';
  return (
    <div class="card time-clock" aria-busy={state.loading}>
      <h3>Time clock · {business.name}</h3>
      {open === undefined && <p class="muted">Loading…</p>}
      {open && (
        <>
          <p role="status">
            On shift at <strong>{open.locationName}</strong> since{' '}
            {new Date(open.clockInAt).toLocaleTimeString(undefined, {
              hour: '2-digit',
              minute: '2-digit',
            })}{' '}
            ({formatHours(open.minutes)})
          </p>
          <button
            type="button"
            class="primary"
            disabled={busy}
            onClick={() =>
              act(() => api('POST', `/api/v1/businesses/${business.id}/time-clock/clock-out`, {}))
            }
          >
            Clock out
          </button>
        </>
      )}
      {open === null && (
        <div class="inline-form">
          <label for={`clock-location-${business.id}`}>Location</label>
          <select
            id={`clock-location-${business.id}`}
            value={chosen}
            onChange={(event) => setLocationId(event.currentTarget.value)}
          >
            {props.locations.map((location) => (
              <option key={location.id} value={location.id}>
                {location.name}
              </option>
            ))}
          </select>
          <button
            type="button"
            class="primary"
            disabled={busy || !chosen}
            onClick={() => act(() => api('POST', `/api/v1/locations/${chosen}/time-clock/clock-in`, {}))}
          >
            Clock in
          </button>
        </div>
      )}
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

import { useState } from 'preact/hooks';
import { listAll } from '../api/admin-lists.js';
import { api, query } from '../api/api-client.js';
import type { Business, Location, Shift, User } from '../api/api-types.js';
import { ProblemView } from '../app/problem-view.js';
import { useResource } from '../app/use-resource.js';
import { problemText } from '../auth/problem-text.js';
import { formatHours } from './hours.js';

interface ClockState {
  open: Shift | null;
  locations: Location[];
}

/**
 * The signed-in member's own time clock at one business: the open shift (where, since when) with
 * **Clock out**, or the locations they work at with **Clock in** (`/time-clock/clock-in`, `/clock-out`).
 */
export function TimeClockCard({ user, business }: { user: User; business: Business }) {
  const membership = user.memberships.find((one) => one.businessId === business.id);
  const state = useResource<ClockState>(async () => {
    const [shifts, locations] = await Promise.all([
      api<{ shifts: Shift[] }>(
        'GET',
        `/api/v1/businesses/${business.id}/time-clock/shifts${query({ open: 'true', userId: user.id, limit: 1 })}`,
      ),
      listAll<Location>(business.id, 'locations'),
    ]);
    const covered =
      membership?.role === 'staff' && membership.locationIds.length > 0 ? membership.locationIds : null;
    return {
      open: shifts.shifts[0] ?? null,
      locations: covered ? locations.filter((location) => covered.includes(location.id)) : locations,
    };
  }, `${business.id}|${user.id}`);
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
  const data = state.data;
  const chosen = locationId || data?.locations[0]?.id || '';
  return (
    <div class="card time-clock" aria-busy={state.loading}>
      <h3>Time clock · {business.name}</h3>
      {!data && <p class="muted">Loading…</p>}
      {data?.open && (
        <>
          <p role="status">
            On shift at <strong>{data.open.locationName}</strong> since{' '}
            {new Date(data.open.clockInAt).toLocaleTimeString(undefined, {
              hour: '2-digit',
              minute: '2-digit',
            })}{' '}
            ({formatHours(data.open.minutes)})
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
      {data && !data.open && (
        <div class="inline-form">
          <label for={`clock-location-${business.id}`}>Location</label>
          <select
            id={`clock-location-${business.id}`}
            value={chosen}
            onChange={(event) => setLocationId(event.currentTarget.value)}
          >
            {data.locations.map((location) => (
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

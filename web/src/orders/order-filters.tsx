import { useEffect, useState } from 'preact/hooks';
import type { Location } from '../api/api-types.js';
import { SERVICE_LABEL, STATUS_LABEL } from './order-labels.js';

export interface FilterValues {
  location: string;
  status: string;
  service: string;
  /** Placed on or after this day (YYYY-MM-DD, the browser's time zone). */
  from: string;
  /** Placed on or before this day (YYYY-MM-DD, the browser's time zone). */
  to: string;
  q: string;
}

/**
 * Location, status, service type and the days apply as soon as they change; the search applies on
 * Enter or the Search button, so typing does not send a request per key. All of them live in the URL.
 */
export function OrderFilters({
  values,
  locations,
  onChange,
}: {
  values: FilterValues;
  locations: Location[];
  onChange: (key: keyof FilterValues, value: string) => void;
}) {
  const [text, setText] = useState(values.q);
  useEffect(() => setText(values.q), [values.q]);
  return (
    <form
      class="filters orders-filters"
      onSubmit={(event) => {
        event.preventDefault();
        onChange('q', text.trim());
      }}
    >
      <label>
        Location
        <select value={values.location} onChange={(event) => onChange('location', event.currentTarget.value)}>
          <option value="">All locations</option>
          {locations.map((location) => (
            <option key={location.id} value={location.id}>
              {location.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Status
        <select value={values.status} onChange={(event) => onChange('status', event.currentTarget.value)}>
          <option value="">Any status</option>
          {Object.entries(STATUS_LABEL).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <label>
        Service
        <select value={values.service} onChange={(event) => onChange('service', event.currentTarget.value)}>
          <option value="">Any service</option>
          {Object.entries(SERVICE_LABEL).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <label>
        Placed from
        <input
          type="date"
          value={values.from}
          max={values.to || undefined}
          onChange={(event) => onChange('from', event.currentTarget.value)}
        />
      </label>
      <label>
        to
        <input
          type="date"
          value={values.to}
          min={values.from || undefined}
          onChange={(event) => onChange('to', event.currentTarget.value)}
        />
      </label>
      <label class="search-field">
        Search
        <input
          type="search"
          value={text}
          maxLength={100}
          placeholder="Order number, customer name or email"
          onInput={(event) => setText(event.currentTarget.value)}
        />
      </label>
      <button type="submit">Search</button>
    </form>
  );
}

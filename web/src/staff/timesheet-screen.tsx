import { useState } from 'preact/hooks';
import { api, apiText, query } from '../api/api-client.js';
import type { Shift, Timesheet } from '../api/api-types.js';
import { DataTable } from '../app/data-table.js';
import { formatHours, formatMoney } from '../app/format.js';
import { ProblemView } from '../app/problem-view.js';
import { saveFile } from '../app/save-file.js';
import { useResource } from '../app/use-resource.js';
import { problemText } from '../auth/problem-text.js';
import { localDate, mondayOf } from './hours.js';
import { LabourShare } from './labour-share.js';
import { ShiftList } from './shift-list.js';

/**
 * Owners' and managers' view of the time clock: who is on shift now (with **Clock out** for someone
 * who left without), the timesheet of a range of days — per person regular hours, overtime above
 * 8 a day and pay at their recorded rate, each day beneath (`GET …/time-clock/timesheet`), the pay as
 * a share of the same days' net sales — and the shifts of those days, each correctable.
 */
export function TimesheetScreen({ businessId }: { businessId: string }) {
  const today = new Date();
  const [from, setFrom] = useState(localDate(mondayOf(today)));
  const [to, setTo] = useState(localDate(today));
  const [version, setVersion] = useState(0);
  const base = `/api/v1/businesses/${businessId}/time-clock`;
  const sheet = useResource(
    () => api<Timesheet>('GET', `${base}/timesheet${query({ from, to })}`),
    `${businessId}|${from}|${to}|${version}`,
  );
  const open = useResource(
    () => api<{ shifts: Shift[] }>('GET', `${base}/shifts${query({ open: 'true', limit: 500 })}`),
    `${businessId}|open|${version}`,
  );
  const [error, setError] = useState<string | null>(null);

  const clockOut = async (shift: Shift) => {
    setError(null);
    try {
      await api('POST', `${base}/clock-out`, { userId: shift.userId });
      setVersion((value) => value + 1);
    } catch (caught) {
      setError(problemText(caught, 'Not clocked out'));
    }
  };

  const downloadCsv = async () => {
    setError(null);
    try {
      const csv = await apiText(`${base}/timesheet${query({ from, to, format: 'csv' })}`, 'text/csv');
      saveFile(csv, `timesheet-${from}-to-${to}.csv`, 'text/csv;charset=utf-8');
    } catch (caught) {
      setError(problemText(caught, 'No CSV'));
    }
  };

  const data = sheet.data;
  return (
    <section class="screen timesheet">
      <h1>Time clock</h1>
      <h2>On shift now</h2>
      {open.error !== undefined && <ProblemView error={open.error} what="see who is on shift" />}
      {open.data && open.data.shifts.length === 0 && <p class="muted">Nobody is clocked in.</p>}
      {open.data && open.data.shifts.length > 0 && (
        <DataTable
          label="On shift now"
          columns={['Name', 'Location', 'Since', 'Hours', { label: 'Clock out', hidden: true }]}
          testId="on-shift"
        >
          {open.data.shifts.map((shift) => (
            <tr key={shift.id}>
              <td>{shift.name}</td>
              <td>{shift.locationName}</td>
              <td>{new Date(shift.clockInAt).toLocaleString()}</td>
              <td>{formatHours(shift.minutes)}</td>
              <td>
                <button type="button" onClick={() => clockOut(shift)}>
                  Clock out {shift.name}
                </button>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}

      <h2>Timesheet</h2>
      <div class="filters">
        <label>
          From{' '}
          <input type="date" value={from} max={to} onChange={(event) => setFrom(event.currentTarget.value)} />
        </label>
        <label>
          To{' '}
          <input type="date" value={to} min={from} onChange={(event) => setTo(event.currentTarget.value)} />
        </label>
        <button type="button" onClick={downloadCsv}>
          Download CSV
        </button>
      </div>
      {sheet.error !== undefined && <ProblemView error={sheet.error} what="read the timesheet" />}
      {!data && sheet.error === undefined && <p class="muted">Loading…</p>}
      {data && data.people.length === 0 && <p class="muted">No finished shift in these days.</p>}
      {data && data.people.length > 0 && (
        <DataTable
          label="Timesheet"
          columns={['Name', 'Day', 'Hours', 'Regular', 'Overtime', 'Pay']}
          testId="timesheet"
          foot={
            <>
              <tr>
                <th scope="row">Total</th>
                <td />
                <td>{formatHours(data.totals.minutes)}</td>
                <td>{formatHours(data.totals.regularMinutes)}</td>
                <td>{formatHours(data.totals.overtimeMinutes)}</td>
                <td>{formatMoney(data.totals.payMinor, data.currency)}</td>
              </tr>
            </>
          }
        >
          {data.people.map((person) => [
            <tr key={person.userId} class="person-total">
              <th scope="row">{person.name}</th>
              <td>all days</td>
              <td>{formatHours(person.minutes)}</td>
              <td>{formatHours(person.regularMinutes)}</td>
              <td>{formatHours(person.overtimeMinutes)}</td>
              <td>{person.unpricedPeople > 0 ? 'no rate' : formatMoney(person.payMinor, data.currency)}</td>
            </tr>,
            ...data.days
              .filter((day) => day.userId === person.userId)
              .map((day) => (
                <tr key={`${day.userId}|${day.date}`}>
                  <td />
                  <td>{day.date}</td>
                  <td>{formatHours(day.minutes)}</td>
                  <td>{formatHours(day.regularMinutes)}</td>
                  <td>{formatHours(day.overtimeMinutes)}</td>
                  <td>{day.payMinor === null ? 'no rate' : formatMoney(day.payMinor, data.currency)}</td>
                </tr>
              )),
          ])}
        </DataTable>
      )}
      {data && data.people.length > 0 && (
        <LabourShare
          businessId={businessId}
          from={from}
          to={to}
          payMinor={data.totals.payMinor}
          currency={data.currency}
        />
      )}
      {data && data.openShifts > 0 && (
        <p class="muted">
          {data.openShifts} shift(s) begun in these days are still open and not counted yet.
        </p>
      )}
      <ShiftList
        base={base}
        from={from}
        to={to}
        version={version}
        onChanged={() => setVersion((value) => value + 1)}
      />
    </section>
  );
}

import { useEffect, useRef, useState } from 'preact/hooks';
import type uPlot from 'uplot';
import { barXRange, fromZero } from '../app/chart-ranges.js';
import { barPaths, mountChart, thin } from '../app/uplot-chart.js';
import type { SqlAnswer } from './sql-types.js';
import { chartData, numericColumns } from './sql-values.js';

type Shape = 'bar' | 'line';
const HEIGHT = 280;

/**
 * One numeric column of the answer against another column, as bars or a line, drawn from the rows the
 * API returned. Offered only when the answer has a numeric column; the result table beside it holds the
 * exact figures.
 */
export function QuickChart({ answer }: { answer: SqlAnswer }) {
  const numeric = numericColumns(answer.columns);
  const [x, setX] = useState(() => defaultX(answer, numeric));
  const [y, setY] = useState(
    () => numeric.find((index) => index !== defaultX(answer, numeric)) ?? numeric[0] ?? 0,
  );
  const [shape, setShape] = useState<Shape>('bar');
  const holder = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const element = holder.current;
    if (!element) return;
    const data = chartData(answer, x, y);
    const labels = data.labels;
    return mountChart(
      element,
      { height: HEIGHT, minWidth: 260 },
      {
        legend: { show: true },
        // Bars: whole at the edges and measured from zero (a line may start where its values do).
        scales:
          shape === 'bar'
            ? { x: { time: data.kind === 'time', range: barXRange(data.xs) }, y: { range: fromZero } }
            : { x: { time: data.kind === 'time' } },
        series: [
          {
            label: answer.columns[x]?.name ?? 'x',
            ...(data.kind === 'category' ? { value: (_u: uPlot, value: number) => labels[value] ?? '' } : {}),
          },
          {
            label: answer.columns[y]?.name ?? 'y',
            stroke: shape === 'bar' ? '#c2410c' : '#1d4ed8',
            width: 2,
            fill: shape === 'bar' ? 'rgba(194, 65, 12, 0.35)' : undefined,
            ...(shape === 'bar' ? { paths: barPaths(), points: { show: false } } : {}),
          },
        ],
        axes: [
          data.kind === 'category'
            ? {
                // One tick per category, thinned to what fits, named as the row names it.
                splits: (u) => thin(data.xs, Math.max(2, Math.floor(u.width / 90))),
                values: (_u, ticks) => ticks.map((tick) => shorten(labels[tick] ?? '')),
              }
            : data.wholeDays
              ? {
                  // uPlot's time axis would tick a few days' span at hours: tick at the rows' dates.
                  splits: (u) => thin(data.xs, Math.max(2, Math.floor(u.width / 90))),
                  values: (_u, ticks) =>
                    ticks.map((tick) => new Date(tick * 1000).toISOString().slice(0, 10)),
                }
              : {},
          {},
        ],
      },
      [data.xs, data.ys],
    );
  }, [answer, x, y, shape]);

  return (
    <figure class="chart sql-chart">
      <figcaption class="filters">
        <label>
          X axis
          <select value={x} onChange={(event) => setX(Number(event.currentTarget.value))}>
            {answer.columns.map((column, index) => (
              <option key={`${index}-${column.name}`} value={index}>
                {column.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Y axis (numeric)
          <select value={y} onChange={(event) => setY(Number(event.currentTarget.value))}>
            {numeric.map((index) => (
              <option key={index} value={index}>
                {answer.columns[index]?.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Draw as
          <select value={shape} onChange={(event) => setShape(event.currentTarget.value as Shape)}>
            <option value="bar">Bars</option>
            <option value="line">Line</option>
          </select>
        </label>
      </figcaption>
      <div ref={holder} class="chart-canvas" data-testid="sql-chart" />
    </figure>
  );
}

/** The first column that is not the only numeric one: usually the label or date a query groups by. */
function defaultX(answer: SqlAnswer, numeric: number[]): number {
  const firstOther = answer.columns.findIndex((_column, index) => !numeric.includes(index));
  if (firstOther >= 0) return firstOther;
  return numeric.length > 1 ? (numeric[0] ?? 0) : 0;
}

function shorten(label: string): string {
  return label.length > 14 ? `${label.slice(0, 13)}…` : label;
}

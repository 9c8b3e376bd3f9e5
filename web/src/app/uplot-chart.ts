import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/** uPlot's options without the size, which `mountChart` takes from the element it draws in. */
export type ChartOptions = Omit<uPlot.Options, 'width' | 'height'>;

/**
 * Draws a uPlot chart in `element`, as wide as the element (at least `minWidth`) and following its
 * width as the layout changes. Times are drawn as UTC wall clock: the app's charts plot local dates and
 * hours as the API names them, never converted to the browser's zone. Returns the cleanup for an effect.
 */
export function mountChart(
  element: HTMLElement,
  size: { height: number; minWidth: number },
  options: ChartOptions,
  data: uPlot.AlignedData,
): () => void {
  const width = () => Math.max(size.minWidth, element.clientWidth);
  const chart = new uPlot(
    {
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
      cursor: { drag: { x: false, y: false } },
      ...options,
      width: width(),
      height: size.height,
    },
    data,
    element,
  );
  const observer = new ResizeObserver(() => chart.setSize({ width: width(), height: size.height }));
  observer.observe(element);
  return () => {
    observer.disconnect();
    chart.destroy();
  };
}

/** At most about `count` of the x values, evenly spaced: axis ticks that fit the width. */
export function thin(values: number[], count: number): number[] {
  if (values.length <= count) return values;
  const step = Math.ceil(values.length / count);
  return values.filter((_value, index) => index % step === 0);
}

/** A bar path builder for one series: bars at 70 % of the slot, at most 48 px wide. */
export function barPaths(): uPlot.Series.PathBuilder | undefined {
  return uPlot.paths.bars?.({ size: [0.7, 48] });
}

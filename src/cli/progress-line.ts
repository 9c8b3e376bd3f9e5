/**
 * A one-line progress display for long commands: done / total, rate and time left, redrawn in place
 * on a terminal and printed every few seconds otherwise (CI logs stay readable).
 */
export function progressLine(label: string, stream: NodeJS.WriteStream = process.stderr) {
  const started = performance.now();
  let lastPrinted = 0;
  return (done: number, total: number): void => {
    const now = performance.now();
    const finished = done >= total;
    if (!stream.isTTY && !finished && now - lastPrinted < 5000) return;
    lastPrinted = now;
    const seconds = (now - started) / 1000;
    const rate = seconds > 0 ? done / seconds : 0;
    const left = rate > 0 ? (total - done) / rate : 0;
    const percent = total > 0 ? Math.floor((done / total) * 100) : 100;
    const text = `${label}: ${done.toLocaleString('en')} / ${total.toLocaleString('en')} (${percent}%), ${formatRate(rate)}/s, ${finished ? `done in ${seconds.toFixed(1)} s` : `about ${Math.ceil(left)} s left`}`;
    stream.write(stream.isTTY ? `\r${text}${finished ? '\n' : ''}` : `${text}\n`);
  };
}

/** Whole numbers from 10 a second up; below that two significant digits (0.12/s, not 0/s). */
export function formatRate(perSecond: number): string {
  if (!(perSecond > 0)) return '0';
  if (perSecond >= 10) return Math.round(perSecond).toLocaleString('en');
  return String(Number(perSecond.toPrecision(2)));
}

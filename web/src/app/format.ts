/** Display formats; the browser's locale decides separators. Money arrives in integer minor units. */

const moneyFormats = new Map<string, Intl.NumberFormat>();

export function formatMoney(minor: number | null | undefined, currency: string | null | undefined): string {
  if (minor === null || minor === undefined) return '—';
  const code = currency ?? 'USD';
  let format = moneyFormats.get(code);
  if (!format) {
    format = new Intl.NumberFormat(undefined, { style: 'currency', currency: code });
    moneyFormats.set(code, format);
  }
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(minor / 10 ** digits);
}

export function formatCount(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : Math.round(value).toLocaleString();
}

export function formatGrowth(pct: number | null): string {
  if (pct === null) return 'no earlier figure';
  const sign = pct > 0 ? '+' : pct < 0 ? '−' : '±';
  return `${sign}${Math.abs(pct).toLocaleString(undefined, { maximumFractionDigits: 1 })}%`;
}

/** A fraction 0..1 as a percentage with one decimal: 0.2345 → "23.5 %"; null → "—". */
export function formatShare(share: number | null | undefined): string {
  return share === null || share === undefined ? '—' : `${(share * 100).toFixed(1)} %`;
}

/** "7 h 05" for 425 minutes; "0 h 00" for none. */
export function formatHours(minutes: number): string {
  const whole = Math.max(0, Math.floor(minutes));
  return `${Math.floor(whole / 60)} h ${String(whole % 60).padStart(2, '0')}`;
}

/** 75 → "1:15", 3725 → "1:02:05". */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '—';
  const total = Math.max(0, Math.floor(seconds));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const secs = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${secs}` : `${minutes}:${secs}`;
}

export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleTimeString(undefined, {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
}

/**
 * The class of a tile's figure: a long one (a chain's sales over a week run to 13 characters) is set
 * smaller, by the tile's width (styles.css), so it is not cut off; short ones keep the headline size.
 */
export function tileValueClass(text: string): string {
  return text.length > 9 ? 'tile-value long' : 'tile-value';
}

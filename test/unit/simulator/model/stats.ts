import { expect } from 'vitest';

/**
 * Tolerances for the statistical tests. A share p estimated from n independent draws has standard
 * error √(p(1−p)/n); the tests allow 5 standard errors, so with the fixed seeds they pass
 * deterministically and a real change in a mix of more than a few points still fails them.
 */
export const SIGMAS = 5;

export function expectShare(count: number, n: number, p: number, label = ''): void {
  const tolerance = SIGMAS * Math.sqrt((p * (1 - p)) / n);
  expect(
    Math.abs(count / n - p),
    `${label}: ${count}/${n} = ${(count / n).toFixed(4)} vs ${p}`,
  ).toBeLessThanOrEqual(tolerance);
}

/** Shares of each value by weight: {a: 60, b: 40} → a 0.6, b 0.4. */
export function expectMix<T extends string | number>(
  values: readonly T[],
  weights: Record<string, number>,
  label = '',
): void {
  const total = Object.values(weights).reduce((sum, weight) => sum + weight, 0);
  const counts = new Map<string, number>();
  for (const value of values) counts.set(String(value), (counts.get(String(value)) ?? 0) + 1);
  for (const key of counts.keys()) expect(weights, `${label}: unexpected ${key}`).toHaveProperty(key);
  for (const [key, weight] of Object.entries(weights)) {
    expectShare(counts.get(key) ?? 0, values.length, weight / total, `${label} ${key}`);
  }
}

export function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

export function sd(values: readonly number[]): number {
  const m = mean(values);
  return Math.sqrt(values.reduce((sum, value) => sum + (value - m) ** 2, 0) / (values.length - 1));
}

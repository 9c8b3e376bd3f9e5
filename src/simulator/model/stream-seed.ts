import { Rng } from './rng.js';

/**
 * Independent random streams named by their coordinates, e.g. (seed, business, location, day): the
 * model draws every location-day from its own stream, so day 200 is generated without days 0–199
 * and a window gives the same orders however it is cut. Two 32-bit hashes with different mixing
 * make a 64-bit name, so the tens of thousands of location-days of a long backfill never share one.
 */
export type StreamPart = string | number;

/** murmur3's finaliser: every input bit flips about half the output bits. */
export function mix32(h: number): number {
  let x = h | 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/** A 32-bit hash of a string (FNV-1a over UTF-16 code units, then mixed). */
export function hashString(text: string, salt = 0): number {
  let h = (0x811c9dc5 ^ salt) | 0;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return mix32(h);
}

function fold(h: number, part: StreamPart, salt: number): number {
  const value = typeof part === 'number' ? mix32(part ^ salt) : hashString(part, salt);
  return mix32(Math.imul(h ^ value, 0x9e3779b1) + salt);
}

/** The stream named by `parts`: the same parts always give the same sequence. */
export function streamFor(...parts: StreamPart[]): Rng {
  let h1 = 0x243f6a88;
  let h2 = 0x85a308d3;
  for (const part of parts) {
    h1 = fold(h1, part, 0x13198a2e);
    h2 = fold(h2, part, 0x03707344);
  }
  return new Rng(h1, h2, h1 ^ 0xa4093822, h2 ^ 0x299f31d0);
}

/** A uniform float on [0, 1) that is a pure function of a uint32 (for per-customer traits). */
export function unitFloat(h: number): number {
  return mix32(h) / 4294967296;
}

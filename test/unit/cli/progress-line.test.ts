import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { formatRate, progressLine } from '../../../src/cli/progress-line.js';

describe('progress line', () => {
  it('shows slow rates with two significant digits instead of rounding them to 0', () => {
    expect(formatRate(0)).toBe('0');
    expect(formatRate(0.0916)).toBe('0.092');
    expect(formatRate(0.5)).toBe('0.5');
    expect(formatRate(9.96)).toBe('10');
    expect(formatRate(12_345.6)).toBe('12,346');
  });

  it('prints done / total, percent and the finish on a non-terminal stream', () => {
    const stream = new PassThrough() as unknown as NodeJS.WriteStream;
    let text = '';
    (stream as unknown as PassThrough).on('data', (chunk: Buffer) => {
      text += chunk.toString();
    });
    const show = progressLine('days written', stream);
    show(3, 3);
    expect(text).toMatch(/^days written: 3 \/ 3 \(100%\), [\d.,]+\/s, done in \d+\.\d s\n$/);
  });
});

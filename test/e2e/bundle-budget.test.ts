import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { kB, measureBundle } from './support/bundle-size.js';
import { ensureWebBuild, WEB_DIST } from './support/web-build.js';

/**
 * The web app's size budget (docs/web-app.md): a property of the build, so it is asserted from the
 * built files, with or without a browser. The whole app counts — every JS and CSS file, the screens
 * fetched on demand included — though a first visit downloads only what index.html names.
 */
const BUDGET_GZIP_BYTES = 100_000;
const BUDGET_RAW_BYTES = 300_000;

describe('web app bundle', () => {
  beforeAll(async () => {
    await ensureWebBuild();
  }, 60_000);

  it(`stays within ${kB(BUDGET_GZIP_BYTES)} gzip (${kB(BUDGET_RAW_BYTES)} raw) of JS and CSS`, async () => {
    const bundle = await measureBundle();
    const html = await readFile(path.join(WEB_DIST, 'index.html'), 'utf8');
    const first = bundle.files.filter((file) => html.includes(`/${file.file}"`));
    const sum = (key: 'raw' | 'gzip') => first.reduce((total, file) => total + file[key], 0);
    console.info(
      `web bundle: ${kB(bundle.raw)} raw, ${kB(bundle.gzip)} gzip -9 in all; first visit ` +
        `${kB(sum('raw'))} raw, ${kB(sum('gzip'))} gzip — ${bundle.files
          .map((file) => `${file.file} ${kB(file.raw)} / ${kB(file.gzip)}`)
          .join('; ')}`,
    );
    expect(bundle.files.some((file) => file.file.endsWith('.js'))).toBe(true);
    expect(bundle.gzip).toBeLessThanOrEqual(BUDGET_GZIP_BYTES);
    expect(bundle.raw).toBeLessThanOrEqual(BUDGET_RAW_BYTES);
  });

  it('names every asset it loads by content hash, so they can be cached for good', async () => {
    const html = await readFile(path.join(WEB_DIST, 'index.html'), 'utf8');
    const assets = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+)"/g)].map((match) => match[1]);
    expect(assets.length).toBeGreaterThan(0);
    for (const asset of assets) expect(asset).toMatch(/-[A-Za-z0-9_-]{8}\.(js|css)$/);
  });
});

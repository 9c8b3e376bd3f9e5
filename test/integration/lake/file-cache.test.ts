import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Download, FileCache } from '../../../src/lake/store/file-cache.js';

/** The local cache S3Store reads through, with downloads that write known bytes and count calls. */
describe('FileCache', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  });
  const cacheDir = async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'brigade-file-cache-'));
    dirs.push(dir);
    return dir;
  };

  /** A download writing `size` bytes of `fill`, counting how often it runs. */
  const source = (size: number, fill = 'x') => {
    const counter = {
      calls: 0,
      download: (async (file) => {
        counter.calls++;
        await new Promise((resolve) => setTimeout(resolve, 20));
        await writeFile(file, Buffer.alloc(size, fill));
      }) as Download,
    };
    return counter;
  };

  it('shares one download among concurrent requests for a key, and serves later ones from disk', async () => {
    const cache = await FileCache.open({ dir: await cacheDir(), maxBytes: 1 << 20 });
    const counted = source(1000);
    const paths = await Promise.all(
      Array.from({ length: 5 }, () => cache.cached('bucket/a/b=1/part.parquet', counted.download)),
    );
    expect(new Set(paths).size).toBe(1);
    expect(counted.calls).toBe(1);
    expect(await cache.cached('bucket/a/b=1/part.parquet', counted.download)).toBe(paths[0]);
    expect(counted.calls).toBe(1);
    expect(cache.usedBytes).toBe(1000);
  });

  it('downloads afresh on every refreshed() call, replacing the file in place', async () => {
    const cache = await FileCache.open({ dir: await cacheDir(), maxBytes: 1 << 20 });
    const first = await cache.refreshed('bucket/_manifest.json', source(10, '1').download);
    const second = await cache.refreshed('bucket/_manifest.json', source(12, '2').download);
    expect(second).toBe(first);
    expect((await readFile(second)).toString()).toBe('2'.repeat(12));
    expect(cache.usedBytes).toBe(12);
  });

  it('keeps nothing of a download that failed, and tries again next time', async () => {
    const dir = await cacheDir();
    const cache = await FileCache.open({ dir, maxBytes: 1 << 20 });
    const failing: Download = async (file) => {
      await writeFile(file, 'partial');
      throw new Error('connection reset');
    };
    await expect(cache.cached('bucket/x.parquet', failing)).rejects.toThrow('connection reset');
    expect(await readdir(dir, { recursive: true })).toEqual(['.incoming']);
    expect(cache.usedBytes).toBe(0);
    const file = await cache.cached('bucket/x.parquet', source(5).download);
    expect((await readFile(file)).toString()).toBe('xxxxx');
  });

  it('indexes the files a previous run left, drops its unfinished downloads, and fits a smaller budget', async () => {
    const dir = await cacheDir();
    const before = await FileCache.open({ dir, maxBytes: 1 << 20, pinMs: 0 });
    await before.cached('bucket/old.parquet', source(100).download);
    await new Promise((resolve) => setTimeout(resolve, 20)); // distinct modification times
    await before.cached('bucket/new.parquet', source(100).download);
    await mkdir(path.join(dir, '.incoming'), { recursive: true });
    await writeFile(path.join(dir, '.incoming', 'crashed-download'), 'half');

    // Constructed without open(), as openLakeStore does: it indexes on first use.
    const after = new FileCache({ dir, maxBytes: 1 << 20, pinMs: 0 });
    const counted = source(100);
    await after.cached('bucket/new.parquet', counted.download);
    expect(counted.calls).toBe(0);
    expect(after.keys()).toEqual(['bucket/old.parquet', 'bucket/new.parquet']);
    expect(after.usedBytes).toBe(200);
    expect(await readdir(path.join(dir, '.incoming'))).toEqual([]);

    // Reopened with room for one file, the least recently downloaded goes.
    const smaller = await FileCache.open({ dir, maxBytes: 150, pinMs: 0 });
    expect(smaller.keys()).toEqual(['bucket/new.parquet']);
    expect(smaller.usedBytes).toBe(100);
  });

  it('never evicts a file handed out within pinMs, going over budget until the pin expires', async () => {
    let now = 1_000_000;
    const cache = await FileCache.open({
      dir: await cacheDir(),
      maxBytes: 250,
      pinMs: 10_000,
      now: () => now,
    });
    for (const name of ['a', 'b', 'c']) await cache.cached(`bucket/${name}`, source(100).download);
    expect(cache.usedBytes).toBe(300);
    expect(cache.keys()).toEqual(['bucket/a', 'bucket/b', 'bucket/c']);

    now += 5_000;
    await cache.cached('bucket/a', source(100).download); // a is pinned again, b and c are not yet free
    now += 6_000; // b and c were handed out 11 s ago, a 6 s ago
    await cache.cached('bucket/d', source(100).download);
    expect(cache.keys()).toEqual(['bucket/a', 'bucket/d']);
    expect(cache.usedBytes).toBe(200);
  });

  it('removes a file when its object is deleted', async () => {
    const dir = await cacheDir();
    const cache = await FileCache.open({ dir, maxBytes: 1 << 20 });
    const file = await cache.cached('bucket/gone.parquet', source(10).download);
    await cache.remove('bucket/gone.parquet');
    await cache.remove('bucket/never-cached.parquet');
    expect(cache.keys()).toEqual([]);
    await expect(readFile(file)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

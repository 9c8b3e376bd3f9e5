import { randomUUID } from 'node:crypto';
import { access, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LakeFileMissingError, type LakeStore } from '../../src/lake/store/lake-store.js';

export interface StoreUnderTest {
  store: LakeStore;
  close(): Promise<void>;
}

export interface ContractOptions {
  /**
   * Whether the server behind the store replaces objects atomically, so reads racing a put can be
   * checked. Every real store does (S3, R2, MinIO, a local rename); s3rver, the S3 server the tests
   * run, rewrites an object's file in place, so a read racing a put there fails ("aborted").
   */
  atomicServer: boolean;
}

/**
 * The one contract every LakeStore adapter must pass (local directory, S3). Each test writes below a
 * prefix of its own, so they share one store without seeing each other's keys.
 */
export function lakeStoreContract(
  name: string,
  open: () => Promise<StoreUnderTest>,
  options: ContractOptions = { atomicServer: true },
): void {
  describe(`lake store contract: ${name}`, () => {
    let subject: StoreUnderTest;
    let store: LakeStore;
    let scratch: string;

    beforeAll(async () => {
      subject = await open();
      store = subject.store;
      scratch = await mkdtemp(path.join(tmpdir(), 'brigade-lake-contract-'));
    });
    afterAll(async () => {
      await store.close();
      await subject.close();
      await rm(scratch, { recursive: true, force: true });
    });

    const fresh = () => `t-${randomUUID()}`;
    const bytesOf = (text: string) => new Uint8Array(Buffer.from(text));
    const textOf = (bytes: Uint8Array | null) => (bytes === null ? null : Buffer.from(bytes).toString());

    it('gives back exactly the bytes it was given, binary and empty alike', async () => {
      const base = fresh();
      const binary = new Uint8Array(Array.from({ length: 70_000 }, (_, index) => (index * 31) % 256));
      await store.put(`${base}/binary.bin`, binary);
      await store.put(`${base}/empty.bin`, new Uint8Array());
      expect(Buffer.from((await store.get(`${base}/binary.bin`)) ?? [])).toEqual(Buffer.from(binary));
      expect(await store.get(`${base}/empty.bin`)).toHaveLength(0);
    });

    it('replaces an object whole: after a put, get returns exactly the new bytes', async () => {
      const key = `${fresh()}/_manifest.json`;
      await store.put(key, bytesOf('{"version":1,"files":["a much longer first version"]}'));
      await store.put(key, bytesOf('{"version":2}'));
      expect(textOf(await store.get(key))).toBe('{"version":2}');
    });

    it.runIf(options.atomicServer)(
      'never shows a reader a mix of two versions, nor a lister anything but keys',
      async () => {
        const base = fresh();
        const key = `${base}/object.bin`;
        const versions = ['a', 'b', 'c'].map((letter) => Buffer.alloc(1 << 20, letter));
        await store.put(key, versions[0] as Buffer);
        let writing = true;
        const writes = (async () => {
          try {
            for (let round = 1; round <= 12; round++) await store.put(key, versions[round % 3] as Buffer);
          } finally {
            writing = false;
          }
        })();
        let reads = 0;
        while (writing) {
          const [bytes, listed] = await Promise.all([store.get(key), store.list(`${base}/`)]);
          const buffer = Buffer.from(bytes ?? []);
          expect(versions.some((version) => version.equals(buffer))).toBe(true);
          expect(listed.map((object) => object.key)).toEqual([key]);
          reads++;
        }
        await writes;
        expect(reads).toBeGreaterThan(0);
        expect(Buffer.from((await store.get(key)) ?? []).equals(versions[0] as Buffer)).toBe(true);
      },
    );

    it('answers null for a key with no object, including one that is only a prefix of others', async () => {
      const base = fresh();
      await store.put(`${base}/dir/file.txt`, bytesOf('x'));
      expect(await store.get(`${base}/missing.txt`)).toBeNull();
      expect(await store.get(`${base}/dir`)).toBeNull();
      expect(await store.get(`${base}/dir/file.txt/below`)).toBeNull();
    });

    it('uploads a local file, leaving the file where it was', async () => {
      const key = `${fresh()}/part-1-9.parquet`;
      const file = path.join(scratch, `${randomUUID()}.parquet`);
      const content = Buffer.alloc(300_000, 'p');
      await writeFile(file, content);
      await store.putFile(key, file);
      expect(Buffer.from((await store.get(key)) ?? []).equals(content)).toBe(true);
      await expect(access(file)).resolves.toBeUndefined();
    });

    it('hands out a local file holding the object, and LakeFileMissingError for no object', async () => {
      const key = `${fresh()}/silver/orders/v1.parquet`;
      await store.put(key, bytesOf('parquet bytes'));
      const file = await store.localPath(key);
      expect(path.isAbsolute(file)).toBe(true);
      expect((await readFile(file)).toString()).toBe('parquet bytes');

      const missing = store.localPath(`${fresh()}/nope.parquet`);
      await expect(missing).rejects.toBeInstanceOf(LakeFileMissingError);
      await expect(missing).rejects.toMatchObject({ code: 'LAKE_FILE_MISSING' });
    });

    it('lists the objects under a prefix in key order, with sizes, and nothing else', async () => {
      const base = fresh();
      const keys = [
        `${base}/bronze/events/b.parquet`,
        `${base}/bronze/events/a.parquet`,
        `${base}/bronze/events/sub/c.parquet`,
        `${base}/bronze/eventsx/d.parquet`,
        `${base}/silver/orders/e.parquet`,
      ];
      for (const [index, key] of keys.entries()) await store.put(key, new Uint8Array(index + 1));
      const before = Date.now();

      const listed = await store.list(`${base}/bronze/events/`);
      expect(listed.map(({ key, size }) => ({ key, size }))).toEqual([
        { key: `${base}/bronze/events/a.parquet`, size: 2 },
        { key: `${base}/bronze/events/b.parquet`, size: 1 },
        { key: `${base}/bronze/events/sub/c.parquet`, size: 3 },
      ]);
      for (const object of listed) {
        expect(object.modifiedAt).toBeInstanceOf(Date);
        // Within a minute of now: clocks of a remote store and this machine need not agree exactly.
        expect(Math.abs(object.modifiedAt.getTime() - before)).toBeLessThan(60_000);
      }
      // A prefix is a plain string prefix, as in S3: it may end in part of a name.
      expect((await store.list(`${base}/bronze/ev`)).map((object) => object.key)).toEqual([
        `${base}/bronze/events/a.parquet`,
        `${base}/bronze/events/b.parquet`,
        `${base}/bronze/events/sub/c.parquet`,
        `${base}/bronze/eventsx/d.parquet`,
      ]);
      expect((await store.list(`${base}/`)).map((object) => object.key)).toEqual([...keys].sort());
      expect(await store.list(`${fresh()}/`)).toEqual([]);
    });

    it('deletes an object, and deleting what is not there is not an error', async () => {
      const base = fresh();
      const key = `${base}/gone.parquet`;
      await store.put(key, bytesOf('x'));
      await store.put(`${base}/kept.parquet`, bytesOf('y'));
      expect((await store.localPath(key)).length).toBeGreaterThan(0);
      await store.delete(key);
      expect(await store.get(key)).toBeNull();
      await expect(store.localPath(key)).rejects.toBeInstanceOf(LakeFileMissingError);
      expect((await store.list(`${base}/`)).map((object) => object.key)).toEqual([`${base}/kept.parquet`]);
      await store.delete(key);
      await store.delete(`${fresh()}/never-was.parquet`);
    });

    it('holds Hive-partitioned keys with = in nested directories', async () => {
      const base = fresh();
      const key = `${base}/bronze/events/business_id=abc/event_date=2026-12-04/part-1-9.parquet`;
      await store.put(key, bytesOf('hive'));
      expect(textOf(await store.get(key))).toBe('hive');
      expect((await readFile(await store.localPath(key))).toString()).toBe('hive');
      expect(await store.list(`${base}/bronze/events/business_id=abc/`)).toEqual([
        { key, size: 4, modifiedAt: expect.any(Date) },
      ]);
    });

    it('refuses keys that are not relative, /-separated paths inside the store', async () => {
      for (const bad of [
        '',
        '/abs.parquet',
        '../escape.parquet',
        'a/../b',
        'a//b',
        'a/./b',
        'a/',
        '.hidden',
        'a\\b',
      ]) {
        await expect(store.put(bad, bytesOf('x')), bad).rejects.toThrow(/invalid lake key/);
        await expect(store.get(bad), bad).rejects.toThrow(/invalid lake key/);
        await expect(store.localPath(bad), bad).rejects.toThrow(/invalid lake key/);
        await expect(store.delete(bad), bad).rejects.toThrow(/invalid lake key/);
      }
      for (const bad of ['/', '/abs', '../', 'a/../']) {
        await expect(store.list(bad), bad).rejects.toThrow(/invalid lake prefix/);
      }
    });
  });
}

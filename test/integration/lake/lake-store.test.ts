import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DeleteObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/config.js';
import { MANIFEST_KEY } from '../../../src/lake/manifest.js';
import { FileCache, type FileCacheOptions } from '../../../src/lake/store/file-cache.js';
import { LakeFileMissingError } from '../../../src/lake/store/lake-store.js';
import { LocalDirStore } from '../../../src/lake/store/local-dir-store.js';
import { openLakeStore } from '../../../src/lake/store/open-lake-store.js';
import { S3Store, type S3StoreOptions } from '../../../src/lake/store/s3-store.js';
import { lakeStoreContract } from '../../contract/lake-store-contract.js';
import { type S3TestServer, startS3Server } from '../../support/s3-server.js';

const temps: string[] = [];
const tempDir = async (label: string) => {
  const dir = await mkdtemp(path.join(tmpdir(), `brigade-${label}-`));
  temps.push(dir);
  return dir;
};

let server: S3TestServer;
beforeAll(async () => {
  server = await startS3Server();
});
afterAll(async () => {
  await server.close();
  for (const dir of temps) await rm(dir, { recursive: true, force: true });
});

const s3Options = (extra: Partial<S3StoreOptions> = {}): S3StoreOptions => ({
  endpoint: server.endpoint,
  bucket: server.bucket,
  region: server.region,
  accessKeyId: server.accessKeyId,
  secretAccessKey: server.secretAccessKey,
  ...extra,
});
const openS3 = async (extra: Partial<S3StoreOptions> = {}, cache: Partial<FileCacheOptions> = {}) =>
  new S3Store(
    s3Options(extra),
    await FileCache.open({ dir: await tempDir('lake-cache'), maxBytes: 1 << 30, ...cache }),
  );

lakeStoreContract('local directory', async () => ({
  store: new LocalDirStore(await tempDir('lake')),
  close: async () => {},
}));
// s3rver replaces an object's file in place, so reads racing a put are not checked against it.
const s3rver = { atomicServer: false };
lakeStoreContract('S3 (s3rver)', async () => ({ store: await openS3(), close: async () => {} }), s3rver);
lakeStoreContract(
  'S3 below a key prefix, listing 2 keys a page',
  async () => ({
    store: await openS3({ prefix: `/tenants/${randomUUID()}/lake/`, listPageSize: 2 }),
    close: async () => {},
  }),
  s3rver,
);

describe('LocalDirStore', () => {
  it('survives being killed mid-write: every key holds one whole version, and no temp file is listed', async () => {
    const root = await tempDir('lake-crash');
    // A writer in a process of its own, replacing one key with 4 MB versions of 'a', 'b', 'c' in turn.
    const storeModule = fileURLToPath(new URL('../../../src/lake/store/local-dir-store.ts', import.meta.url));
    const writer = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        `const { LocalDirStore } = await import(${JSON.stringify(storeModule)});
         const store = new LocalDirStore(${JSON.stringify(root)});
         for (let round = 0; ; round++) {
           await store.put('bronze/events/business_id=b/event_date=2026-12-04/part.parquet', Buffer.alloc(4 << 20, 'abc'[round % 3]));
           if (round === 0) process.stdout.write('ready\\n');
         }`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise<void>((resolve) => writer.stdout.once('data', () => resolve()));
    await new Promise((resolve) => setTimeout(resolve, 150));
    const exited = new Promise((resolve) => writer.once('exit', resolve));
    writer.kill('SIGKILL');
    await exited;

    const store = new LocalDirStore(root);
    const key = 'bronze/events/business_id=b/event_date=2026-12-04/part.parquet';
    const bytes = Buffer.from((await store.get(key)) ?? []);
    expect(bytes).toHaveLength(4 << 20);
    expect(bytes.every((byte) => byte === bytes[0])).toBe(true);
    expect((await store.list('')).map((object) => object.key)).toEqual([key]);
    // A later put of the same key is not disturbed by whatever temp file the crash left.
    await store.put(key, Buffer.from('after'));
    expect(Buffer.from((await store.get(key)) ?? []).toString()).toBe('after');
  });
});

describe('S3Store', () => {
  it('serves a cached data file without downloading again, even once the object is gone', async () => {
    const store = await openS3();
    const key = `t-${randomUUID()}/silver/orders/v1.parquet`;
    await store.put(key, Buffer.from('immutable'));
    const first = await store.localPath(key);

    const other = new S3Client({
      endpoint: server.endpoint,
      region: server.region,
      forcePathStyle: true,
      credentials: { accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey },
    });
    await other.send(new DeleteObjectCommand({ Bucket: server.bucket, Key: key }));
    other.destroy();
    expect(await store.get(key)).toBeNull();

    // Had it asked S3, it would have thrown LakeFileMissingError.
    expect(await store.localPath(key)).toBe(first);
    expect((await readFile(first)).toString()).toBe('immutable');
    await store.close();
  });

  it('keeps the cache within its byte budget, evicting the least recently used file', async () => {
    const cacheDir = await tempDir('lake-cache');
    const store = new S3Store(s3Options(), await FileCache.open({ dir: cacheDir, maxBytes: 250, pinMs: 0 }));
    const base = `t-${randomUUID()}`;
    const key = (name: string) => `${base}/${name}.parquet`;
    for (const name of ['a', 'b', 'c', 'd']) await store.put(key(name), Buffer.alloc(100, name));

    await store.localPath(key('a'));
    await store.localPath(key('b'));
    await store.localPath(key('a')); // a is now more recent than b
    await store.localPath(key('c')); // 300 bytes: b, the least recently used, goes
    expect(await cachedNames(cacheDir)).toEqual(['a.parquet', 'c.parquet']);
    await store.localPath(key('d')); // a goes
    expect(await cachedNames(cacheDir)).toEqual(['c.parquet', 'd.parquet']);

    // An evicted file is simply downloaded again.
    expect((await readFile(await store.localPath(key('b')))).toString()).toBe('b'.repeat(100));
    await store.close();
  });

  it('never serves a stale manifest from the cache', async () => {
    const store = await openS3({ prefix: `t-${randomUUID()}` });
    await store.put(MANIFEST_KEY, Buffer.from('{"version":1}'));
    const first = await store.localPath(MANIFEST_KEY);
    expect((await readFile(first)).toString()).toBe('{"version":1}');
    await store.put(MANIFEST_KEY, Buffer.from('{"version":2}'));
    expect((await readFile(await store.localPath(MANIFEST_KEY))).toString()).toBe('{"version":2}');
    await store.delete(MANIFEST_KEY);
    await expect(store.localPath(MANIFEST_KEY)).rejects.toBeInstanceOf(LakeFileMissingError);
    await store.close();
  });

  it('leaves nothing in the cache for a download of a missing object', async () => {
    const cacheDir = await tempDir('lake-cache');
    const store = new S3Store(s3Options(), await FileCache.open({ dir: cacheDir, maxBytes: 1 << 20 }));
    await expect(store.localPath(`t-${randomUUID()}/nope.parquet`)).rejects.toBeInstanceOf(
      LakeFileMissingError,
    );
    expect(await readdir(cacheDir, { recursive: true })).toEqual(['.incoming']);
    await store.close();
  });

  it('uploads a file again when its connection is cut mid-upload', async () => {
    // A proxy in front of s3rver that drops the first PUT's connection once its body starts to arrive.
    const target = new URL(server.endpoint);
    let cut = 0;
    const proxy = http.createServer((request, response) => {
      if (request.method === 'PUT' && cut === 0) {
        cut += 1;
        request.once('data', () => request.socket.destroy());
        return;
      }
      const upstream = http.request(
        {
          host: target.hostname,
          port: target.port,
          method: request.method,
          path: request.url,
          headers: request.headers,
        },
        (answer) => {
          response.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(response);
        },
      );
      request.pipe(upstream);
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const { port } = proxy.address() as AddressInfo;
    const store = await openS3({ endpoint: `http://127.0.0.1:${port}` });
    const file = path.join(await tempDir('upload'), 'part.parquet');
    const bytes = Buffer.alloc(256 * 1024, 'x');
    await writeFile(file, bytes);
    const key = `t-${randomUUID()}/bronze/events/part-1.parquet`;
    await store.putFile(key, file);
    expect(cut).toBe(1);
    expect(Buffer.from((await store.get(key)) ?? []).equals(bytes)).toBe(true);
    await store.close();
    await new Promise((resolve) => proxy.close(resolve));
  });

  it('fails loudly on a bucket that does not exist instead of reading as an empty lake', async () => {
    const store = await openS3({ bucket: 'no-such-bucket' });
    await expect(store.get(MANIFEST_KEY)).rejects.toMatchObject({ name: 'NoSuchBucket' });
    await store.close();
  });
});

describe('openLakeStore', () => {
  it('opens the local directory unless S3 is configured, and the bucket when it is', async () => {
    const dataDir = await tempDir('data');
    const local = openLakeStore(loadConfig({ DATA_DIR: dataDir }));
    expect(local).toBeInstanceOf(LocalDirStore);
    expect((local as LocalDirStore).root).toBe(path.join(dataDir, 'lake'));

    const remote = openLakeStore(
      loadConfig({
        DATA_DIR: dataDir,
        S3_ENDPOINT: server.endpoint,
        S3_BUCKET: server.bucket,
        S3_REGION: server.region,
        S3_ACCESS_KEY_ID: server.accessKeyId,
        S3_SECRET_ACCESS_KEY: server.secretAccessKey,
        S3_PREFIX: `t-${randomUUID()}`,
      }),
    );
    expect(remote.kind).toBe('s3');
    await remote.put('gold/x.parquet', Buffer.from('gold'));
    const cached = await remote.localPath('gold/x.parquet');
    expect(cached.startsWith(path.join(dataDir, 'lake-cache'))).toBe(true);
    expect((await readFile(cached)).toString()).toBe('gold');
    await remote.close();
    await local.close();
  });
});

/** File names in the cache directory tree, sorted. */
async function cachedNames(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => entry.name)
    .sort();
}

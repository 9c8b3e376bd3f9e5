import { createReadStream, createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  type GetObjectCommandOutput,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { MANIFEST_KEY } from '../manifest.js';
import type { FileCache } from './file-cache.js';
import {
  assertLakeKey,
  assertLakePrefix,
  LakeFileMissingError,
  type LakeObject,
  type LakeStore,
} from './lake-store.js';

export interface S3StoreOptions {
  /** e.g. `http://minio:9000`, `https://<account>.r2.cloudflarestorage.com`, `https://s3.eu-west-1.amazonaws.com`. */
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Folder inside the bucket holding the lake (`''`: the bucket root). */
  prefix?: string;
  /** `bucket` in the path rather than the host name; MinIO, s3rver and most self-hosted stores need it. */
  forcePathStyle?: boolean;
  /** Keys per ListObjectsV2 page (S3 caps it at 1000); small pages let tests exercise paging. */
  listPageSize?: number;
}

/**
 * The lake in an S3-compatible bucket (AWS S3, Cloudflare R2, MinIO, ...). A PutObject is atomic per
 * object: readers see the previous object or the complete new one, never a mix, and a PUT that fails
 * halfway leaves the old object. That gives `put` the contract's guarantees with no temp objects.
 *
 * `localPath` serves DuckDB, which reads local files: data files are immutable, so each is downloaded
 * once into `cache` and served from there for good (even if the object is deleted remotely later).
 * The manifest is the one object replaced in place, so `localPath(MANIFEST_KEY)` downloads it afresh
 * on every call and never answers from the cache.
 */
export class S3Store implements LakeStore {
  readonly kind = 's3';
  private readonly client: S3Client;
  private readonly bucket: string;
  /** `''` or a folder ending in `/`, put before every key. */
  private readonly prefix: string;
  private readonly pageSize: number;

  constructor(
    options: S3StoreOptions,
    private readonly cache: FileCache,
  ) {
    this.bucket = options.bucket;
    const folder = (options.prefix ?? '').replace(/^\/+|\/+$/g, '');
    if (folder !== '') assertLakeKey(folder);
    this.prefix = folder === '' ? '' : `${folder}/`;
    this.pageSize = options.listPageSize ?? 1000;
    this.client = new S3Client({
      endpoint: options.endpoint,
      region: options.region,
      credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
      forcePathStyle: options.forcePathStyle ?? true,
      // Since early 2025 the SDK adds a CRC32 checksum to every upload by default, sending streamed
      // bodies as `aws-chunked` with a trailing checksum. Many S3-compatible servers do not speak that
      // encoding: s3rver (our test server) stores the chunk framing as part of the object (a 100,000
      // byte file became 100,053 bytes), and other S3-compatible stores have rejected it. WHEN_REQUIRED
      // sends plain bodies, as the SDK did before; TLS and the Content-Length the server checks
      // still guard the transfer.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      // The SDK waits forever by default; a stalled connection should fail (and be retried by the
      // SDK) rather than hang the lake writer.
      requestHandler: { connectionTimeout: 10_000, socketTimeout: 60_000 },
    });
  }

  async put(key: string, bytes: Uint8Array): Promise<void> {
    await this.client.send(
      new PutObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key), Body: bytes }),
    );
  }

  async putFile(key: string, file: string): Promise<void> {
    const objectKey = this.objectKey(key);
    const { size } = await stat(file);
    // One streamed PutObject: lake files are far below the ~100 MB where multipart uploads start to
    // pay off (S3 takes up to 5 GB in one PUT). ContentLength lets the SDK send the stream without
    // buffering or chunked encoding.
    // The SDK retries a request it can send again, but not one whose body is a stream it has started
    // reading: a connection cut mid-upload (a keep-alive socket the server closed as the PUT went out,
    // which s3rver does under load) failed the whole lake batch. Each attempt opens the file again.
    for (let attempt = 1; ; attempt++) {
      try {
        await this.client.send(
          new PutObjectCommand({
            Bucket: this.bucket,
            Key: objectKey,
            Body: createReadStream(file),
            ContentLength: size,
          }),
        );
        return;
      } catch (error) {
        if (attempt >= UPLOAD_ATTEMPTS || !isTransient(error)) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 * 4 ** (attempt - 1)));
      }
    }
  }

  async get(key: string): Promise<Uint8Array | null> {
    const object = await this.getObject(key);
    if (object === null) return null;
    return (await object.Body?.transformToByteArray()) ?? new Uint8Array();
  }

  async localPath(key: string): Promise<string> {
    const cacheKey = this.cacheKey(key);
    const download = (file: string) => this.download(key, file);
    return key === MANIFEST_KEY
      ? this.cache.refreshed(cacheKey, download)
      : this.cache.cached(cacheKey, download);
  }

  async list(prefix: string): Promise<LakeObject[]> {
    assertLakePrefix(prefix);
    const objects: LakeObject[] = [];
    let continuation: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({
          Bucket: this.bucket,
          Prefix: `${this.prefix}${prefix}`,
          MaxKeys: this.pageSize,
          ContinuationToken: continuation,
        }),
      );
      for (const object of page.Contents ?? []) {
        const key = object.Key?.slice(this.prefix.length);
        // Folder markers (`x/`, made by bucket consoles) and other names no lake key can have are not
        // part of the lake.
        if (key === undefined || !isLakeKey(key)) continue;
        objects.push({ key, size: object.Size ?? 0, modifiedAt: object.LastModified ?? new Date(0) });
      }
      continuation = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (continuation !== undefined);
    // S3 lists in key (UTF-8 byte) order already.
    return objects;
  }

  async delete(key: string): Promise<void> {
    // S3 answers 204 for a key that is not there, so deleting twice is not an error. The cached copy
    // goes too: a reader that already opened it keeps its bytes, and no new one is served.
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }));
    await this.cache.remove(this.cacheKey(key));
  }

  async close(): Promise<void> {
    this.client.destroy();
  }

  private objectKey(key: string): string {
    assertLakeKey(key);
    return `${this.prefix}${key}`;
  }

  /**
   * Where a key is cached: below the bucket and prefix, so stores on different buckets can share a
   * cache directory without serving each other's files.
   */
  private cacheKey(key: string): string {
    return `${this.bucket}/${this.objectKey(key)}`;
  }

  /** The object, or null when the bucket has no such key. */
  private async getObject(key: string): Promise<GetObjectCommandOutput | null> {
    try {
      return await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }));
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  private async download(key: string, file: string): Promise<void> {
    const object = await this.getObject(key);
    if (object === null) throw new LakeFileMissingError(key);
    const body = object.Body;
    if (!(body instanceof Readable)) throw new Error(`unexpected S3 body type for ${key}`);
    await pipeline(body, createWriteStream(file, { flags: 'wx' }));
    // A connection cut short can end the stream quietly; a short file must never enter the cache.
    const { size } = await stat(file);
    if (object.ContentLength !== undefined && size !== object.ContentLength) {
      throw new Error(`download of ${key} ended after ${size} of ${object.ContentLength} bytes`);
    }
  }
}

/** Attempts of a streamed upload (putFile), 100 ms and 400 ms apart. */
const UPLOAD_ATTEMPTS = 3;

/**
 * An error another attempt may not meet: no answer at all (the connection reset, refused or timed
 * out) or a server error (5xx, throttling). An answer in the 4xx range — a missing bucket, refused
 * credentials — would only be given again.
 */
function isTransient(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const status = httpStatusOf(error);
  return status === undefined || status >= 500 || status === 429;
}

/** The HTTP status of the answer an SDK error came with; undefined when there was no answer. */
function httpStatusOf(error: Error): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
}

function isLakeKey(key: string): boolean {
  try {
    assertLakeKey(key);
    return true;
  } catch {
    return false;
  }
}

/**
 * A missing key, not a missing bucket: both are 404s, but a lake whose bucket is gone must fail loudly
 * rather than read as an empty lake (a null manifest would make the writer start over).
 */
function isNotFound(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return error.name === 'NoSuchKey' || (httpStatusOf(error) === 404 && error.name !== 'NoSuchBucket');
}

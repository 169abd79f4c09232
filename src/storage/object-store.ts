// S3-generic object storage (MinIO locally, any S3-compatible store in production).
import type { Readable } from 'node:stream';
import { Client, S3Error, type LifecycleRule } from 'minio';
import type { z } from 'zod';
import { timeStorage } from '../util/storage-time.js';

export interface ObjectStoreOptions {
  endpoint: string;
  region: string;
  accessKey: string;
  secretKey: string;
  bucket: string;
}

export interface StoredObject {
  size: number;
  contentType: string | undefined;
  /** Set on outputs, so a download needs no manifest (deleted once the job succeeds). */
  contentDisposition: string | undefined;
}

/** A bucket seen through the S3 API. Keys come from `jobKeys`; values are bytes or JSON. */
export class ObjectStore {
  readonly bucket: string;
  private readonly client: Client;
  private readonly region: string;

  constructor(options: ObjectStoreOptions) {
    const url = new URL(options.endpoint);
    const useSSL = url.protocol === 'https:';
    this.client = new Client({
      endPoint: url.hostname,
      port: url.port ? Number(url.port) : useSSL ? 443 : 80,
      useSSL,
      accessKey: options.accessKey,
      secretKey: options.secretKey,
      region: options.region,
    });
    this.bucket = options.bucket;
    this.region = options.region;
  }

  /** Creates the bucket when it is missing; safe to call from several processes at once. */
  async ensureBucket(): Promise<void> {
    if (await this.client.bucketExists(this.bucket)) return;
    try {
      await this.client.makeBucket(this.bucket, this.region);
    } catch (err) {
      if (err instanceof S3Error && err.code === 'BucketAlreadyOwnedByYou') return;
      throw err;
    }
  }

  /** Throws unless the store answers and the bucket exists. */
  async ping(): Promise<void> {
    if (!(await this.client.bucketExists(this.bucket))) {
      throw new Error(`bucket ${this.bucket} does not exist`);
    }
  }

  /** Writes an object; `contentDisposition` is kept with it as the standard S3 header. */
  async put(
    key: string,
    body: Buffer | string | Readable,
    contentType: string,
    contentDisposition?: string,
  ): Promise<void> {
    const headers: Record<string, string> = { 'Content-Type': contentType };
    if (contentDisposition) headers['Content-Disposition'] = contentDisposition;
    await timeStorage(() => this.client.putObject(this.bucket, key, body, undefined, headers));
  }

  async putJson(key: string, value: unknown): Promise<void> {
    await this.put(key, JSON.stringify(value), 'application/json');
  }

  async putText(key: string, text: string): Promise<void> {
    await this.put(key, text, 'text/plain; charset=utf-8');
  }

  async getStream(key: string): Promise<Readable> {
    return this.client.getObject(this.bucket, key);
  }

  async getBuffer(key: string): Promise<Buffer> {
    return timeStorage(async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of await this.getStream(key)) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    });
  }

  /** The first `length` bytes of an object (fewer when it is shorter). */
  async getHead(key: string, length: number): Promise<Buffer> {
    return timeStorage(async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of await this.client.getPartialObject(this.bucket, key, 0, length)) {
        chunks.push(chunk as Buffer);
      }
      return Buffer.concat(chunks);
    });
  }

  /**
   * Reads a JSON object and validates it, so a damaged object fails loudly here. The error names
   * the key only: parser and schema messages quote the content, which may be recognised text.
   */
  async getJson<T>(key: string, schema: z.ZodType<T>): Promise<T> {
    const body = (await this.getBuffer(key)).toString('utf8');
    let raw: unknown;
    try {
      raw = JSON.parse(body);
    } catch {
      throw new Error(`stored object ${key} is not valid JSON`);
    }
    const parsed = schema.safeParse(raw);
    if (!parsed.success) throw new Error(`stored object ${key} does not match its schema`);
    return parsed.data;
  }

  /** Size and type of an object, or `undefined` when it does not exist. */
  async stat(key: string): Promise<StoredObject | undefined> {
    try {
      const stat = await timeStorage(() => this.client.statObject(this.bucket, key));
      const meta = stat.metaData as Record<string, string | undefined>;
      return {
        size: stat.size,
        contentType: meta['content-type'],
        contentDisposition: meta['content-disposition'],
      };
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  // --- Data lifecycle: listing, deleting, expiring ---------------------------------------------

  /** Every key under `prefix` (all pages of the listing). */
  async listKeys(prefix: string): Promise<string[]> {
    return timeStorage(async () => {
      const keys: string[] = [];
      for await (const item of this.client.listObjectsV2(this.bucket, prefix, true)) {
        const { name } = item as { name?: string };
        if (name !== undefined) keys.push(name);
      }
      return keys;
    });
  }

  /** Deletes `keys` (a missing key is no error); throws naming how many the store refused. */
  async removeKeys(keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    const answers = await timeStorage(() => this.client.removeObjects(this.bucket, [...keys]));
    const refused = answers.filter((a) => a?.Error && a.Error.Code !== 'NoSuchKey');
    // Codes only: a key names a job, never its content, but the message is the store's own.
    if (refused.length > 0) {
      const codes = [...new Set(refused.map((a) => a?.Error?.Code ?? 'unknown'))].join(', ');
      throw new Error(`the store refused to delete ${refused.length} object(s): ${codes}`);
    }
  }

  /** Deletes every object under `prefix`; returns how many there were. */
  async removePrefix(prefix: string): Promise<number> {
    const keys = await this.listKeys(prefix);
    await this.removeKeys(keys);
    return keys.length;
  }

  /**
   * Sets the bucket's lifecycle to one rule expiring objects under `prefix` `days` after they were
   * written (S3 counts whole days). Replaces any lifecycle configuration the bucket had.
   */
  async expireAfterDays(prefix: string, days: number): Promise<void> {
    await this.client.setBucketLifecycle(this.bucket, {
      Rule: [
        {
          ID: 'redactify-result-ttl',
          Status: 'Enabled',
          Filter: { Prefix: prefix },
          Expiration: { Days: days },
        },
      ],
    });
  }

  /** The bucket's lifecycle rules, or `undefined` when it has none. */
  async lifecycleRules(): Promise<LifecycleRule[] | undefined> {
    try {
      const rules = (await this.client.getBucketLifecycle(this.bucket))?.Rule;
      // The XML parser answers a lone rule as an object, not a list of one.
      return rules === undefined ? undefined : [rules].flat();
    } catch (err) {
      if (err instanceof S3Error && err.code === 'NoSuchLifecycleConfiguration') return undefined;
      throw err;
    }
  }
}

/** True when S3 says the object (or bucket) does not exist. */
export function isNotFound(err: unknown): boolean {
  return err instanceof S3Error && (err.code === 'NotFound' || err.code === 'NoSuchKey');
}

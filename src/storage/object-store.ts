// S3-generic object storage (MinIO locally, any S3-compatible store in production).
import type { Readable } from 'node:stream';
import { Client, S3Error } from 'minio';
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

  async put(key: string, body: Buffer | string | Readable, contentType: string): Promise<void> {
    await timeStorage(() =>
      this.client.putObject(this.bucket, key, body, undefined, { 'Content-Type': contentType }),
    );
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
      const contentType = (stat.metaData as Record<string, string | undefined>)['content-type'];
      return { size: stat.size, contentType };
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }
}

/** True when S3 says the object (or bucket) does not exist. */
export function isNotFound(err: unknown): boolean {
  return err instanceof S3Error && (err.code === 'NotFound' || err.code === 'NoSuchKey');
}

// Multipart uploads parsed as a stream by busboy with limits on parts and field sizes, so a
// malformed or hostile body is a 400, never a 500 or a process holding a million parts.
import { Readable } from 'node:stream';
import { Busboy, type BusboyInstance } from '@fastify/busboy';
import { RedactifyError } from '../errors.js';

export interface MultipartLimits {
  /** Parts in all: files and fields. */
  parts: number;
  /** Bytes of one field's value. */
  fieldBytes: number;
  /** Bytes of one file. */
  fileBytes: number;
}

export interface ParsedUpload {
  files: Array<{ field: string; filename: string; bytes: Buffer }>;
  /** Field values by name (the first of each name). */
  fields: Map<string, string>;
}

/** Parses `multipart/form-data`; any problem is a `VALIDATION_FAILED` naming it. */
export function parseMultipart(
  contentType: string,
  body: ReadableStream<Uint8Array> | null,
  limits: MultipartLimits,
): Promise<ParsedUpload> {
  let parser: BusboyInstance;
  try {
    parser = Busboy({
      headers: { 'content-type': contentType },
      limits: {
        parts: limits.parts,
        fieldSize: limits.fieldBytes,
        fileSize: limits.fileBytes,
        fieldNameSize: 100,
        headerPairs: 20,
      },
    });
  } catch {
    return Promise.reject(
      new RedactifyError('VALIDATION_FAILED', 'The multipart body has no valid boundary'),
    );
  }
  const upload: ParsedUpload = { files: [], fields: new Map() };
  return new Promise((resolve, reject) => {
    let failed = false;
    let finished = false;
    let openFiles = 0;
    const settle = () => {
      if (finished && openFiles === 0 && !failed) resolve(upload);
    };
    const fail = (message: string) => {
      if (failed) return;
      failed = true;
      reject(new RedactifyError('VALIDATION_FAILED', message));
    };
    parser.on('file', (field, stream, filename) => {
      const chunks: Buffer[] = [];
      openFiles++;
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => fail(`A file is over ${limits.fileBytes} bytes`));
      stream.on('end', () => {
        upload.files.push({ field, filename, bytes: Buffer.concat(chunks) });
        openFiles--;
        settle();
      });
    });
    parser.on('field', (name, value, _nameTruncated, valueTruncated) => {
      if (valueTruncated)
        return fail(`Field "${name.slice(0, 40)}" is over ${limits.fieldBytes} bytes`);
      if (!upload.fields.has(name)) upload.fields.set(name, value);
    });
    parser.on('partsLimit', () => fail(`The body has more than ${limits.parts} parts`));
    parser.on('error', () => fail('The multipart body is malformed'));
    parser.on('finish', () => {
      finished = true;
      settle();
    });
    if (!body) return fail('The multipart body is empty');
    const source = Readable.fromWeb(body as Parameters<typeof Readable.fromWeb>[0]);
    source.on('error', (err: unknown) => {
      if (failed) return;
      failed = true;
      // The body limit's own error (413) passes through unchanged.
      reject(
        err instanceof Error
          ? err
          : new RedactifyError('VALIDATION_FAILED', 'The body could not be read'),
      );
    });
    source.pipe(parser);
  });
}

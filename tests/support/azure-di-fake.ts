// A local stand-in for Azure AI Document Intelligence on 127.0.0.1, speaking its REST protocol
// (2024-11-30): POST …/documentModels/prebuilt-read:analyze → 202 + Operation-Location; polls
// answer `running`, then `succeeded` with an analyzeResult shaped like the service's. Its words
// come from reading the page with tesseract.js, so detection and masking see realistic input.
// Tests script throttling, outages and key failures.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AnalyzeResultOutput } from '@azure-rest/ai-document-intelligence';
import sharp from 'sharp';
import type { OcrEngine } from '../../src/ocr/engine.js';
import type { OcrPage } from '../../src/ocr/types.js';
import { startLoopbackServer, type LoopbackServer } from './loopback-server.js';

export const FAKE_DI_KEY = 'fake-document-intelligence-key';
const API_VERSION = '2024-11-30';
const ANALYZE = /^\/documentintelligence\/documentModels\/prebuilt-read:analyze$/;
const RESULT = /^\/documentintelligence\/documentModels\/prebuilt-read\/analyzeResults\/([\w-]+)$/;

/** A scripted answer to the next analyze request, instead of accepting it. */
export type FakeFault =
  { status: 429 | 503; retryAfterSeconds?: number } | { status: 401 | 403 | 500 | 400 };

export interface FakeDiOptions {
  /** Reads the pages (a tesseract.js pool). */
  reader: OcrEngine;
  /** Polls answered `running` before `succeeded` (at least one). */
  runningPolls?: number;
  /** Report polygons in inches at this resolution, as the service does for PDF pages. */
  inchesAtDpi?: number;
  /** Answer every analyze with 503 (an outage) while true. */
  down?: boolean;
}

export interface FakeCall {
  method: string;
  path: string;
  status: number;
  at: number;
}

export interface FakeDocumentIntelligence {
  endpoint: string;
  /** Answers the next analyze requests get, in order, before any is accepted. */
  faults: FakeFault[];
  /** Every request answered, in order. */
  calls: FakeCall[];
  options: FakeDiOptions;
  /** Analyze requests that were accepted (202). */
  accepted(): number;
  close(): Promise<void>;
}

interface Operation {
  polls: number;
  created: string;
  result: Promise<AnalyzeResultOutput>;
}

/** Starts the fake on a free loopback port. */
export async function startFakeDocumentIntelligence(
  options: FakeDiOptions,
): Promise<FakeDocumentIntelligence> {
  const operations = new Map<string, Operation>();
  const calls: FakeCall[] = [];
  const faults: FakeFault[] = [];

  const answer = (req: IncomingMessage, res: ServerResponse, status: number, body?: unknown) => {
    calls.push({ method: req.method ?? '', path: req.url ?? '', status, at: Date.now() });
    res.writeHead(status, { 'content-type': 'application/json', 'apim-request-id': randomUUID() });
    res.end(body === undefined ? undefined : JSON.stringify(body));
  };
  const error = (code: string, message: string) => ({ error: { code, message } });

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    if (url.searchParams.get('api-version') !== API_VERSION) {
      return answer(req, res, 404, error('404', 'Resource not found'));
    }
    if (req.headers['ocp-apim-subscription-key'] !== FAKE_DI_KEY) {
      return answer(req, res, 401, error('401', 'Access denied due to invalid subscription key'));
    }
    if (req.method === 'POST' && ANALYZE.test(url.pathname)) {
      const body = await readBody(req);
      const fault = faults.shift() ?? (options.down ? { status: 503 as const } : undefined);
      if (fault) {
        if ('retryAfterSeconds' in fault && fault.retryAfterSeconds !== undefined) {
          res.setHeader('retry-after', String(fault.retryAfterSeconds));
        }
        return answer(req, res, fault.status, error(String(fault.status), 'Scripted failure'));
      }
      const { base64Source } = JSON.parse(body.toString('utf8')) as { base64Source?: string };
      if (!base64Source) return answer(req, res, 400, error('InvalidRequest', 'No document'));
      const id = randomUUID();
      const result = analyse(Buffer.from(base64Source, 'base64'), options);
      result.catch(() => undefined); // reported to the poll that asks for it
      operations.set(id, { polls: 0, created: new Date().toISOString(), result });
      res.setHeader(
        'operation-location',
        `${server.origin}/documentintelligence/documentModels/prebuilt-read/analyzeResults/${id}?api-version=${API_VERSION}`,
      );
      return answer(req, res, 202);
    }
    const polled = RESULT.exec(url.pathname);
    if (req.method === 'GET' && polled) {
      const operation = operations.get(polled[1] ?? '');
      if (!operation) return answer(req, res, 404, error('NotFound', 'No such result'));
      operation.polls++;
      const status = {
        createdDateTime: operation.created,
        lastUpdatedDateTime: new Date().toISOString(),
      };
      if (operation.polls <= (options.runningPolls ?? 1)) {
        return answer(req, res, 200, { status: 'running', ...status });
      }
      try {
        return answer(req, res, 200, {
          status: 'succeeded',
          ...status,
          analyzeResult: await operation.result,
        });
      } catch {
        return answer(req, res, 200, {
          status: 'failed',
          ...status,
          error: error('InternalServerError', 'Analysis failed'),
        });
      }
    }
    return answer(req, res, 404, error('404', 'Resource not found'));
  };

  // Requests arrive only once it listens, so `handle` never sees `server` uninitialised.
  const server: LoopbackServer = await startLoopbackServer('127.0.0.1', (req, res) => {
    handle(req, res).catch(() => answer(req, res, 500, error('500', 'Fake failed')));
  });
  return {
    endpoint: server.origin,
    faults,
    calls,
    options,
    accepted: () => calls.filter((c) => c.method === 'POST' && c.status === 202).length,
    close: () => server.close(),
  };
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * Reads the image with tesseract, every page of a multi-page TIFF, and writes it as the service
 * would: content, spans, polygons.
 */
async function analyse(image: Buffer, options: FakeDiOptions): Promise<AnalyzeResultOutput> {
  const count = (await sharp(image).metadata()).pages ?? 1;
  const pages: OcrPage[] = [];
  for (let page = 0; page < count; page++) {
    const png = count === 1 ? image : await sharp(image, { page }).png().toBuffer();
    const meta = await sharp(png).metadata();
    const width = meta.width ?? 0;
    const height = meta.height ?? 0;
    pages.push(await options.reader.recognize({ png, width, height, dpi: meta.density ?? 300 }));
  }
  return toAnalyzeResult(pages, options.inchesAtDpi);
}

type AnalyzedPage = AnalyzeResultOutput['pages'][number];

/** OCR pages in the service's shape (pixels, or inches at `inchesAtDpi`). */
export function toAnalyzeResult(pages: OcrPage[], inchesAtDpi?: number): AnalyzeResultOutput {
  const unit = inchesAtDpi ? 1 / inchesAtDpi : 1;
  const polygon = (b: { x: number; y: number; w: number; h: number }) =>
    [b.x, b.y, b.x + b.w, b.y, b.x + b.w, b.y + b.h, b.x, b.y + b.h].map((v) => v * unit);
  let content = '';
  const paragraphs: NonNullable<AnalyzeResultOutput['paragraphs']> = [];
  const analysed: AnalyzedPage[] = pages.map((page, index) => {
    const pageStart = content.length;
    const words: NonNullable<AnalyzedPage['words']> = [];
    const lines: NonNullable<AnalyzedPage['lines']> = [];
    let block: number | undefined;
    for (const line of page.lines) {
      if (content !== '') content += '\n';
      if (line.block !== block) {
        paragraphs.push({ content: '', spans: [{ offset: content.length, length: 0 }] });
        block = line.block;
      }
      const start = content.length;
      line.words.forEach((word, i) => {
        if (i > 0) content += ' ';
        words.push({
          content: word.text,
          polygon: polygon(word.box),
          confidence: word.confidence / 100,
          span: { offset: content.length, length: word.text.length },
        });
        content += word.text;
      });
      lines.push({
        content: content.slice(start),
        polygon: polygon(line.box),
        spans: [{ offset: start, length: content.length - start }],
      });
      const paragraph = paragraphs.at(-1);
      const span = paragraph?.spans[0];
      if (paragraph && span) {
        span.length = content.length - span.offset;
        paragraph.content = content.slice(span.offset);
      }
    }
    return {
      pageNumber: index + 1,
      angle: 0,
      width: page.width * unit,
      height: page.height * unit,
      unit: inchesAtDpi ? 'inch' : 'pixel',
      words,
      lines,
      spans: [{ offset: pageStart, length: content.length - pageStart }],
    };
  });
  return {
    apiVersion: API_VERSION,
    modelId: 'prebuilt-read',
    stringIndexType: 'textElements',
    content,
    pages: analysed,
    paragraphs,
    styles: [],
    contentFormat: 'text',
  };
}

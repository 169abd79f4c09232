// The web page at `/`: the HTML shell, its stylesheet, and its script, bundled from
// src/web/client/ with esbuild on first request (kept in memory; nothing is fetched from a CDN).
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { Hono } from 'hono';
import type { ApiEnv } from '../api/types.js';
import { PAGE_CSP, PAGE_HTML } from './page.js';

const CLIENT_ENTRY = fileURLToPath(new URL('./client/app.ts', import.meta.url));
const STYLESHEET = fileURLToPath(new URL('./app.css', import.meta.url));

/** The page's script: one ES module for current browsers, minified. */
export async function bundleClient(): Promise<string> {
  const result = await build({
    entryPoints: [CLIENT_ENTRY],
    bundle: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    write: false,
    logLevel: 'silent',
  });
  const [output] = result.outputFiles;
  if (!output) throw new Error('esbuild produced no output for the web client');
  return output.text;
}

/** What the page serves; none of it needs a key (the page asks for one). */
export const WEB_PATHS = ['/', '/app.js', '/app.css', '/favicon.ico'] as const;

const PAGE_HEADERS = {
  'Content-Security-Policy': PAGE_CSP,
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cache-Control': 'no-cache',
};

export function webRoutes() {
  const app = new Hono<ApiEnv>();
  let script: Promise<string> | undefined;
  let styles: Promise<string> | undefined;
  app.get('/', (c) => c.html(PAGE_HTML, 200, PAGE_HEADERS));
  app.get('/app.js', async (c) => {
    script ??= bundleClient();
    return c.body(await script, 200, {
      ...PAGE_HEADERS,
      'Content-Type': 'text/javascript; charset=utf-8',
    });
  });
  // Browsers ask for it on their own; no icon, and no 404 in the console either.
  app.get('/favicon.ico', (c) => c.body(null, 204, PAGE_HEADERS));
  app.get('/app.css', async (c) => {
    styles ??= readFile(STYLESHEET, 'utf8');
    return c.body(await styles, 200, {
      ...PAGE_HEADERS,
      'Content-Type': 'text/css; charset=utf-8',
    });
  });
  return app;
}

// The contract: /openapi.json is a valid OpenAPI 3.1 document and lists every mounted route with
// its error responses.
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEB_PATHS } from '../../src/web/routes.js';
import { buildUnitApp, type UnitApp } from '../support/unit-app.js';

let unit: UnitApp;
let document: {
  openapi: string;
  paths: Record<string, Record<string, { responses: Record<string, unknown>; security?: unknown }>>;
};

beforeAll(async () => {
  unit = await buildUnitApp();
  const response = await unit.app.request('/openapi.json');
  expect(response.status).toBe(200);
  document = (await response.json()) as typeof document;
});
afterAll(() => unit.close());

describe('/openapi.json', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const validator = new Validator();
    const result = await validator.validate(document);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(document.openapi).toBe('3.1.0');
  });

  it('documents every route the app mounts (but the documentation routes and the web page)', () => {
    const undocumented: readonly string[] = ['/openapi.json', '/docs', ...WEB_PATHS];
    const mounted = new Set(
      unit.app.routes
        .filter((r) => r.method !== 'ALL' && !undocumented.includes(r.path))
        .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}').replace(/(.)\/$/, '$1')}`),
    );
    const documented = new Set(
      Object.entries(document.paths).flatMap(([path, methods]) =>
        Object.keys(methods).map((m) => `${m.toUpperCase()} ${path.replace(/(.)\/$/, '$1')}`),
      ),
    );
    expect(mounted.size).toBeGreaterThanOrEqual(16);
    expect([...mounted].filter((r) => !documented.has(r))).toEqual([]);
    expect([...documented].filter((r) => !mounted.has(r))).toEqual([]);
  });

  it('lists the error statuses of each route and asks for a key on every /v1 route but registration', () => {
    for (const [path, methods] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        if (!path.startsWith('/v1')) continue;
        const statuses = Object.keys(operation.responses);
        if (path === '/v1/auth/register') {
          expect(operation.security).toBeUndefined();
          expect(statuses).toEqual(expect.arrayContaining(['201', '400', '403', '409', '429']));
          continue;
        }
        expect(operation.security, `${method} ${path}`).toBeDefined();
        expect(statuses, `${method} ${path}`).toEqual(
          expect.arrayContaining(['401', '429', '500']),
        );
      }
    }
    expect(Object.keys(document.paths['/v1/jobs/{id}/result']?.get?.responses ?? {})).toEqual(
      expect.arrayContaining(['200', '404', '409']),
    );
    expect(Object.keys(document.paths['/v1/audit']?.get?.responses ?? {})).toEqual(
      expect.arrayContaining(['403']),
    );
  });

  it('documents the ocr operation: options, words, scopes and the refusals at submit', () => {
    const schemas = (document as unknown as { components: { schemas: Record<string, unknown> } })
      .components.schemas;
    expect(JSON.stringify(schemas.UrlSubmission)).toContain('"operation"');
    expect(JSON.stringify(schemas.UrlSubmission)).toContain('"ocrEngine"');
    expect(JSON.stringify(schemas.Job)).toContain('"pageEngines"');
    expect(schemas.Words).toBeDefined();
    expect(Object.keys(document.paths['/v1/jobs/{id}/words']?.get?.responses ?? {})).toEqual(
      expect.arrayContaining(['200', '404', '409', '410']),
    );
    expect(Object.keys(document.paths['/v1/jobs']?.post?.responses ?? {})).toEqual(
      expect.arrayContaining(['400', '403']),
    );
    const scopes = document.paths['/v1/admin/accounts/{accountId}/scopes/{scope}'];
    expect(Object.keys(scopes ?? {}).sort()).toEqual(['delete', 'put']);
  });

  it('serves Swagger UI at /docs', async () => {
    const response = await unit.app.request('/docs');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('/openapi.json');
  });
});

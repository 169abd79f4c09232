// The web page's routes: served without a key, locked down by a CSP, everything from this origin.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUnitApp, type UnitApp } from '../support/unit-app.js';

let unit: UnitApp;
beforeAll(async () => {
  unit = await buildUnitApp();
});
afterAll(() => unit.close());

describe('web page', () => {
  it('serves the HTML shell without a key, under a CSP that allows only this origin', async () => {
    const response = await unit.app.request('/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const html = await response.text();
    expect(html).toContain('<html lang="en">');
    // Every control has a label; nothing is loaded from elsewhere, and no inline script.
    for (const id of ['api-key', 'files', 'format', 'urls', 'show-boxes']) {
      expect(html).toContain(`for="${id}"`);
    }
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(html).not.toMatch(/<script>(?!<\/script>)/);
  });

  it('serves its script bundled from TypeScript, and its stylesheet', async () => {
    const script = await unit.app.request('/app.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    const code = await script.text();
    expect(code).toContain('/v1/results?ids=');
    expect(code).toContain('sessionStorage');
    expect(code).not.toContain('localStorage');
    expect(code).not.toMatch(/:\s*HTMLInputElement/); // types stripped
    const css = await unit.app.request('/app.css');
    expect(css.status).toBe(200);
    expect(await css.text()).toContain(':focus-visible');
  });

  it('still asks for a key on the API routes', async () => {
    expect((await unit.app.request('/v1/results?ids=job-x')).status).toBe(401);
  });
});

// The web page in a real browser (Debian's Chromium through playwright-core) against a real API,
// Temporal and MinIO: sign in, upload a generated form, watch it complete, compare before and
// after, download the result; review held jobs (REVIEW_MODE=hold): draw a mask and approve, or
// reject. The screenshots are kept in tests/artifacts/ (git-ignored).
import { mkdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium } from '../../scripts/lib/chromium.js';
import { darkFraction, formPage, intakeLines, PATIENTS } from '../fixtures/documents.js';
import { TestPipeline, type ServedApi } from '../support/pipeline.js';

export const ARTIFACTS = resolve(import.meta.dirname, '../artifacts');

let pipeline: TestPipeline;
let api: ServedApi;
let apiKey: string;
let browser: Browser;
const taskQueue = TestPipeline.taskQueue();
/** An API whose jobs wait for review: every page with PHI is flagged (confidence below 1). */
let holding: ServedApi;
let holdingKey: string;
const holdQueue = TestPipeline.taskQueue();

beforeAll(async () => {
  const executablePath = await findChromium();
  if (!executablePath)
    throw new Error('No Chromium: run `npm run bootstrap` (apt-get install chromium)');
  pipeline = await TestPipeline.open();
  api = await pipeline.serveApi(taskQueue);
  apiKey = (await api.register()).apiKey;
  holding = await pipeline.serveApi(holdQueue, {
    review: {
      mode: 'hold',
      confidenceBelow: 1,
      timeoutMs: 3_600_000,
      timeoutAction: 'reject',
      rejectAction: 'mask-pages',
    },
  });
  holdingKey = (await holding.register()).apiKey;
  // Root in CI and here: Chromium's sandbox needs an unprivileged user.
  browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
  await mkdir(ARTIFACTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await api?.stop();
  await holding?.stop();
  await pipeline?.close();
});

async function signIn(page: Page, served = api, key = apiKey) {
  await page.goto(`${served.base}/`);
  await page.getByLabel('API key').fill(key);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText(/^Signed in as /).waitFor();
}

describe('web page in Chromium', () => {
  it('refuses a wrong key and keeps a right one in session storage only', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${api.base}/`);
    await page.getByLabel('API key').fill('rdk_wrong');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').getByText('That API key was not accepted.').waitFor();
    expect(await page.locator('#work').isHidden()).toBe(true);

    await page.getByLabel('API key').fill(apiKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText(/^Signed in as /).waitFor();
    // Expressions as strings: the test's TypeScript has no DOM types.
    const storage = await page.evaluate(
      `({ session: sessionStorage.getItem('redactify.apiKey'), local: localStorage.length, cookie: document.cookie })`,
    );
    expect(storage).toEqual({ session: apiKey, local: 0, cookie: '' });
    // Focus moves on to the next thing to do: the file picker.
    expect(await page.evaluate('document.activeElement?.id')).toBe('files');
    await page.getByRole('button', { name: 'Sign out' }).click();
    expect(await page.evaluate('sessionStorage.length')).toBe(0);
    await context.close();
  });

  it('uploads a form, shows its progress and before/after, and downloads the masked file', async () => {
    const context = await browser.newContext({
      acceptDownloads: true,
      viewport: { width: 1280, height: 900 },
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await signIn(page);

    // Dropping a file onto the zone chooses it, as the picker does.
    await page.evaluate(`(() => {
      const data = new DataTransfer();
      data.items.add(new File(['x'], 'dropped.png', { type: 'image/png' }));
      document.getElementById('drop-zone').dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    })()`);
    await page.getByRole('list', { name: 'Chosen files' }).getByText('dropped.png').waitFor();

    // A pasted URL the API refuses (loopback) is reported with its code, and makes no job.
    await page.getByLabel('Or paste document URLs, one per line').fill('http://127.0.0.1/scan.png');
    await page.getByRole('button', { name: 'Redact URLs' }).click();
    await page
      .getByRole('alert')
      .getByText(/URL_NOT_ALLOWED/)
      .waitFor();
    expect(await page.locator('li.job').count()).toBe(0);

    const form = await formPage(intakeLines(PATIENTS[0]!));
    await page.setInputFiles('#files', {
      name: 'intake.png',
      mimeType: 'image/png',
      buffer: form.png,
    });
    await page.getByRole('list', { name: 'Chosen files' }).getByText('intake.png').waitFor();
    await page.getByRole('button', { name: 'Redact files' }).click();
    const job = page.locator('li.job');
    await job.getByText('intake.png').waitFor();
    expect(await job.locator('.job-state').textContent()).toMatch(/^(queued|running)/);

    // The workers run only until the page itself shows the job completed.
    const done = job.locator('.job-state.completed').waitFor({ timeout: 170_000 });
    await pipeline.runWorkers(taskQueue, done);
    expect(await job.locator('.job-state').textContent()).toBe(
      'completed: 1 page, 7 entities masked',
    );
    expect(await job.locator('progress').getAttribute('value')).toBe('1');

    await page.getByRole('button', { name: 'View before and after' }).click();
    const viewer = page.getByRole('region', { name: 'Before and after' });
    await viewer.waitFor();
    await page.waitForFunction(
      `[...document.querySelectorAll('#pages img')].filter((i) => i.complete && i.naturalWidth > 0).length === 2`,
    );
    const sizes = await page.evaluate(
      `[...document.querySelectorAll('#pages img')].map((i) => [i.alt, i.naturalWidth, i.naturalHeight])`,
    );
    expect(sizes).toEqual([
      ['Original of intake.png, page 1', form.width, form.height],
      ['Redacted intake.png, page 1', form.width, form.height],
    ]);
    const overlay = viewer.locator('svg.overlay');
    expect(await overlay.isHidden()).toBe(true);
    await page.getByLabel('Show the masked boxes and their categories over the original').check();
    expect(await overlay.isVisible()).toBe(true);
    const categories: unknown = await page.evaluate(
      `[...document.querySelectorAll('#pages svg.overlay rect')].map((r) => r.dataset.category)`,
    );
    expect(categories).toHaveLength(7);
    expect(categories).toEqual(expect.arrayContaining(['NAME', 'SSN']));
    await page.screenshot({ path: join(ARTIFACTS, 'web-page.png'), fullPage: true });

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download result' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('redacted_intake.png');
    const output = await readFile(await download.path());
    expect(await sharp(output).metadata()).toMatchObject({ format: 'png', width: form.width });
    for (const word of form.words) {
      const dark = await darkFraction(output, word.box);
      if (word.phi) expect(dark, `"${word.text}" masked`).toBeGreaterThan(0.97);
    }
    const [report] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download report' }).click(),
    ]);
    const reportJson = JSON.parse(await readFile(await report.path(), 'utf8')) as {
      totals: { entities: number };
    };
    expect(reportJson.totals.entities).toBe(7);

    // Delete: the job leaves the list once the API answers 204, which it does when Temporal no
    // longer describes the run (the dev server forgets a closed run in about 10–35 s; the API
    // waits at most 60 s).
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Delete' }).click();
    await job.waitFor({ state: 'detached', timeout: 90_000 });
    // No script error; the refused URL logs its answer (400).
    const unexpected = errors.filter(
      (e) => !/^Failed to load resource: the server responded with a status of 400/.test(e),
    );
    expect(unexpected).toEqual([]);
    await context.close();
  });

  it('reviews held jobs: draws a mask and approves, or rejects, from the review view', async () => {
    const context = await browser.newContext({
      acceptDownloads: true,
      viewport: { width: 1280, height: 900 },
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    // With the failing path (ids and routes only; no query string, no file name).
    page.on(
      'console',
      (m) =>
        m.type() === 'error' &&
        errors.push(`${m.text()} [${m.location().url && new URL(m.location().url).pathname}]`),
    );
    const failedRequests: string[] = [];
    page.on('response', (r) => {
      if (r.status() >= 400) failedRequests.push(`${r.status()} ${new URL(r.url()).pathname}`);
    });
    await signIn(page, holding, holdingKey);
    await page.getByText('No job is waiting for review.').waitFor();
    const form = await formPage(intakeLines(PATIENTS[2]!));
    const drug = form.words.find((w) => w.text === 'lisinopril')!.box;

    const upload = async (name: string) => {
      await page.setInputFiles('#files', { name, mimeType: 'image/png', buffer: form.png });
      await page.getByRole('button', { name: 'Redact files' }).click();
      const job = page.locator('li.job', { hasText: name });
      await job.waitFor();
      return job;
    };

    const approved = await pipeline.runWorkers(
      holdQueue,
      (async () => {
        const job = await upload('approve-me.png');
        await job.locator('.job-state.review').waitFor({ timeout: 170_000 });
        return job;
      })(),
    );
    // No worker runs from here to the approval, so the workflow takes the decision late, as under
    // load: /v1/results still says review for a while, and the page must go on polling through it.
    // The queue lists it (visibility may lag: refresh until it does, a bounded number of times).
    const queue = page.getByRole('list', { name: 'Jobs waiting for review' });
    for (let i = 0; i < 50 && (await queue.locator('li').count()) === 0; i++) {
      await page.getByRole('button', { name: 'Refresh the review queue' }).click();
      await page.waitForTimeout(200);
    }
    await queue.getByText(/approve-me\.png: page 1 \(low-confidence\)/).waitFor();
    await queue.getByRole('button', { name: 'Review' }).click();
    const view = page.getByRole('region', { name: 'Review approve-me.png' });
    await view.waitFor();
    await page.waitForFunction(
      `[...document.querySelectorAll('#review-pages img')].filter((i) => i.complete && i.naturalWidth > 0).length === 2`,
    );
    expect(
      await page.evaluate(
        `[...document.querySelectorAll('#review-pages img')].map((i) => [i.alt, i.naturalWidth])`,
      ),
    ).toEqual([
      ['Original of approve-me.png, page 1', form.width],
      ['Masked approve-me.png, page 1, under review', form.width],
    ]);

    // Drag a box over a word the detector kept, on the masked page (page pixels → screen).
    await page.getByLabel('Category').selectOption('OTHER_ID');
    const frame = view.locator('.frame.drawable');
    const rect = (await frame.boundingBox())!;
    const scale = rect.width / form.width;
    const at = (x: number, y: number) => [rect.x + x * scale, rect.y + y * scale] as const;
    await page.mouse.move(...at(drug.x - 4, drug.y - 4));
    await page.mouse.down();
    await page.mouse.move(...at(drug.x + drug.w / 2, drug.y + drug.h / 2), { steps: 4 });
    await page.mouse.move(...at(drug.x + drug.w + 4, drug.y + drug.h + 4), { steps: 4 });
    await page.mouse.up();
    const added = page.getByRole('list', { name: 'Added mask boxes' }).locator('li');
    expect(await added.count()).toBe(1);
    expect(await added.textContent()).toMatch(/^Page 1: OTHER_ID at /);
    expect(await view.locator('svg.overlay rect.added').count()).toBe(1);
    await page.screenshot({ path: join(ARTIFACTS, 'web-review.png'), fullPage: true });

    await page.getByRole('button', { name: 'Approve and release' }).click();
    await page.getByRole('status').getByText('Approved approve-me.png with 1 added box.').waitFor();
    expect(await view.isHidden()).toBe(true);
    for (let polls = 0; polls < 2; polls++) {
      await page.waitForResponse((r) => new URL(r.url()).pathname === '/v1/results', {
        timeout: 10_000,
      });
    }
    expect(await approved.locator('.job-state').getAttribute('class')).toBe('job-state running');

    await pipeline.runWorkers(
      holdQueue,
      (async () => {
        await approved.locator('.job-state.completed').waitFor({ timeout: 120_000 });
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          approved.getByRole('button', { name: 'Download result' }).click(),
        ]);
        const output = await readFile(await download.path());
        expect(await darkFraction(output, drug)).toBeGreaterThan(0.9);
        expect(
          await darkFraction(output, form.words.find((w) => w.text === 'daily')!.box),
        ).toBeLessThan(0.5);

        const rejected = await upload('reject-me.png');
        await rejected.locator('.job-state.review').waitFor({ timeout: 170_000 });
        await rejected.getByRole('button', { name: 'Review flagged pages' }).click();
        await page.getByRole('region', { name: 'Review reject-me.png' }).waitFor();
        page.once('dialog', (d) => void d.accept());
        await page.getByRole('button', { name: 'Reject' }).click();
        await page.getByRole('status').getByText('Rejected reject-me.png.').waitFor();
        await rejected.locator('.job-state.completed').waitFor({ timeout: 120_000 });
        const [masked] = await Promise.all([
          page.waitForEvent('download'),
          rejected.getByRole('button', { name: 'Download result' }).click(),
        ]);
        const whole = { x: 0, y: 0, w: form.width, h: form.height };
        expect(await darkFraction(await readFile(await masked.path()), whole)).toBeGreaterThan(
          0.99,
        );
      })(),
    );
    expect(failedRequests).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  }, 400_000);
});

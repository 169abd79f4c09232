// The browser side of the page: sign in with a key (session storage only), submit files or
// URLs, poll /v1/results, compare before and after, download and delete, review held jobs. No framework; every
// value from the API or a file name goes in through textContent or attributes, never as HTML.

const KEY_STORAGE = 'redactify.apiKey';
const JOBS_STORAGE = 'redactify.jobs';
const POLL_MS = 1000;
/** The page stops polling a job after this long; reloading the page starts again. */
const POLL_LIMIT_MS = 60 * 60 * 1000;
const ENDED = new Set(['completed', 'failed', 'cancelled', 'review', 'not_found']);
/** Formats a browser shows in an <img>. */
const VIEWABLE = new Set(['image/png', 'image/jpeg', 'image/webp', 'image/gif', 'image/bmp']);

interface JobView {
  id: string;
  status: string;
  progress?: { stage: string; pagesDone: number; pagesTotal: number } | null;
  result?: {
    pages: number;
    entitiesMasked: number;
    byCategory: Record<string, number>;
    outputType: string;
    review: string;
    pagesFlagged: number[];
  } | null;
  error?: { code: string; message: string } | null;
  review?: Review | null;
}

/** A held job's pages to review (REVIEW_MODE=hold). */
interface Review {
  pages: Array<{ index: number; width: number; height: number; flags: string[] }>;
  dueAt: string;
}

/** A mask box a reviewer adds: page pixels and a category, never text. */
interface AddedBox {
  page: number;
  bbox: { x: number; y: number; w: number; h: number };
  category: string;
}

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}
interface Report {
  pages: Array<{
    index: number;
    width: number;
    height: number;
    entities: Array<{ category: string; bbox: Box }>;
  }>;
}

interface PageJob {
  id: string;
  /** Shown in this tab only; never stored. */
  name: string;
  /** The file as chosen: the original is shown from it, and never fetched back. */
  file?: File;
  view?: JobView;
  element: HTMLLIElement;
  startedAt: number;
}

function $<T extends HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`missing #${id}`);
  return el as T;
}

const jobs = new Map<string, PageJob>();
let pollTimer: number | undefined;

const apiKey = () => sessionStorage.getItem(KEY_STORAGE);

function say(message: string) {
  $('status').textContent = message;
}
function alertUser(message: string) {
  $('alert').textContent = message;
}

class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** `fetch` with the key; an error answer becomes an `ApiFailure` with the envelope's code. */
async function api(path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('x-api-key', apiKey() ?? '');
  const response = await fetch(path, { ...init, headers });
  if (!response.ok) {
    let code = 'HTTP_ERROR';
    let message = `The server answered ${response.status}`;
    try {
      const body = (await response.json()) as { error?: { code?: string; message?: string } };
      code = body.error?.code ?? code;
      message = body.error?.message ?? message;
    } catch {
      // Not our envelope (a proxy, or no such route): keep the status.
    }
    throw new ApiFailure(response.status, code, message);
  }
  return response;
}

const describe = (err: unknown) =>
  err instanceof ApiFailure ? `${err.message} (${err.code})` : 'The server could not be reached.';

// ---- signing in ---------------------------------------------------------------------------

function showSignedIn(signedIn: boolean) {
  $('sign-in-section').hidden = signedIn;
  $('work').hidden = !signedIn;
  $('account').hidden = !signedIn;
}

async function signIn(key: string) {
  sessionStorage.setItem(KEY_STORAGE, key);
  try {
    const stats = (await (await api('/v1/auth/stats')).json()) as { email: string };
    $('account-name').textContent = `Signed in as ${stats.email}`;
    showSignedIn(true);
    alertUser('');
    return true;
  } catch (err) {
    sessionStorage.removeItem(KEY_STORAGE);
    showSignedIn(false);
    alertUser(
      err instanceof ApiFailure && err.status === 401
        ? 'That API key was not accepted.'
        : describe(err),
    );
    return false;
  }
}

function signOut() {
  sessionStorage.removeItem(KEY_STORAGE);
  sessionStorage.removeItem(JOBS_STORAGE);
  for (const job of jobs.values()) job.element.remove();
  jobs.clear();
  closeViewer();
  closeReview();
  renderReviews([]);
  renderEmpty();
  showSignedIn(false);
  say('Signed out.');
  $<HTMLInputElement>('api-key').focus();
}

// ---- jobs list ----------------------------------------------------------------------------

function saveJobIds() {
  sessionStorage.setItem(JOBS_STORAGE, JSON.stringify([...jobs.keys()]));
}

function renderEmpty() {
  $('no-jobs').hidden = jobs.size > 0;
}

function button(label: string, onClick: () => void, secondary = true): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = label;
  if (secondary) b.className = 'secondary';
  b.addEventListener('click', onClick);
  return b;
}

function addJob(id: string, name: string, file?: File): PageJob {
  const element = document.createElement('li');
  element.className = 'job';
  element.dataset.jobId = id;
  const job: PageJob = { id, name, element, startedAt: Date.now(), ...(file ? { file } : {}) };
  jobs.set(id, job);
  $('jobs').append(element);
  renderJob(job);
  renderEmpty();
  saveJobIds();
  return job;
}

function stateText(view: JobView | undefined): string {
  if (!view) return 'queued';
  if (view.status === 'completed' && view.result) {
    const r = view.result;
    const review =
      r.review === 'required'
        ? `, review needed on page ${r.pagesFlagged.map((p) => p + 1).join(', ')}`
        : '';
    return `completed: ${r.pages} page${r.pages === 1 ? '' : 's'}, ${r.entitiesMasked} entities masked${review}`;
  }
  if (view.error) return `${view.status}: ${view.error.message} (${view.error.code})`;
  const p = view.progress;
  if (p && p.pagesTotal > 0)
    return `${view.status}: ${p.stage}, page ${p.pagesDone} of ${p.pagesTotal}`;
  return view.status === 'not_found' ? 'not found (expired or deleted)' : view.status;
}

function renderJob(job: PageJob) {
  const { element, view } = job;
  element.replaceChildren();
  const head = document.createElement('div');
  head.className = 'job-head';
  const name = document.createElement('span');
  name.className = 'job-name';
  name.textContent = job.name;
  const state = document.createElement('span');
  state.className = `job-state ${view?.status ?? 'queued'}`;
  state.textContent = stateText(view);
  head.append(name, state);
  const progress = document.createElement('progress');
  progress.setAttribute('aria-label', `Progress of ${job.name}`);
  const p = view?.progress;
  if (view?.status === 'completed') {
    progress.max = 1;
    progress.value = 1;
  } else if (p && p.pagesTotal > 0) {
    progress.max = p.pagesTotal;
    progress.value = p.pagesDone;
  } else if (view && ENDED.has(view.status)) {
    progress.max = 1;
    progress.value = 0;
  } // else indeterminate
  const actions = document.createElement('div');
  if (view?.status === 'completed' && view.result) {
    actions.append(
      button('View before and after', () => void openViewer(job), false),
      button('Download result', () => void download(job, 'result')),
      button('Download report', () => void download(job, 'report')),
      button('Download text', () => void download(job, 'text')),
    );
  }
  if (view?.status === 'review' && view.review) {
    const review = view.review;
    actions.append(button('Review flagged pages', () => void openReview(job.id, review), false));
  }
  if (view && ENDED.has(view.status)) actions.append(button('Delete', () => void deleteJob(job)));
  element.append(head, progress, actions);
}

async function poll() {
  pollTimer = undefined;
  const open = [...jobs.values()].filter(
    (j) => !(j.view && ENDED.has(j.view.status)) && Date.now() - j.startedAt < POLL_LIMIT_MS,
  );
  if (open.length === 0 || !apiKey()) return;
  try {
    const ids = open.map((j) => j.id).join(',');
    const body = (await (await api(`/v1/results?ids=${encodeURIComponent(ids)}`)).json()) as {
      results: JobView[];
    };
    for (const view of body.results) {
      const job = jobs.get(view.id);
      if (!job) continue;
      // Decided here, but the workflow has not taken the decision yet: it stays running, polled.
      if (view.status === 'review' && decided.has(view.id)) continue;
      const was = job.view?.status;
      job.view = view;
      renderJob(job);
      if (was !== view.status && ENDED.has(view.status)) say(`${job.name}: ${stateText(view)}`);
      if (was !== view.status && view.status === 'review') void loadReviews();
    }
  } catch (err) {
    alertUser(describe(err));
  }
  schedulePoll();
}

function schedulePoll() {
  if (pollTimer === undefined) pollTimer = window.setTimeout(() => void poll(), POLL_MS);
}

// ---- submitting ---------------------------------------------------------------------------

let chosen: File[] = [];

function choose(files: FileList | null) {
  chosen = files ? [...files] : [];
  const list = $('chosen');
  list.replaceChildren(
    ...chosen.map((f) => {
      const li = document.createElement('li');
      li.textContent = f.name;
      return li;
    }),
  );
}

function options(): Record<string, unknown> {
  const format = $<HTMLSelectElement>('format').value;
  return format ? { outputFormat: format } : {};
}

async function submitFiles() {
  if (chosen.length === 0) {
    alertUser('Choose or drop at least one file first.');
    $<HTMLInputElement>('files').focus();
    return;
  }
  const form = new FormData();
  for (const f of chosen) form.append('files', f, f.name);
  const opts = options();
  if (Object.keys(opts).length > 0) form.append('options', JSON.stringify(opts));
  const button = $<HTMLButtonElement>('upload-button');
  button.disabled = true;
  say(`Uploading ${chosen.length} file${chosen.length === 1 ? '' : 's'}…`);
  try {
    const body = (await (await api('/v1/jobs', { method: 'POST', body: form })).json()) as {
      jobs: Array<{ id: string; filename: string }>;
    };
    body.jobs.forEach((j, i) => addJob(j.id, j.filename, chosen[i]));
    say(`Submitted ${body.jobs.length} job${body.jobs.length === 1 ? '' : 's'}.`);
    alertUser('');
    choose(null);
    $<HTMLInputElement>('files').value = '';
    schedulePoll();
  } catch (err) {
    alertUser(describe(err));
  } finally {
    button.disabled = false;
  }
}

async function submitUrls() {
  const urls = $<HTMLTextAreaElement>('urls').value.split(/\s+/).filter(Boolean);
  if (urls.length === 0) {
    alertUser('Paste at least one URL first.');
    return;
  }
  try {
    const body = (await (
      await api('/v1/jobs', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ urls, options: options() }),
      })
    ).json()) as { jobs: Array<{ id: string; filename: string }> };
    for (const j of body.jobs) addJob(j.id, j.filename);
    $<HTMLTextAreaElement>('urls').value = '';
    say(`Submitted ${body.jobs.length} URL job${body.jobs.length === 1 ? '' : 's'}.`);
    alertUser('');
    schedulePoll();
  } catch (err) {
    alertUser(describe(err));
  }
}

// ---- downloads and delete -------------------------------------------------------------------

const SUFFIX = { result: '', report: '.report.json', text: '.txt' } as const;

function fileNameFrom(response: Response, fallback: string): string {
  const header = response.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(header)?.[1];
  if (star) return decodeURIComponent(star);
  return /filename="([^"]+)"/i.exec(header)?.[1] ?? fallback;
}

async function download(job: PageJob, what: keyof typeof SUFFIX) {
  try {
    const response = await api(`/v1/jobs/${encodeURIComponent(job.id)}/${what}`);
    const name =
      what === 'result'
        ? fileNameFrom(response, `redacted_${job.name}`)
        : `redacted_${job.name}${SUFFIX[what]}`;
    const url = URL.createObjectURL(await response.blob());
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  } catch (err) {
    alertUser(describe(err));
  }
}

async function deleteJob(job: PageJob) {
  if (!window.confirm(`Delete ${job.name} and its results from the server?`)) return;
  try {
    await api(`/v1/jobs/${encodeURIComponent(job.id)}`, { method: 'DELETE' });
  } catch (err) {
    // A job already gone (deleted elsewhere, or past retention) leaves the list all the same.
    if (!(err instanceof ApiFailure && err.code === 'JOB_NOT_FOUND')) {
      alertUser(describe(err));
      return;
    }
  }
  job.element.remove();
  jobs.delete(job.id);
  saveJobIds();
  renderEmpty();
  if ($('viewer').dataset.jobId === job.id) closeViewer();
  say(`Deleted ${job.name}.`);
}

// ---- before and after -------------------------------------------------------------------------

const objectUrls: string[] = [];

function closeViewer() {
  for (const url of objectUrls.splice(0)) URL.revokeObjectURL(url);
  const viewer = $('viewer');
  viewer.hidden = true;
  delete viewer.dataset.jobId;
  $('pages').replaceChildren();
}

const SVG = 'http://www.w3.org/2000/svg';

function boxesSvg(page: Report['pages'][number], className: string): SVGSVGElement {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 ${page.width} ${page.height}`);
  svg.setAttribute('class', className);
  svg.setAttribute('role', 'img');
  const categories = [...new Set(page.entities.map((e) => e.category))].join(', ');
  svg.setAttribute('aria-label', `${page.entities.length} masked boxes: ${categories || 'none'}`);
  for (const e of page.entities) {
    const rect = document.createElementNS(SVG, 'rect');
    rect.setAttribute('x', String(e.bbox.x));
    rect.setAttribute('y', String(e.bbox.y));
    rect.setAttribute('width', String(e.bbox.w));
    rect.setAttribute('height', String(e.bbox.h));
    rect.dataset.category = e.category;
    const label = document.createElementNS(SVG, 'text');
    label.setAttribute('x', String(e.bbox.x));
    label.setAttribute('y', String(Math.max(24, e.bbox.y - 6)));
    label.textContent = e.category;
    svg.append(rect, label);
  }
  return svg;
}

function figure(caption: string, content: Element, overlay?: SVGSVGElement): HTMLElement {
  const fig = document.createElement('figure');
  const cap = document.createElement('figcaption');
  cap.textContent = caption;
  const frame = document.createElement('div');
  frame.className = 'frame';
  frame.append(content);
  if (overlay) frame.append(overlay);
  fig.append(cap, frame);
  return fig;
}

function image(url: string, alt: string): HTMLImageElement {
  const img = document.createElement('img');
  img.src = url;
  img.alt = alt;
  return img;
}

async function openViewer(job: PageJob) {
  closeViewer();
  const viewer = $('viewer');
  viewer.dataset.jobId = job.id;
  try {
    const [report, result] = await Promise.all([
      api(`/v1/jobs/${encodeURIComponent(job.id)}/report`).then((r) => r.json() as Promise<Report>),
      api(`/v1/jobs/${encodeURIComponent(job.id)}/result`).then((r) => r.blob()),
    ]);
    const pages = $('pages');
    const resultViewable = VIEWABLE.has(result.type) && report.pages.length === 1;
    const originalViewable =
      job.file !== undefined && VIEWABLE.has(job.file.type) && report.pages.length === 1;
    const notes: string[] = [];
    if (!resultViewable)
      notes.push(
        'This format cannot be shown in the browser; the boxes show what was masked on each page.',
      );
    if (!originalViewable)
      notes.push('The original is shown only from the file chosen in this tab.');
    $('viewer-note').textContent = notes.join(' ');
    const showBoxes = $<HTMLInputElement>('show-boxes');
    for (const page of report.pages) {
      const pair = document.createElement('div');
      pair.className = 'pair';
      pair.dataset.page = String(page.index);
      const label = `page ${page.index + 1}`;
      const overlay = boxesSvg(page, 'overlay');
      overlay.toggleAttribute('hidden', !showBoxes.checked);
      if (originalViewable && job.file) {
        const url = URL.createObjectURL(job.file);
        objectUrls.push(url);
        pair.append(
          figure(`Before, ${label}`, image(url, `Original of ${job.name}, ${label}`), overlay),
        );
      } else {
        const blank = boxesSvg(page, 'page');
        pair.append(figure(`Masked boxes, ${label}`, blank));
      }
      if (resultViewable) {
        const url = URL.createObjectURL(result);
        objectUrls.push(url);
        pair.append(figure(`After, ${label}`, image(url, `Redacted ${job.name}, ${label}`)));
      }
      pages.append(pair);
    }
    viewer.hidden = false;
    $('viewer-title').focus();
  } catch (err) {
    alertUser(describe(err));
  }
}

// ---- review -------------------------------------------------------------------------------

/** Jobs decided in this tab: visibility and /v1/results may show them in review a moment longer. */
const decided = new Set<string>();
let reviewing: { id: string; review: Review; boxes: AddedBox[] } | undefined;
const reviewUrls: string[] = [];

async function loadReviews() {
  try {
    const body = (await (await api('/v1/reviews')).json()) as {
      reviews: Array<{ id: string; review: Review }>;
    };
    renderReviews(body.reviews.filter((r) => !decided.has(r.id)));
  } catch (err) {
    alertUser(describe(err));
  }
}

const pagesText = (review: Review) =>
  review.pages.map((p) => `page ${p.index + 1} (${p.flags.join(', ')})`).join('; ');

function renderReviews(reviews: Array<{ id: string; review: Review }>) {
  $('no-reviews').hidden = reviews.length > 0;
  $('review-list').replaceChildren(
    ...reviews.map(({ id, review }) => {
      const li = document.createElement('li');
      li.className = 'review-item';
      li.dataset.jobId = id;
      const text = document.createElement('span');
      const name = jobs.get(id)?.name ?? id;
      text.textContent = `${name}: ${pagesText(review)}; due ${new Date(review.dueAt).toLocaleString()}`;
      li.append(
        text,
        button('Review', () => void openReview(id, review), false),
      );
      return li;
    }),
  );
}

function closeReview() {
  reviewing = undefined;
  $('review-view').hidden = true;
  $('review-pages').replaceChildren();
  $('added-boxes').replaceChildren();
  // Revoked once no image shows them any more.
  for (const url of reviewUrls.splice(0)) URL.revokeObjectURL(url);
}

/** Draws the added boxes of each page over it. */
function renderAddedBoxes() {
  const boxes = reviewing?.boxes ?? [];
  for (const svg of document.querySelectorAll<SVGSVGElement>('#review-pages svg.overlay')) {
    const page = Number(svg.dataset.page);
    svg.replaceChildren(
      ...boxes
        .filter((b) => b.page === page)
        .map((b) => {
          const rect = document.createElementNS(SVG, 'rect');
          rect.setAttribute('class', 'added');
          rect.setAttribute('x', String(b.bbox.x));
          rect.setAttribute('y', String(b.bbox.y));
          rect.setAttribute('width', String(b.bbox.w));
          rect.setAttribute('height', String(b.bbox.h));
          rect.dataset.category = b.category;
          return rect;
        }),
    );
    svg.setAttribute('aria-label', `${svg.childElementCount} added mask boxes`);
  }
  $('added-boxes').replaceChildren(
    ...boxes.map((b, i) => {
      const li = document.createElement('li');
      li.className = 'added-box';
      const { x, y, w, h } = b.bbox;
      li.append(
        `Page ${b.page + 1}: ${b.category} at ${x}, ${y}, ${w} × ${h} px `,
        button(`Remove box ${i + 1}`, () => {
          reviewing?.boxes.splice(i, 1);
          renderAddedBoxes();
        }),
      );
      return li;
    }),
  );
}

/** Adds a box, kept inside its page; returns whether it was added. */
function addBox(page: number, x: number, y: number, w: number, h: number): boolean {
  const size = reviewing?.review.pages.find((p) => p.index === page);
  if (!reviewing || !size) return false;
  const left = Math.max(0, Math.round(x));
  const top = Math.max(0, Math.round(y));
  const right = Math.min(size.width, Math.round(x + w));
  const bottom = Math.min(size.height, Math.round(y + h));
  if (right - left < 1 || bottom - top < 1) return false;
  const category = $<HTMLSelectElement>('box-category').value;
  reviewing.boxes.push({
    page,
    bbox: { x: left, y: top, w: right - left, h: bottom - top },
    category,
  });
  renderAddedBoxes();
  say(`Added a ${category} box on page ${page + 1}.`);
  return true;
}

/** Dragging on a page draws a box in the page's pixels. */
function drawable(frame: HTMLElement, page: Review['pages'][number]) {
  frame.classList.add('drawable');
  let start: { x: number; y: number } | undefined;
  const toPage = (e: PointerEvent) => {
    const rect = frame.getBoundingClientRect();
    return {
      x: ((e.clientX - rect.left) / rect.width) * page.width,
      y: ((e.clientY - rect.top) / rect.height) * page.height,
    };
  };
  frame.addEventListener('pointerdown', (e) => {
    e.preventDefault();
    frame.setPointerCapture(e.pointerId);
    start = toPage(e);
  });
  frame.addEventListener('pointerup', (e) => {
    if (!start) return;
    const end = toPage(e);
    const from = start;
    start = undefined;
    const w = Math.abs(end.x - from.x);
    const h = Math.abs(end.y - from.y);
    if (w >= 4 && h >= 4)
      addBox(page.index, Math.min(from.x, end.x), Math.min(from.y, end.y), w, h);
  });
}

async function openReview(id: string, review: Review) {
  closeReview();
  closeViewer();
  reviewing = { id, review, boxes: [] };
  const job = jobs.get(id);
  const name = job?.name ?? id;
  $('review-title').textContent = `Review ${name}`;
  // The original comes only from the file chosen in this tab, for a one-page document.
  const original =
    job?.file && VIEWABLE.has(job.file.type) && job.view?.progress?.pagesTotal === 1
      ? job.file
      : undefined;
  $('review-note').textContent =
    `Flagged: ${pagesText(review)}. Due ${new Date(review.dueAt).toLocaleString()}.` +
    (original ? '' : ' The original is shown only from the file chosen in this tab.');
  const select = $<HTMLSelectElement>('box-page');
  select.replaceChildren(
    ...review.pages.map((p) => {
      const option = document.createElement('option');
      option.value = String(p.index);
      option.textContent = `Page ${p.index + 1}`;
      return option;
    }),
  );
  try {
    const pages = $('review-pages');
    for (const page of review.pages) {
      const blob = await (
        await api(`/v1/jobs/${encodeURIComponent(id)}/review/pages/${page.index}`)
      ).blob();
      const url = URL.createObjectURL(blob);
      reviewUrls.push(url);
      const label = `page ${page.index + 1}`;
      const overlay = document.createElementNS(SVG, 'svg');
      overlay.setAttribute('viewBox', `0 0 ${page.width} ${page.height}`);
      overlay.setAttribute('class', 'overlay');
      overlay.setAttribute('role', 'img');
      overlay.dataset.page = String(page.index);
      const pair = document.createElement('div');
      pair.className = 'pair';
      pair.dataset.page = String(page.index);
      if (original) {
        const originalUrl = URL.createObjectURL(original);
        reviewUrls.push(originalUrl);
        pair.append(
          figure(`Before, ${label}`, image(originalUrl, `Original of ${name}, ${label}`)),
        );
      }
      const masked = figure(
        `Masked, not yet released, ${label} (${page.flags.join(', ')})`,
        image(url, `Masked ${name}, ${label}, under review`),
        overlay,
      );
      const frame = masked.querySelector<HTMLElement>('.frame');
      if (frame) drawable(frame, page);
      pair.append(masked);
      pages.append(pair);
    }
    renderAddedBoxes();
    $('review-view').hidden = false;
    $('review-title').focus();
  } catch (err) {
    alertUser(describe(err));
  }
}

async function decide(decision: 'approve' | 'reject') {
  const current = reviewing;
  if (!current) return;
  if (
    decision === 'reject' &&
    !window.confirm('Reject? The flagged pages are masked whole, or the job fails.')
  )
    return;
  try {
    await api(`/v1/jobs/${encodeURIComponent(current.id)}/review`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        decision,
        addBoxes: decision === 'approve' ? current.boxes : [],
      }),
    });
    decided.add(current.id);
    closeReview();
    document.querySelector(`#review-list li[data-job-id="${CSS.escape(current.id)}"]`)?.remove();
    $('no-reviews').hidden = $('review-list').childElementCount > 0;
    const job = jobs.get(current.id);
    if (job?.view) {
      // Back to running: poll it again until it completes (or fails, on a rejection).
      job.view = { ...job.view, status: 'running', review: null };
      job.startedAt = Date.now();
      renderJob(job);
      schedulePoll();
    }
    say(
      decision === 'approve'
        ? `Approved ${job?.name ?? current.id} with ${current.boxes.length} added box${current.boxes.length === 1 ? '' : 'es'}.`
        : `Rejected ${job?.name ?? current.id}.`,
    );
    alertUser('');
  } catch (err) {
    alertUser(describe(err));
  }
}

// ---- wiring -------------------------------------------------------------------------------

function wire() {
  $<HTMLFormElement>('sign-in').addEventListener('submit', (e) => {
    e.preventDefault();
    const key = $<HTMLInputElement>('api-key').value.trim();
    if (!key) {
      alertUser('Enter your API key.');
      return;
    }
    void signIn(key).then((ok) => {
      if (ok) {
        $<HTMLInputElement>('api-key').value = '';
        $<HTMLInputElement>('files').focus();
        void loadReviews();
      }
    });
  });
  $('sign-out').addEventListener('click', signOut);
  $<HTMLInputElement>('files').addEventListener('change', (e) =>
    choose((e.target as HTMLInputElement).files),
  );
  $<HTMLFormElement>('upload').addEventListener('submit', (e) => {
    e.preventDefault();
    void submitFiles();
  });
  $<HTMLFormElement>('urls-form').addEventListener('submit', (e) => {
    e.preventDefault();
    void submitUrls();
  });
  const zone = $('drop-zone');
  zone.addEventListener('dragover', (e) => {
    e.preventDefault();
    zone.classList.add('dragging');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('dragging'));
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    zone.classList.remove('dragging');
    choose(e.dataTransfer?.files ?? null);
  });
  $('refresh-reviews').addEventListener('click', () => void loadReviews());
  $('approve').addEventListener('click', () => void decide('approve'));
  $('reject').addEventListener('click', () => void decide('reject'));
  $('close-review').addEventListener('click', closeReview);
  $<HTMLFormElement>('add-box').addEventListener('submit', (e) => {
    e.preventDefault();
    const value = (id: string) => Number($<HTMLInputElement>(id).value);
    const page = Number($<HTMLSelectElement>('box-page').value);
    if (!addBox(page, value('box-x'), value('box-y'), value('box-w'), value('box-h')))
      alertUser('Give a box inside the page, at least one pixel wide and high.');
    else alertUser('');
  });
  $<HTMLInputElement>('show-boxes').addEventListener('change', (e) => {
    const show = (e.target as HTMLInputElement).checked;
    for (const svg of document.querySelectorAll('#pages svg.overlay'))
      svg.toggleAttribute('hidden', !show);
  });
}

async function start() {
  wire();
  renderEmpty();
  const key = apiKey();
  if (key && (await signIn(key))) {
    void loadReviews();
    const ids = JSON.parse(sessionStorage.getItem(JOBS_STORAGE) ?? '[]') as unknown;
    if (Array.isArray(ids)) for (const id of ids) if (typeof id === 'string') addJob(id, id);
    schedulePoll();
  }
}

void start();

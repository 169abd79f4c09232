// The web page's HTML shell: static markup, no data. The script and styles are served beside it
// from this origin only (see `PAGE_CSP`).
import { PHI_CATEGORIES } from '../phi/types.js';

/**
 * Nothing from elsewhere, no inline script or style, blob: images for results the page fetched
 * with the key, and no framing.
 */
export const PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' blob:",
  "connect-src 'self'",
  "form-action 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Categories a reviewer may give an added box (the API's list, without the fail-safe's `UNREADABLE`). */
const REVIEW_CATEGORY_OPTIONS = PHI_CATEGORIES.filter((c) => c !== 'UNREADABLE')
  .map((c) => `<option value="${c}">${c}</option>`)
  .join('');

/** Input formats the file picker offers (the API sniffs the bytes whatever the name). */
const ACCEPT = '.png,.jpg,.jpeg,.tif,.tiff,.pdf,.webp,.gif,.bmp,image/*,application/pdf';

export const PAGE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Redactify</title>
<link rel="stylesheet" href="/app.css">
<script type="module" src="/app.js"></script>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header>
  <h1>Redactify</h1>
  <p>Removes protected health information from scanned documents.</p>
  <div id="account" hidden><span id="account-name"></span> <button type="button" id="sign-out">Sign out</button></div>
</header>
<main id="main">
  <section id="sign-in-section" aria-labelledby="sign-in-title">
    <h2 id="sign-in-title">Sign in</h2>
    <form id="sign-in" novalidate>
      <label for="api-key">API key</label>
      <input id="api-key" name="api-key" type="password" autocomplete="off" spellcheck="false" required aria-describedby="api-key-hint">
      <button type="submit">Sign in</button>
      <p id="api-key-hint" class="hint">The key is kept in this tab's session storage only, and is gone when the tab closes.</p>
    </form>
  </section>

  <div id="work" hidden>
    <section aria-labelledby="submit-title">
      <h2 id="submit-title">Submit documents</h2>
      <form id="upload" novalidate>
        <div id="drop-zone" class="drop-zone">
          <label for="files">Drop files here, or choose files</label>
          <input id="files" name="files" type="file" multiple accept="${ACCEPT}" aria-describedby="files-hint">
          <p id="files-hint" class="hint">PNG, JPEG, TIFF, PDF, WebP, GIF or BMP.</p>
          <ul id="chosen" aria-label="Chosen files"></ul>
        </div>
        <label for="format">Output format</label>
        <select id="format" name="format">
          <option value="">Same as the input</option>
          <option value="png">PNG</option>
          <option value="jpeg">JPEG</option>
          <option value="tiff">TIFF</option>
          <option value="pdf">PDF</option>
        </select>
        <button type="submit" id="upload-button">Redact files</button>
      </form>
      <form id="urls-form" novalidate>
        <label for="urls">Or paste document URLs, one per line</label>
        <textarea id="urls" name="urls" rows="3" spellcheck="false"></textarea>
        <button type="submit">Redact URLs</button>
      </form>
    </section>

    <section aria-labelledby="jobs-title">
      <h2 id="jobs-title">Jobs</h2>
      <p id="no-jobs" class="hint">No jobs yet in this tab.</p>
      <ul id="jobs"></ul>
    </section>

    <section aria-labelledby="reviews-title">
      <h2 id="reviews-title">Review queue</h2>
      <p class="hint">Jobs held for a person to look at their flagged pages before release (REVIEW_MODE=hold).</p>
      <button type="button" id="refresh-reviews" class="secondary">Refresh the review queue</button>
      <p id="no-reviews" class="hint">No job is waiting for review.</p>
      <ul id="review-list" aria-label="Jobs waiting for review"></ul>
    </section>

    <section id="review-view" aria-labelledby="review-title" hidden>
      <h2 id="review-title" tabindex="-1">Review</h2>
      <p id="review-note" class="hint"></p>
      <p class="hint">Each page below is masked as it would be released. To mask more, drag a box on a page, or enter one below; then approve. Rejecting masks the flagged pages whole, or fails the job, as the server is configured.</p>
      <div id="review-pages"></div>
      <form id="add-box" novalidate>
        <fieldset>
          <legend>Add a mask box (pixels of the page)</legend>
          <label for="box-page">Page</label>
          <select id="box-page" name="page"></select>
          <label for="box-x">Left</label>
          <input id="box-x" name="x" type="number" min="0" step="1" inputmode="numeric">
          <label for="box-y">Top</label>
          <input id="box-y" name="y" type="number" min="0" step="1" inputmode="numeric">
          <label for="box-w">Width</label>
          <input id="box-w" name="w" type="number" min="1" step="1" inputmode="numeric">
          <label for="box-h">Height</label>
          <input id="box-h" name="h" type="number" min="1" step="1" inputmode="numeric">
          <label for="box-category">Category</label>
          <select id="box-category" name="category">${REVIEW_CATEGORY_OPTIONS}</select>
          <button type="submit" class="secondary">Add box</button>
        </fieldset>
      </form>
      <ul id="added-boxes" aria-label="Added mask boxes"></ul>
      <div class="review-actions">
        <button type="button" id="approve">Approve and release</button>
        <button type="button" id="reject" class="danger">Reject</button>
        <button type="button" id="close-review" class="secondary">Close</button>
      </div>
    </section>

    <section id="viewer" aria-labelledby="viewer-title" hidden>
      <h2 id="viewer-title" tabindex="-1">Before and after</h2>
      <p id="viewer-note" class="hint"></p>
      <div class="viewer-controls">
        <input type="checkbox" id="show-boxes">
        <label for="show-boxes">Show the masked boxes and their categories over the original</label>
      </div>
      <div id="pages"></div>
    </section>
  </div>
  <div id="status" role="status" aria-live="polite"></div>
  <div id="alert" role="alert"></div>
</main>
</body>
</html>
`;

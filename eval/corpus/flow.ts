// Flowing content down columns and onto new pages, with roll-back so a page count can be hit.
import { PageBuilder, wrap, type TextStyle } from './page.js';
import { toWords, type Inline } from './segments.js';

/** Page geometry and chrome of a flow. */
export interface FlowOptions {
  /** Page size in points. */
  width: number;
  height: number;
  margin: { top: number; bottom: number; left: number; right: number };
  columns?: 1 | 2;
  gutter?: number;
  /** Content never spills onto more pages than this. */
  maxPages: number;
  /** Draws a new page's chrome (letterhead, running header); returns where content starts. */
  startPage: (page: PageBuilder, index: number) => number;
}

/** Thrown inside `attempt` when content does not fit within `maxPages`. */
class FlowOverflow extends Error {}

/** Paragraph options. */
export interface ParagraphOptions {
  /** Line height as a multiple of the font size. */
  leading?: number;
  indent?: number;
  /** Space after the paragraph, in points. */
  after?: number;
}

/** Places blocks top to bottom, column by column, page by page. */
export class Flow {
  readonly pages: PageBuilder[] = [];
  private column = 0;
  private top = 0;
  private y = 0;
  private continuation: (() => void) | undefined;
  /** Roll-backs of the blocks `attempt` kept, latest last. */
  private readonly kept: Array<() => void> = [];

  constructor(private readonly options: FlowOptions) {
    this.openPage();
  }

  /** The page content currently goes to. */
  get page(): PageBuilder {
    const page = this.pages[this.pages.length - 1];
    if (!page) throw new Error('flow has no page');
    return page;
  }

  get columnWidth(): number {
    const { width, margin, columns = 1, gutter = 18 } = this.options;
    return (width - margin.left - margin.right - (columns - 1) * gutter) / columns;
  }

  /** Left edge of the current column. */
  get x(): number {
    return (
      this.options.margin.left + this.column * (this.columnWidth + (this.options.gutter ?? 18))
    );
  }

  get bottom(): number {
    return this.options.height - this.options.margin.bottom;
  }

  /** Share of the current page's content area still free (0 to 1, single-column view). */
  get remaining(): number {
    const columns = this.options.columns ?? 1;
    const height = this.bottom - this.top;
    const free = (this.bottom - this.y + (columns - 1 - this.column) * height) / (columns * height);
    return Math.max(0, free);
  }

  /** Called after content moves to a new column or page (e.g. to repeat a table header). */
  setContinuation(fn: (() => void) | undefined): void {
    this.continuation = fn;
  }

  /** Reserves `height` points in the current column, moving on when full; returns its top. */
  reserve(height: number): number {
    if (this.y + height > this.bottom && this.y > this.top) this.nextColumn();
    const at = this.y;
    this.y += height;
    return at;
  }

  /** Makes sure `height` points fit in the current column before drawing something tall. */
  keep(height: number): void {
    if (this.y + height > this.bottom && this.y > this.top) this.nextColumn();
  }

  /** Vertical space (dropped at a column top). */
  space(height: number): void {
    if (this.y > this.top) this.y = Math.min(this.y + height, this.bottom);
  }

  /** Runs `fn`; if its content would overflow `maxPages`, undoes it and returns false. */
  attempt(fn: () => void): boolean {
    const rollback = this.run(fn, true);
    if (rollback) this.kept.push(rollback);
    return rollback !== undefined;
  }

  /** Whether `fn`'s content would fit; always undone. */
  probe(fn: () => void): boolean {
    return this.run(fn, false) !== undefined;
  }

  /**
   * Adds blocks from `next` until they stop fitting within `maxPages` (leaving room for
   * `closing`), then adds `closing`. Blocks may draw different content each time they run, and
   * blocks attempted before `fill` did not leave room for `closing`: when it does not fit, the
   * latest kept blocks are taken back until it does.
   */
  fill(next: () => () => void, closing: () => void = () => undefined, maxMisses = 3): void {
    let misses = 0;
    for (let i = 0; misses < maxMisses && i < 500; i++) {
      const block = next();
      const room = this.probe(() => {
        block();
        closing();
      });
      if (!room || !this.attempt(block)) misses++;
    }
    while (!this.attempt(closing)) {
      const takeBack = this.kept.pop();
      if (!takeBack) throw new Error('the closing block does not fit on the last page');
      takeBack();
    }
  }

  /** A function that puts the flow back where it is now. */
  private checkpoint(): () => void {
    const pageCount = this.pages.length;
    const page = this.page;
    const snapshot = {
      words: page.words.length,
      rules: page.rules.length,
      column: this.column,
      top: this.top,
      y: this.y,
      continuation: this.continuation,
    };
    return () => {
      this.pages.length = pageCount;
      page.words.length = snapshot.words;
      page.rules.length = snapshot.rules;
      this.column = snapshot.column;
      this.top = snapshot.top;
      this.y = snapshot.y;
      this.continuation = snapshot.continuation;
    };
  }

  /** Runs `fn`, keeping its content or not; returns its roll-back, or `undefined` if it overflowed. */
  private run(fn: () => void, keep: boolean): (() => void) | undefined {
    const rollback = this.checkpoint();
    try {
      fn();
      if (!keep) rollback();
      return rollback;
    } catch (err) {
      if (!(err instanceof FlowOverflow)) throw err;
      rollback();
      return undefined;
    }
  }

  /** A wrapped paragraph; lines may continue in the next column or page. */
  paragraph(inline: Inline, style: TextStyle, options: ParagraphOptions = {}): void {
    const { leading = 1.3, indent = 0, after = style.size * 0.5 } = options;
    for (const line of wrap(toWords(inline), this.columnWidth - indent, style)) {
      const top = this.reserve(style.size * leading);
      this.page.putWords(line, this.x + indent, top + style.size, style);
    }
    this.space(after);
  }

  /** One unwrapped line. */
  line(inline: Inline, style: TextStyle, leading = 1.3): void {
    const top = this.reserve(style.size * leading);
    this.page.put(inline, this.x, top + style.size, style);
  }

  /** A heading (wrapped if long) kept together with the first lines after it. */
  heading(inline: Inline, style: TextStyle, keepWith: number): void {
    this.space(style.size * 0.4);
    const lines = wrap(toWords(inline), this.columnWidth, style).length;
    this.keep(lines * style.size * 1.35 + keepWith);
    this.paragraph(inline, style, { leading: 1.35, after: style.size * 0.15 });
  }

  /** A block of fixed height drawn by `draw(page, x, top, width)`. */
  block(
    height: number,
    draw: (page: PageBuilder, x: number, top: number, width: number) => void,
  ): void {
    const top = this.reserve(height);
    draw(this.page, this.x, top, this.columnWidth);
  }

  /** Draws footers once the page count is known; returns the pages. */
  finish(footer: (page: PageBuilder, index: number, total: number) => void): PageBuilder[] {
    this.pages.forEach((page, i) => footer(page, i, this.pages.length));
    return this.pages;
  }

  private nextColumn(): void {
    if (this.column + 1 < (this.options.columns ?? 1)) {
      this.column++;
      this.y = this.top;
    } else {
      this.openPage();
    }
    this.continuation?.();
  }

  private openPage(): void {
    if (this.pages.length >= this.options.maxPages) throw new FlowOverflow('page limit reached');
    const page = new PageBuilder(this.options.width, this.options.height);
    this.pages.push(page);
    this.column = 0;
    this.top = this.options.startPage(page, this.pages.length - 1);
    this.y = this.top;
  }
}

import { describe, expect, it } from 'vitest';
import { Flow } from '../../eval/corpus/flow.js';
import type { TextStyle } from '../../eval/corpus/page.js';

const style: TextStyle = { face: 'helvetica', size: 10 };
/** A one-page, one-column flow with room for 10 lines of 10 pt at leading 1.3 (130 pt). */
const flow = () =>
  new Flow({
    width: 300,
    height: 140,
    margin: { top: 5, bottom: 5, left: 10, right: 10 },
    maxPages: 1,
    startPage: () => 5,
  });
const text = (f: Flow) => f.pages.flatMap((p) => p.words.map((w) => w.text));

describe('Flow.fill', () => {
  it('takes back blocks kept before it when they leave no room for the closing', () => {
    const f = flow();
    for (const n of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
      expect(f.attempt(() => f.line(`p${n}`, style))).toBe(true);
    f.fill(
      () => () => f.line('filler', style),
      () => {
        f.line('closing', style);
        f.line('signature', style);
      },
    );
    expect(text(f)).toEqual([
      'p1',
      'p2',
      'p3',
      'p4',
      'p5',
      'p6',
      'p7',
      'p8',
      'closing',
      'signature',
    ]);
  });

  it('keeps every block, and fills up to the closing, when there is room', () => {
    const f = flow();
    expect(f.attempt(() => f.line('p1', style))).toBe(true);
    f.fill(
      () => () => f.line('filler', style),
      () => f.line('closing', style),
    );
    expect(text(f)).toEqual(['p1', ...Array(8).fill('filler'), 'closing']);
  });

  it('still refuses a closing taller than an empty page', () => {
    const f = flow();
    expect(() =>
      f.fill(
        () => () => undefined,
        () => {
          for (let i = 0; i < 11; i++) f.line('closing', style);
        },
      ),
    ).toThrow('the closing block does not fit on the last page');
  });
});

// The held-out corpus is frozen: one small document regenerates to the bytes and truth recorded in
// eval/heldout/frozen.json (the whole corpus is checked by `eval/heldout/cli.ts --check-frozen`).
import { describe, expect, it } from 'vitest';
import { hashCorpus, readFrozen } from '../../eval/heldout/freeze.js';
import { generateDocument } from '../../eval/heldout/generate.js';
import { HELDOUT_ALLOW } from '../../eval/heldout/index.js';
import { PLAN } from '../../eval/heldout/manifest.js';

const licence = PLAN.find((p) => p.id === 'h12-drivers-license');

describe('held-out corpus', () => {
  it('regenerates a frozen document byte for byte, for both seeds', async () => {
    if (!licence) throw new Error('the plan has no h12-drivers-license');
    const frozen = await readFrozen();
    for (const seed of ['dev', 'sealed'] as const) {
      const { doc } = await generateDocument(licence, seed);
      const [actual] = hashCorpus([doc]).files;
      const want = frozen[seed]?.files.find((f) => f.id === licence.id);
      expect(want, `frozen.json has ${seed}/${licence.id}`).toBeDefined();
      expect(actual).toEqual(want);
    }
  }, 60_000);

  it('gives the two seeds different content', async () => {
    if (!licence) throw new Error('the plan has no h12-drivers-license');
    const [dev, sealed] = await Promise.all([
      generateDocument(licence, 'dev'),
      generateDocument(licence, 'sealed'),
    ]);
    const names = (d: typeof dev) =>
      d.doc.pages.flatMap((p) =>
        p.words.filter((w) => w.phi?.category === 'NAME').map((w) => w.text),
      );
    expect(names(dev)).not.toEqual(names(sealed));
    expect(dev.doc.bytes.equals(sealed.doc.bytes)).toBe(false);
  }, 60_000);

  it('labels a licence photo with the identifiers it carries', async () => {
    if (!licence) throw new Error('the plan has no h12-drivers-license');
    const { doc } = await generateDocument(licence, 'dev');
    const categories = new Set(
      doc.pages.flatMap((p) => p.words.flatMap((w) => (w.phi ? [w.phi.category] : []))),
    );
    expect([...categories].sort()).toEqual([
      'ADDRESS',
      'DATE',
      'LICENSE_NUMBER',
      'NAME',
      'OTHER_ID',
    ]);
    expect(doc.scanned).toBe(true);
  }, 60_000);

  it('allows each facility letterhead and main line, never a patient value', () => {
    expect(HELDOUT_ALLOW).toContain('(773) 296-5800');
    expect(HELDOUT_ALLOW).toContain('Chicago, IL 60657');
    expect(HELDOUT_ALLOW.every((a) => a.length >= 8)).toBe(true);
  });
});

// Content hashes of a generated corpus, and the comparison with eval/heldout/frozen.json.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { truthJson } from '../corpus/truth-file.js';
import type { CorpusDocument } from '../corpus/types.js';
import type { HeldoutSeed } from './generate.js';

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

export interface DocumentHash {
  id: string;
  pages: number;
  file: string;
  truth: string;
}

export interface SeedHashes {
  documents: number;
  pages: number;
  /** sha256 over every document's `id file truth` line, in plan order. */
  corpus: string;
  files: DocumentHash[];
}

export function hashCorpus(docs: readonly CorpusDocument[]): SeedHashes {
  const files = docs.map((d) => ({
    id: d.id,
    pages: d.pages.length,
    file: sha256(d.bytes),
    truth: sha256(truthJson(d)),
  }));
  return {
    documents: docs.length,
    pages: files.reduce((n, f) => n + f.pages, 0),
    corpus: sha256(files.map((f) => `${f.id} ${f.file} ${f.truth}\n`).join('')),
    files,
  };
}

export type Frozen = Record<HeldoutSeed, SeedHashes & { seed: HeldoutSeed }>;

export const FROZEN_PATH = new URL('./frozen.json', import.meta.url);

export async function readFrozen(): Promise<Partial<Frozen>> {
  try {
    return JSON.parse(await readFile(FROZEN_PATH, 'utf8')) as Partial<Frozen>;
  } catch {
    return {};
  }
}

/** Differences between a generated corpus and its frozen hashes; empty when they match. */
export function compareFrozen(actual: SeedHashes, frozen: SeedHashes | undefined): string[] {
  if (!frozen) return ['no frozen hashes for this seed'];
  const problems: string[] = [];
  if (actual.documents !== frozen.documents)
    problems.push(`documents ${actual.documents} != ${frozen.documents}`);
  const byId = new Map(frozen.files.map((f) => [f.id, f]));
  for (const f of actual.files) {
    const want = byId.get(f.id);
    if (!want) problems.push(`${f.id}: not frozen`);
    else {
      if (want.file !== f.file) problems.push(`${f.id}: file bytes differ`);
      if (want.truth !== f.truth) problems.push(`${f.id}: truth differs`);
    }
  }
  if (problems.length === 0 && actual.corpus !== frozen.corpus)
    problems.push('corpus hash differs');
  return problems;
}

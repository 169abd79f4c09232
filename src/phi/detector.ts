// Builds the per-job detector from the worker's PHI settings and the job's options.
import { readFileSync } from 'node:fs';
import { RedactifyError } from '../errors.js';
import type { TJobOptions } from '../jobs/manifest.js';
import type { DetectorSettings } from './detect.js';
import {
  compileTermLists,
  parseDenyTerm,
  parseTermFile,
  type DenyTerm,
  type TermLists,
} from './lists.js';
import { loadNameLexicon, type NameLexicon } from './names.js';
import {
  compilePacks,
  loadPacks,
  PatternPackError,
  selectPacks,
  type CompiledPack,
  type TPatternPack,
} from './pack.js';

/** What a worker loads once at start. */
export interface PhiSettings {
  packs: TPatternPack[];
  lexicon: NameLexicon;
  allow: string[];
  deny: DenyTerm[];
}

export interface PhiFiles {
  packFiles: readonly string[];
  allowListFile?: string | undefined;
  denyListFile?: string | undefined;
}

/** Loads packs, dictionaries and lists; any problem throws now, at start, not mid-job. */
export function loadPhiSettings(files: PhiFiles): PhiSettings {
  const read = (file: string | undefined) =>
    file ? parseTermFile(readFileSync(file, 'utf8')) : [];
  return {
    packs: loadPacks(files.packFiles),
    lexicon: loadNameLexicon(),
    allow: read(files.allowListFile),
    deny: read(files.denyListFile).map(parseDenyTerm),
  };
}

const compiled = new Map<string, CompiledPack>();

/**
 * Term lists per job, so a job's pages and verification passes compile them once per worker
 * process, not once per activity. Bounded, oldest job out first: a worker sees many jobs over its
 * life and works on a few at a time. (A Map, not lru-cache: importing lru-cache crashes the
 * import-x lint resolver here.)
 */
const listsByJob = new Map<string, TermLists>();
const LISTS_KEPT = 256;

function termListsFor(settings: PhiSettings, options: TJobOptions): TermLists {
  return compileTermLists(
    [...settings.allow, ...(options.allow ?? [])],
    [...settings.deny, ...(options.deny ?? []).map(parseDenyTerm)],
  );
}

/**
 * The detector for one job: selected packs (compiled once per selection), merged term lists
 * (compiled once per `jobId` when given; a job's options never change).
 */
export function detectorSettingsFor(
  settings: PhiSettings,
  options: TJobOptions,
  jobId?: string,
): DetectorSettings {
  let packs: TPatternPack[];
  try {
    packs = selectPacks(settings.packs, options.packs);
  } catch (err) {
    if (err instanceof PatternPackError)
      throw new RedactifyError('UNKNOWN_PATTERN_PACK', err.message);
    throw err;
  }
  const cachedLists = (id: string) => {
    let lists = listsByJob.get(id);
    if (!lists) {
      lists = termListsFor(settings, options);
      listsByJob.set(id, lists);
      const oldest = listsByJob.keys().next();
      if (listsByJob.size > LISTS_KEPT && !oldest.done) listsByJob.delete(oldest.value);
    }
    return lists;
  };
  const key = packs.map((p) => p.name).join(',');
  let pack = compiled.get(key);
  if (!pack) {
    pack = compilePacks(packs);
    compiled.set(key, pack);
  }
  return {
    pack,
    lexicon: settings.lexicon,
    lists: jobId === undefined ? termListsFor(settings, options) : cachedLists(jobId),
    ...(options.categories && { categories: options.categories }),
  };
}

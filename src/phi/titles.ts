// Words around a name that are not part of it: titles before it, credentials and suffixes after
// (the lists are data/honorifics.txt, data/credentials.txt and data/name-suffixes.txt).
import { readWordList } from './vocabulary.js';

const HONORIFICS = new Set(readWordList('honorifics.txt'));

/** Credentials written after a clinician's name ("Anna Lopez, NP"). */
export const CREDENTIALS = new Set(readWordList('credentials.txt'));
const SUFFIXES = new Set(readWordList('name-suffixes.txt'));

const bare = (word: string) => word.toLowerCase().replace(/[.,]+$/, '');

export const isHonorific = (word: string) => HONORIFICS.has(bare(word));

/** A credential or a generational suffix ("MD,", "Jr."). */
export const isCredentialOrSuffix = (word: string) =>
  CREDENTIALS.has(bare(word)) || SUFFIXES.has(bare(word));

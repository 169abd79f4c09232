// Words around a name that are not part of it: titles before it, credentials and suffixes after.

const HONORIFICS = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'doctor']);

/** Credentials written after a clinician's name ("Anna Lopez, NP"). */
export const CREDENTIALS = new Set([
  'md',
  'do',
  'rn',
  'np',
  'pa',
  'pa-c',
  'phd',
  'dds',
  'dmd',
  'facp',
  'facs',
  'mbbs',
  'pharmd',
  'lpn',
  'cna',
  'dpm',
  'msw',
  'lcsw',
  'aprn',
  'fnp',
  'fnp-c',
  'crna',
  'dnp',
  'od',
  'pt',
  'dpt',
  'ot',
  'rd',
]);
const SUFFIXES = new Set(['jr', 'sr', 'ii', 'iii', 'iv']);

const bare = (word: string) => word.toLowerCase().replace(/[.,]+$/, '');

export const isHonorific = (word: string) => HONORIFICS.has(bare(word));

/** A credential or a generational suffix ("MD,", "Jr."). */
export const isCredentialOrSuffix = (word: string) =>
  CREDENTIALS.has(bare(word)) || SUFFIXES.has(bare(word));

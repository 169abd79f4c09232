// Native Tesseract for the `tesseract-native` engine's tests and the bench's native reference:
// Debian's `tesseract-ocr` (5.x; installed with apt-get when missing and we are root).
import { ensureDebianBinary, findDebianBinary, type DebianBinary } from './debian.js';

const TESSERACT: DebianBinary = {
  label: 'native Tesseract',
  debianPackage: 'tesseract-ocr',
  envVar: 'TESSERACT_BIN',
  candidates: ['/usr/bin/tesseract'],
};

/** `TESSERACT_BIN`, else Debian's `/usr/bin/tesseract`, if installed. */
export const findTesseract = () => findDebianBinary(TESSERACT);

/** The tesseract binary, installing Debian's `tesseract-ocr` once if needed (root only). */
export const ensureTesseract = (log?: (m: string) => void) => ensureDebianBinary(TESSERACT, log);

// Chromium for the web page's browser test: Debian's `chromium` (installed with apt-get when
// missing and we are root), driven by playwright-core. Playwright's own browser download is not
// used: it fetches from outside the package registries.
import { ensureDebianBinary, findDebianBinary, type DebianBinary } from './debian.js';

const CHROMIUM: DebianBinary = {
  label: 'Chromium',
  debianPackage: 'chromium',
  envVar: 'CHROMIUM_BIN',
  candidates: ['/usr/bin/chromium', '/usr/bin/chromium-browser'],
};

/** `CHROMIUM_BIN`, else the first installed Debian/Ubuntu Chromium, if any. */
export const findChromium = () => findDebianBinary(CHROMIUM);

/** The Chromium binary, installing Debian's `chromium` with apt-get once if needed (root only). */
export const ensureChromium = (log?: (m: string) => void) => ensureDebianBinary(CHROMIUM, log);

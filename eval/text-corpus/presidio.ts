// Fetches presidio-evaluator's raw data (sentence templates, fake people, companies, licences)
// from PyPI into `.tools/presidio-evaluator/`, checks the wheel's sha256, and reads the files.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { access, mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parseStackConfig } from '../../scripts/lib/stack-config.js';

const run = promisify(execFile);

/** The pinned wheel (MIT licence); its data is read at generation time, never committed. */
export const PRESIDIO_EVALUATOR = {
  version: '0.3.2',
  wheel: 'presidio_evaluator-0.3.2-py3-none-any.whl',
  sha256: '57614fe604e52b78e6de25b767c59265886b93bbcdc6c7e43ab2657d3f6302be',
} as const;

const RAW = 'presidio_evaluator/data_generator/raw_data';

/** The raw text of the files this corpus uses. */
export interface PresidioFiles {
  templates: string;
  people: string;
  companies: string;
  licences: string;
  nationalities: string;
}

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

async function fileSha256(path: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(path))
    .digest('hex');
}

/**
 * Downloads (once) and unpacks the wheel with Python's own tools (pip, zipfile), then reads the
 * raw data. Throws when the wheel's digest is not the pinned one.
 */
export async function presidioFiles(
  toolsDir = parseStackConfig().TOOLS_DIR,
): Promise<PresidioFiles> {
  const dir = join(toolsDir, 'presidio-evaluator', PRESIDIO_EVALUATOR.version);
  const wheel = join(dir, PRESIDIO_EVALUATOR.wheel);
  const unpacked = join(dir, 'unpacked');
  if (!(await exists(wheel))) {
    await mkdir(dir, { recursive: true });
    await run(
      'python3',
      [
        '-m',
        'pip',
        'download',
        '--quiet',
        '--disable-pip-version-check',
        '--no-deps',
        '--only-binary',
        ':all:',
        '-d',
        dir,
        `presidio-evaluator==${PRESIDIO_EVALUATOR.version}`,
      ],
      { env: { ...process.env, PIP_ROOT_USER_ACTION: 'ignore' } },
    );
  }
  const digest = await fileSha256(wheel);
  if (digest !== PRESIDIO_EVALUATOR.sha256) {
    await rm(unpacked, { recursive: true, force: true });
    throw new Error(
      `${PRESIDIO_EVALUATOR.wheel} has sha256 ${digest}, expected ${PRESIDIO_EVALUATOR.sha256}; delete ${dir} to fetch it again`,
    );
  }
  if (!(await exists(join(unpacked, RAW, 'templates.txt'))))
    await run('python3', ['-m', 'zipfile', '-e', wheel, unpacked]);
  const read = (name: string) => readFile(join(unpacked, RAW, name), 'utf8');
  return {
    templates: await read('templates.txt'),
    people: await read('FakeNameGenerator.com_3000.csv'),
    companies: await read('companies_and_organizations.csv'),
    licences: await read('us_driver_licenses.csv'),
    nationalities: await read('nationalities.csv'),
  };
}

// The workflow lint, run through ESLint's Node API with the project's own config: every Node
// built-in is refused in workflow code, bare (`fs`) and prefixed (`node:fs`).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const FIXTURE = join(ROOT, 'tests', 'fixtures', 'lint', 'workflow-imports.ts');

/**
 * Lints `code` as if it were a file in src/workflows, with the project's config (the fixture
 * itself is ignored by `npm run lint`). The path exists for no TypeScript project, so type
 * information is off and only the import rule runs (it needs none).
 */
async function lintAsWorkflow(code: string) {
  const eslint = new ESLint({
    cwd: ROOT,
    overrideConfig: { languageOptions: { parserOptions: { projectService: false } } },
    ruleFilter: ({ ruleId }) => ruleId === 'no-restricted-imports',
  });
  const [result] = await eslint.lintText(code, {
    filePath: join(ROOT, 'src', 'workflows', 'lint-fixture.ts'),
  });
  const messages = result?.messages ?? [];
  expect(messages.filter((m) => m.fatal)).toEqual([]);
  return messages.filter((m) => m.ruleId === 'no-restricted-imports');
}

describe('workflow lint', () => {
  it('refuses every built-in import of the fixture, bare and node: forms', async () => {
    const messages = await lintAsWorkflow(await readFile(FIXTURE, 'utf8'));
    // Lines 2–6 of the fixture: 'fs', 'fs/promises', 'node:path', 'crypto', type-only 'net'.
    expect(messages.map((m) => m.line)).toEqual([2, 3, 4, 5, 6]);
    for (const m of messages) expect(m.message).toContain('no Node built-ins');
  }, 60_000);

  it('accepts the workflow SDK and type imports of our own modules', async () => {
    const messages = await lintAsWorkflow(
      [
        "import { proxyActivities } from '@temporalio/workflow';",
        "import type { PageRef } from './contract.js';",
        'export const p = proxyActivities;',
        'export type P = PageRef;',
      ].join('\n'),
    );
    expect(messages).toEqual([]);
  }, 60_000);

  it('does not lint the fixture in the normal run', async () => {
    expect(await new ESLint({ cwd: ROOT }).isPathIgnored(FIXTURE)).toBe(true);
  });
});

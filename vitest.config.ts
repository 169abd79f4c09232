// Three projects: fast unit tests of pure modules, integration tests on real Temporal + MinIO, and
// the durability drills, which start and break servers of their own.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          globalSetup: ['tests/support/global-setup.ts'],
          // OCR saturates both cores: one integration file at a time.
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 300_000,
        },
      },
      {
        test: {
          // Durability drills: each file starts (and breaks) a whole stack of its own.
          name: 'drills',
          include: ['tests/drills/**/*.test.ts'],
          // A group of its own (run apart from the other projects), so no OCR of theirs competes
          // with the drills' servers.
          sequence: { groupOrder: 1 },
          fileParallelism: false,
          testTimeout: 900_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/unit/**/*.test.tsx'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    reporters: process.env.SPINELAB_UNIT_JSON ? ['default', 'json'] : ['default'],
    outputFile: process.env.SPINELAB_UNIT_JSON ? { json: process.env.SPINELAB_UNIT_JSON } : undefined,
  },
});

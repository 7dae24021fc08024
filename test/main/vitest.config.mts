import { defineConfig } from 'vitest/config';

// The main-process tests boot built code (out/, or a packed app): `npm run test:main` builds first.
export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['test/main/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 240_000,
    pool: 'forks',
    // The pack test copies the built out/ while the others read it: one file at a time.
    fileParallelism: false,
  },
});

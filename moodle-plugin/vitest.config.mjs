import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'moodle-plugin',
    include: ['tests/**/*.test.mjs'],
    testTimeout: 60_000,
    hookTimeout: 600_000,
    fileParallelism: false,
  },
});

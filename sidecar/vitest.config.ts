import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'sidecar',
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Integration suites share ffmpeg, MariaDB and ports; run files one after another on 2 cores.
    fileParallelism: false,
  },
});

import { defineConfig } from 'vitest/config';

// One run over every workspace's tests; each project keeps its own settings.
export default defineConfig({
  test: {
    projects: ['sidecar', 'player', 'test', 'moodle-plugin'],
  },
});

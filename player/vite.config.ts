import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { defineConfig } from 'vite';
import { sizeBudget } from './build/size-budget.js';

const here = path.dirname(fileURLToPath(import.meta.url));

// One IIFE (global `ZoomHLS`) and one CSS file that the Moodle plugin ships and injects.
export default defineConfig({
  resolve: {
    alias: [
      // VHS and the quality-levels plugin import 'video.js'; point them at the core build so Video.js is
      // bundled once and without the VHS copy the full build carries.
      { find: /^video\.js$/, replacement: path.join(here, 'node_modules/video.js/core.es.js') },
      // HLS VOD only: leave out the DASH manifest parser (and the XML parser it pulls in).
      { find: /^mpd-parser$/, replacement: path.join(here, 'src/stubs/mpd-parser.ts') },
    ],
  },
  define: {
    'process.env.NODE_ENV': JSON.stringify('production'),
    __ZOOMHLS_VERSION__: JSON.stringify((JSON.parse(readFileSync(path.join(here, 'package.json'), 'utf8')) as { version: string }).version),
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2019',
    sourcemap: false,
    reportCompressedSize: false,
    lib: {
      entry: path.join(here, 'src/index.ts'),
      name: 'ZoomHLS',
      formats: ['iife'],
      fileName: () => 'zoomhls-player.js',
      cssFileName: 'zoomhls-player',
    },
  },
  plugins: [sizeBudget({ files: ['zoomhls-player.js', 'zoomhls-player.css'], limitBytes: 230 * 1024 })],
});

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Plugin } from 'vite';

export interface SizeBudgetOptions {
  /** Output files (relative to the build's outDir) whose gzip sizes are added up. */
  files: string[];
  /** The build fails when the gzip total is above this. */
  limitBytes: number;
}

export function gzipSize(file: string): number {
  return zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

/** Prints the gzip size of the bundle and fails the build when it is over budget. */
export function sizeBudget(options: SizeBudgetOptions): Plugin {
  let outDir = 'dist';
  return {
    name: 'zoomhls-size-budget',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      let total = 0;
      for (const name of options.files) {
        const file = path.join(outDir, name);
        if (!fs.existsSync(file)) throw new Error(`size budget: ${name} was not built`);
        const size = gzipSize(file);
        total += size;
        console.log(`  ${name.padEnd(24)} ${kb(fs.statSync(file).size).padStart(10)} raw  ${kb(size).padStart(9)} gzip`);
      }
      console.log(`  ${'total'.padEnd(24)} ${''.padStart(10)}      ${kb(total).padStart(9)} gzip (budget ${kb(options.limitBytes)})`);
      if (total > options.limitBytes) {
        throw new Error(`player bundle is ${kb(total)} gzip, over the ${kb(options.limitBytes)} budget`);
      }
    },
  };
}

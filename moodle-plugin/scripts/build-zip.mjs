#!/usr/bin/env node
// Writes dist/local_zoomhls.zip: the plugin source under the root folder zoomhls/ (what Moodle's
// "Install plugins" page and an unzip into local/ expect) plus the built player bundle at
// zoomhls/player/zoomhls-player.js|css. Pure Node (fflate), no system zip.
//
// Usage: node moodle-plugin/scripts/build-zip.mjs [--out FILE] [--allow-missing-player]
// --allow-missing-player is for test runs made before the player build exists; never for releases.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipSync } from 'fflate';

const pluginDir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const root = path.dirname(pluginDir);

// Not part of the installed plugin: build scripts and the tests that run outside Moodle.
const EXCLUDED = new Set(['scripts', 'tests', 'node_modules', 'player', 'phpcs.xml', 'phpunit.xml', 'vitest.config.mjs']);

/** Lists the plugin's files (relative paths, sorted) that go into the zip. */
export function pluginFiles(dir = pluginDir) {
  const out = [];
  const walk = (rel) => {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const relPath = rel ? `${rel}/${entry.name}` : entry.name;
      if (!rel && EXCLUDED.has(entry.name)) continue;
      if (entry.name.startsWith('.')) continue;
      if (entry.isDirectory()) walk(relPath);
      else if (entry.isFile()) out.push(relPath);
    }
  };
  walk('');
  return out.sort();
}

/** Builds the zip bytes from the plugin dir and an optional player dist dir. */
export function buildZip({ dir = pluginDir, playerDist = null } = {}) {
  const entries = {};
  const mtime = new Date('2026-01-01T00:00:00Z');
  for (const rel of pluginFiles(dir)) {
    entries[`zoomhls/${rel}`] = [fs.readFileSync(path.join(dir, rel)), { mtime }];
  }
  if (playerDist) {
    for (const name of ['zoomhls-player.js', 'zoomhls-player.css']) {
      entries[`zoomhls/player/${name}`] = [fs.readFileSync(path.join(playerDist, name)), { mtime }];
    }
  }
  return zipSync(entries, { level: 9 });
}

/** Runs the player build when the root package has it; returns the dist dir or null. */
function buildPlayer(allowMissing) {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const dist = path.join(root, 'player/dist');
  if (!pkg.scripts?.['build:player']) {
    if (allowMissing) {
      console.warn('warning: no build:player script yet; the zip has no player bundle (--allow-missing-player).');
      return null;
    }
    console.error(
      'error: the root package.json has no "build:player" script, so the player bundle cannot be built.\n' +
        'The plugin zip must ship zoomhls/player/zoomhls-player.js|css: merge the player work (git merge main) and retry.',
    );
    process.exit(1);
  }
  const run = spawnSync('pnpm', ['run', 'build:player'], { cwd: root, stdio: 'inherit' });
  if (run.status !== 0) {
    console.error('error: pnpm run build:player failed; see its output above.');
    process.exit(1);
  }
  for (const name of ['zoomhls-player.js', 'zoomhls-player.css']) {
    if (!fs.existsSync(path.join(dist, name))) {
      console.error(`error: build:player ran but ${path.join('player/dist', name)} is missing.`);
      process.exit(1);
    }
  }
  return dist;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const outIndex = args.indexOf('--out');
  const out = outIndex >= 0 ? path.resolve(args[outIndex + 1]) : path.join(root, 'dist/local_zoomhls.zip');
  const playerDist = buildPlayer(args.includes('--allow-missing-player'));
  const bytes = buildZip({ playerDist });
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, bytes);
  console.log(`wrote ${path.relative(process.cwd(), out) || out} (${bytes.length} bytes, ${pluginFiles().length} plugin files${playerDist ? ' + player bundle' : ''})`);
}

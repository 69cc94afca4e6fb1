#!/usr/bin/env node
// `pnpm start`: the sidecar on embedded defaults (SQLite, local media, built-in edge), with the
// player bundle built first when it is missing, so the page at http://127.0.0.1:8787/ plays.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const pnpm = process.platform === 'win32' ? 'pnpm.cmd' : 'pnpm';
if (!fs.existsSync(path.join(root, 'player/dist/zoomhls-player.js'))) {
  console.log('Building the player bundle (first start only)…');
  const build = spawnSync(pnpm, ['run', 'build:player'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) console.log('The player bundle did not build; the page at / will say so.');
}
const hasFfmpeg = spawnSync('ffmpeg', ['-version'], { stdio: 'ignore' }).status === 0;
if (!hasFfmpeg) {
  console.log('ffmpeg is not installed: imports will fail until it is (Debian/Ubuntu: sudo apt-get install ffmpeg; macOS: brew install ffmpeg).');
}
console.log('zoomhls: open http://127.0.0.1:8787/ — import a recording with: pnpm zoomhls import lecture.mp4 --course 1');
const child = spawnSync(pnpm, ['--filter', '@zoomhls/sidecar', 'run', 'start'], { cwd: root, stdio: 'inherit' });
process.exit(child.status ?? 1);

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const PLAYER_DIST = path.join(REPO_ROOT, 'player/dist');
export const PLAYER_JS = path.join(PLAYER_DIST, 'zoomhls-player.js');
export const PLAYER_CSS = path.join(PLAYER_DIST, 'zoomhls-player.css');

/** Runs the real production build of the player (vite, with its size budget). */
export async function buildPlayer(): Promise<void> {
  await execa('pnpm', ['--filter', '@zoomhls/player', 'run', 'build'], { cwd: REPO_ROOT });
  for (const f of [PLAYER_JS, PLAYER_CSS]) if (!fs.existsSync(f)) throw new Error(`player build did not write ${f}`);
}

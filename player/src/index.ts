/**
 * zoomhls player bundle. The Moodle plugin loads it and calls `ZoomHLS.init(config)` once; every
 * `.m3u8` embed on the page (now or later) becomes a Video.js player with credentials, captions,
 * watermark and resume.
 */
import 'video.js/dist/video-js.css';
import './player.css';
import { normaliseConfig, type PlayerConfig } from './config.js';
import { mountPlayer } from './mount.js';
import { Takeover } from './takeover.js';
import { videojs, type Player } from './vjs.js';

export { findEmbeds } from './detect.js';

let takeover: Takeover | null = null;
const players: Player[] = [];

/** Starts the takeover. Later calls are ignored, so a page that calls it twice gets no double players. */
export function init(input: unknown): boolean {
  if (takeover) return false;
  mark('zoomhls:init');
  const config: PlayerConfig = normaliseConfig(input);
  takeover = new Takeover(document, (embed, mount) => {
    mark('zoomhls:mount-start');
    players.push(mountPlayer(embed, mount, config));
    mark('zoomhls:mount-end');
  });
  takeover.start();
  return true;
}

/** User Timing marks, so start-up can be read in DevTools and in bench/player. */
function mark(name: string): void {
  if (typeof performance !== 'undefined' && typeof performance.mark === 'function') performance.mark(name);
}

/** The players made so far (for diagnostics and tests). */
export function getPlayers(): readonly Player[] {
  return players.filter((p) => !p.isDisposed());
}

export const version = `zoomhls ${__ZOOMHLS_VERSION__} / video.js ${(videojs as unknown as { VERSION: string }).VERSION}`;

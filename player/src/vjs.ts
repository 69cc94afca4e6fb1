/**
 * The Video.js instance the bundle is built with (the core build; VHS and quality levels register
 * themselves on it), and the few typed views of it the player uses.
 */
import videojs from 'video.js';
import '@videojs/http-streaming';
import 'videojs-contrib-quality-levels';
import type Player from 'video.js/dist/types/player';

export { videojs };
export type { Player };

export interface QualityLevel {
  height?: number;
  width?: number;
  bitrate?: number;
  enabled: boolean;
}

export interface QualityLevelList {
  readonly length: number;
  [index: number]: QualityLevel;
  selectedIndex: number;
  on(event: string, handler: () => void): void;
  off(event: string, handler: () => void): void;
}

export interface VhsResponse {
  statusCode?: number;
}
export interface VhsRequest {
  uri?: string;
}
export interface VhsXhr {
  onRequest(hook: (options: { uri?: string; withCredentials?: boolean }) => object): void;
  onResponse(hook: (request: VhsRequest, error: unknown, response: VhsResponse | undefined) => void): void;
}

/** Player methods that plugins add or that the bundled types leave out. */
export interface PlayerExtras {
  qualityLevels(): QualityLevelList;
  titleBar?: { update(options: { title?: string; description?: string }): void };
  tech(safety: { IWillNotUseThisInPlaybackWarning: true }): { vhs?: { xhr: VhsXhr } } | undefined;
}

export function extras(player: Player): PlayerExtras {
  return player as unknown as PlayerExtras;
}

/** What the tests read from the page, through the bundle's global (runs in the browser). */
export interface PagePlayer {
  currentTime(): number;
  duration(): number;
  paused(): boolean;
  readyState(): number;
  textTracks(): ArrayLike<TextTrack>;
  qualityLevels(): { length: number };
  el(): HTMLElement;
}

export type ZoomWindow = Window & {
  ZoomHLS: { getPlayers(): PagePlayer[]; init(config: unknown): boolean };
  coreVideojsPlayers?: number;
  /** How often the stand-in for media_videojs/loader has looked for elements to set up. */
  moodleLoaderRuns: number;
  videojs?: unknown;
};

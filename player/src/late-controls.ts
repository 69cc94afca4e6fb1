import { extras, type Player } from './vjs.js';

/**
 * The player's children that exist from the start: what the first frame and a first click need.
 * (Video.js's default list, less the three below.)
 */
export const EARLY_CHILDREN = [
  'mediaLoader',
  'posterImage',
  'textTrackDisplay',
  'loadingSpinner',
  'bigPlayButton',
  'liveTracker',
  'errorDisplay',
  'resizeManager',
];

/**
 * Built once the first frame is shown (or after LATE_AFTER_MS at the latest): the control bar with
 * its menus, the title bar and the caption settings dialog are most of the DOM work of making a
 * player (~60 ms of main thread on this project's machines, measured with bench/player), and done
 * up front they delay the stream's first requests and its first frame by as much. Each is placed
 * where Video.js would have put it: [component, the child it goes before].
 */
const LATE_CHILDREN: Array<[name: string, before: string]> = [
  ['TitleBar', 'TextTrackDisplay'],
  ['ControlBar', 'ErrorDisplay'],
  ['TextTrackSettings', 'ResizeManager'],
];

/** The latest the controls are built when no frame has come (slow network, error, no autoplay data). */
export const LATE_AFTER_MS = 1000;

/** Adds the late children once: after the first frame, on an error, or after LATE_AFTER_MS. */
export function buildControlsLater(player: Player, title: string, options: Record<string, unknown>): void {
  let built = false;
  const build = () => {
    if (built || player.isDisposed()) return;
    built = true;
    window.clearTimeout(timer);
    // What initChildren gives each child: some read the player's options from it (the skip buttons
    // take their seconds from playerOptions.controlBar).
    const base = (player as unknown as { options_: { playerOptions?: object } }).options_.playerOptions ?? {};
    const playerOptions = { ...base, ...options };
    for (const [name, before] of LATE_CHILDREN) {
      const next = player.getChild(before);
      const index = next ? player.children().indexOf(next) : player.children().length;
      const key = name.charAt(0).toLowerCase() + name.slice(1);
      const child = player.addChild(name, { ...((options[key] as object | undefined) ?? {}), playerOptions }, index);
      // initChildren would have set player.controlBar etc.; some Video.js code reads them (only
      // caption placement in browsers without CSS `inset`, older than Moodle 4.1 supports, reads
      // player.controlBar before this).
      (player as unknown as Record<string, unknown>)[key] = child;
    }
    // Breakpoint classes (vjs-layout-*) size the control bar; measuring the player for them forces a
    // layout, which is ~20 ms during page parsing, so they start with the controls.
    player.responsive(true);
    extras(player).titleBar?.update({ title });
    player.trigger('zoomhls:controls');
  };
  const timer = window.setTimeout(build, LATE_AFTER_MS);
  // After the first frame is on screen, not before: building at 'loadeddata' would hold it back.
  const afterFirstFrame = () => {
    const video = player.tech(true).el() as HTMLVideoElement;
    if (typeof video.requestVideoFrameCallback === 'function') video.requestVideoFrameCallback(() => window.setTimeout(build, 0));
    else window.setTimeout(build, 50);
  };
  player.one('loadeddata', afterFirstFrame);
  player.one('error', build);
}

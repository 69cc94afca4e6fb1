import type { PlayerConfig } from './config.js';
import type { Embed } from './detect.js';
import { PLAYBACK_RATES } from './hotkeys.js';
import { buildControlsLater, EARLY_CHILDREN } from './late-controls.js';
import { PLUGIN_NAME, type ZoomhlsPlugin } from './plugin.js';
import './quality-menu.js';
import { videojs, type Player } from './vjs.js';

export const PLAYER_CLASS = 'zoomhls-player';
export const HLS_TYPE = 'application/x-mpegURL';

function pluginOf(player: Player): ZoomhlsPlugin {
  return (player as unknown as Record<string, () => ZoomhlsPlugin>)[PLUGIN_NAME]!();
}

/** Builds our Video.js player for one embed inside `mount`. */
export function mountPlayer(embed: Embed, mount: HTMLElement, config: PlayerConfig): Player {
  const doc = mount.ownerDocument;
  const video = doc.createElement('video');
  video.className = `video-js vjs-big-play-centered ${PLAYER_CLASS}`;
  video.setAttribute('playsinline', '');
  video.setAttribute('controlsList', 'nodownload');
  video.setAttribute('crossorigin', 'use-credentials');
  if (embed.poster) video.setAttribute('poster', embed.poster);
  mount.appendChild(video);

  // Not among the player's options: Video.js builds every option named after a component at once.
  const controlBar = {
    skipButtons: { forward: 10, backward: 10 },
    pictureInPictureToggle: true,
    QualityMenuButton: { label: config.strings.quality, autoLabel: config.strings.auto },
  };
  const options = {
    controls: true,
    // The control bar, title bar and caption settings come after the first frame (late-controls.ts).
    children: EARLY_CHILDREN,
    fluid: true,
    preload: 'auto',
    playbackRates: PLAYBACK_RATES,
    techOrder: ['html5'],
    html5: {
      vhs: {
        // MSE everywhere it exists, so every request goes through our credentials hook.
        overrideNative: !videojs.browser.IS_ANY_SAFARI,
        useDevicePixelRatio: true,
        // Start on the lowest rendition: the first frame comes sooner, ABR climbs from there.
        enableLowInitialPlaylist: true,
      },
      nativeAudioTracks: false,
      nativeVideoTracks: false,
      nativeTextTracks: false,
    },
    userActions: {
      hotkeys(this: Player, event: KeyboardEvent) {
        pluginOf(this).handleHotkey(event);
      },
    },
  };
  const player = videojs(video, options);
  // The quality button sits before fullscreen/PiP in the control bar.
  player.one('zoomhls:controls', () => {
    const controlBar = player.getChild('ControlBar');
    const quality = controlBar?.getChild('QualityMenuButton');
    const pip = controlBar?.getChild('PictureInPictureToggle');
    if (controlBar && quality && pip) controlBar.el().insertBefore(quality.el(), pip.el());
  });

  (player as unknown as Record<string, (o: object) => void>)[PLUGIN_NAME]!({
    config,
    source: { src: embed.src, type: HLS_TYPE },
    title: embed.title,
    tracks: embed.tracks,
  });
  // After the plugin has set the source: the stream's requests go out before the controls are built.
  buildControlsLater(player, embed.title, { controlBar });
  return player;
}

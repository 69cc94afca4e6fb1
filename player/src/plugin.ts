import type PluginType from 'video.js/dist/types/plugin';
import { AccessRecovery, RecoveryState } from './access-recovery.js';
import type { PlayerConfig } from './config.js';
import { credentialedOrigins, credentialsHook, isCredentialed } from './credentials.js';
import type { EmbedTrack } from './detect.js';
import type { PlayerErrorType } from './errors.js';
import { hotkeyFor, nextRate } from './hotkeys.js';
import { MESSAGE_CLASS, showMessage } from './messages.js';
import { RefreshOutcome, requestRefresh } from './refresh.js';
import { ResumeStore, videoIdFor } from './resume.js';
import { extras, videojs, type Player, type VhsRequest, type VhsResponse } from './vjs.js';
import { Watermark } from './watermark.js';

const Plugin = videojs.getPlugin('plugin') as unknown as typeof PluginType;

export const PLUGIN_NAME = 'zoomhls';

export interface ZoomhlsPluginOptions {
  config: PlayerConfig;
  source: { src: string; type: string };
  title: string;
  tracks: EmbedTrack[];
}

/** How often the resume position is written while playing. */
const SAVE_EVERY_SECONDS = 5;

/**
 * Everything zoomhls adds to a Video.js player: credentials and 403 recovery, watermark, resume,
 * shortcuts, no context menu. An advanced plugin, so it is disposed with the player.
 */
export class ZoomhlsPlugin extends Plugin {
  readonly recovery: AccessRecovery;
  private readonly options: ZoomhlsPluginOptions;
  private readonly origins: Set<string>;
  private readonly resumeStore: ResumeStore;
  private readonly videoId: string;
  private watermark: Watermark | null = null;
  private captured = { time: 0, playing: false };
  private lastSaved = 0;
  private readonly noContextMenu = (event: Event) => event.preventDefault();
  private readonly onPageHide = () => this.savePosition();

  constructor(player: Player, options: ZoomhlsPluginOptions) {
    super(player);
    this.options = options;
    const { config, source } = options;
    this.origins = credentialedOrigins(config.cdnBaseUrl, source.src);
    this.videoId = videoIdFor(source.src);
    this.resumeStore = new ResumeStore(safeLocalStorage(), config.userId);
    this.recovery = new AccessRecovery(
      {
        refresh: () => (config.refresh ? requestRefresh(config.refresh) : Promise.resolve(RefreshOutcome.DENIED)),
        capture: () => this.capture(),
        resume: () => this.resume(),
        fail: (type) => this.fail(type),
      },
      !!config.refresh,
    );

    // Hooks for each VHS instance (a new one on every source change), before it requests anything.
    player.on('xhr-hooks-ready', () => this.attachHooks());
    player.on('error', () => this.onPlayerError());

    player.el().addEventListener('contextmenu', this.noContextMenu);
    player.tech(true).el().addEventListener('contextmenu', this.noContextMenu);
    window.addEventListener('pagehide', this.onPageHide);

    player.el().setAttribute('aria-label', `${options.title} – video player`);

    for (const track of options.tracks) {
      player.addRemoteTextTrack({ src: track.src, kind: track.kind, srclang: track.srclang, label: track.label, default: track.default } as never, true);
    }

    if (config.watermarkText) {
      this.watermark = new Watermark(player.el() as HTMLElement, { text: config.watermarkText });
      this.watermark.start();
    }

    player.one('loadedmetadata', () => this.restorePosition());
    player.on('timeupdate', () => {
      if (Math.abs((player.currentTime() ?? 0) - this.lastSaved) >= SAVE_EVERY_SECONDS) this.savePosition();
    });
    player.on('pause', () => this.savePosition());
    player.on('ended', () => this.savePosition());

    player.src(source);
  }

  override dispose(): void {
    this.savePosition();
    this.watermark?.dispose();
    window.removeEventListener('pagehide', this.onPageHide);
    this.player.el()?.removeEventListener('contextmenu', this.noContextMenu);
    super.dispose();
  }

  /** Handles a key press on the player (wired as Video.js `userActions.hotkeys`). */
  handleHotkey(event: KeyboardEvent): void {
    const action = hotkeyFor(event);
    if (!action) return;
    const player = this.player;
    event.preventDefault();
    const duration = player.duration() ?? 0;
    switch (action.type) {
      case 'toggle-play':
        if (player.paused()) void player.play();
        else player.pause();
        break;
      case 'fullscreen':
        if (player.isFullscreen()) void player.exitFullscreen();
        else void player.requestFullscreen();
        break;
      case 'mute':
        player.muted(!player.muted());
        break;
      case 'captions':
        toggleCaptions(player);
        break;
      case 'seek-by':
        player.currentTime(Math.max(0, Math.min(duration || Infinity, (player.currentTime() ?? 0) + action.seconds)));
        break;
      case 'seek-to-fraction':
        if (duration > 0) player.currentTime(Math.min(duration - 0.5, duration * action.fraction));
        break;
      case 'volume-by':
        player.volume(Math.max(0, Math.min(1, (player.volume() ?? 1) + action.delta)));
        break;
      case 'rate-by':
        player.playbackRate(nextRate(player.playbackRate() ?? 1, action.step));
        break;
    }
  }

  private attachHooks(): void {
    const vhs = extras(this.player).tech({ IWillNotUseThisInPlaybackWarning: true })?.vhs;
    if (!vhs) return;
    vhs.xhr.onRequest(credentialsHook(this.origins));
    vhs.xhr.onResponse((request: VhsRequest, _error: unknown, response: VhsResponse | undefined) => {
      if (!request.uri || !isCredentialed(request.uri, this.origins) || !response?.statusCode) return;
      this.recovery.onResponse(response.statusCode, new URL(request.uri).origin);
    });
  }

  private onPlayerError(): void {
    // While we refresh access, or after we showed our own message, Video.js's error box stays hidden.
    if (this.recovery.state === RecoveryState.REFRESHING || this.recovery.state === RecoveryState.FAILED) {
      this.player.error(null);
    }
  }

  private capture(): void {
    this.captured = { time: this.player.currentTime() ?? 0, playing: !this.player.paused() };
  }

  private resume(): void {
    const { time, playing } = this.captured;
    const player = this.player;
    player.error(null);
    player.src(this.options.source);
    player.one('loadedmetadata', () => {
      if (time > 0) player.currentTime(time);
      if (playing) void player.play()?.catch(() => undefined);
    });
  }

  private fail(type: PlayerErrorType): void {
    const player = this.player;
    player.pause();
    player.reset(); // stops every request VHS would otherwise keep retrying
    player.error(null);
    player.el().querySelector(`.${MESSAGE_CLASS}`)?.remove();
    showMessage(player.el() as HTMLElement, type, this.options.config);
    player.trigger({ type: 'zoomhls-error', errorType: type } as never);
  }

  private restorePosition(): void {
    const at = this.resumeStore.get(this.videoId, this.player.duration() ?? 0);
    if (at !== null && this.recovery.state === RecoveryState.IDLE) this.player.currentTime(at);
  }

  private savePosition(): void {
    const player = this.player;
    if (!player || player.isDisposed?.()) return;
    const time = player.currentTime() ?? 0;
    this.lastSaved = time;
    if (time > 0) this.resumeStore.set(this.videoId, time, player.duration() ?? 0);
  }
}

/** Captions on/off: off if any is showing, else the first captions/subtitles track. */
export function toggleCaptions(player: Player): void {
  const list = player.textTracks() as unknown as ArrayLike<TextTrack>;
  const tracks = Array.from(list).filter((t) => t.kind === 'captions' || t.kind === 'subtitles');
  if (tracks.length === 0) return;
  const showing = tracks.filter((t) => t.mode === 'showing');
  if (showing.length > 0) for (const t of showing) t.mode = 'disabled';
  else tracks[0]!.mode = 'showing';
}

function safeLocalStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

videojs.registerPlugin(PLUGIN_NAME, ZoomhlsPlugin as unknown as Parameters<typeof videojs.registerPlugin>[1]);

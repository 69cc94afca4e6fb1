import { PlayerErrorType } from './errors.js';
import { RefreshOutcome } from './refresh.js';

export interface RecoveryHooks {
  /** Asks Moodle for fresh cookies. */
  refresh(): Promise<RefreshOutcome>;
  /** Remembers where playback was (called once, when the first 403 arrives). */
  capture(): void;
  /** Reloads the source and continues from the captured position. */
  resume(): void;
  /** Stops loading and shows a message instead of the video. */
  fail(type: PlayerErrorType): void;
}

export const RecoveryState = {
  IDLE: 'idle',
  REFRESHING: 'refreshing',
  /** Refreshed and reloaded; the next CDN answer tells whether it worked. */
  RESUMED: 'resumed',
  FAILED: 'failed',
} as const;
export type RecoveryState = (typeof RecoveryState)[keyof typeof RecoveryState];

/**
 * What to do when the CDN answers 403: ask the refresh service once, then resume; a second 403
 * before any success means the cookies really do not open this video.
 */
/** At most this many refreshes in REFRESH_WINDOW_MS, whatever the CDN answers (no refresh loops). */
export const MAX_REFRESHES = 3;
export const REFRESH_WINDOW_MS = 10 * 60 * 1000;

export class AccessRecovery {
  state: RecoveryState = RecoveryState.IDLE;
  /** The origin whose 403 started the current recovery; only its success ends it. */
  private failingOrigin: string | null = null;
  private refreshedAt: number[] = [];

  constructor(
    private readonly hooks: RecoveryHooks,
    private readonly canRefresh: boolean,
    private readonly now: () => number = Date.now,
  ) {}

  /** Called for every response from a credentialed origin (the CDN, the playlist's origin). */
  onResponse(status: number, origin: string): void {
    if (status >= 200 && status < 300) {
      // A 200 from elsewhere (e.g. Moodle serving the playlist) says nothing about the CDN cookies.
      if (this.state === RecoveryState.RESUMED && origin === this.failingOrigin) this.state = RecoveryState.IDLE;
      return;
    }
    if (status !== 403) return;
    if (this.state === RecoveryState.REFRESHING || this.state === RecoveryState.FAILED) return;
    if (this.state === RecoveryState.RESUMED || !this.canRefresh) {
      this.giveUp(PlayerErrorType.ACCESS_DENIED);
      return;
    }
    const t = this.now();
    this.refreshedAt = this.refreshedAt.filter((at) => t - at < REFRESH_WINDOW_MS);
    if (this.refreshedAt.length >= MAX_REFRESHES) {
      this.giveUp(PlayerErrorType.ACCESS_DENIED);
      return;
    }
    this.refreshedAt.push(t);
    this.failingOrigin = origin;
    this.state = RecoveryState.REFRESHING;
    this.hooks.capture();
    void this.hooks.refresh().then((outcome) => this.afterRefresh(outcome));
  }

  private afterRefresh(outcome: RefreshOutcome): void {
    if (this.state !== RecoveryState.REFRESHING) return;
    switch (outcome) {
      case RefreshOutcome.OK:
        this.state = RecoveryState.RESUMED;
        this.hooks.resume();
        return;
      case RefreshOutcome.DENIED:
        return this.giveUp(PlayerErrorType.ACCESS_DENIED);
      case RefreshOutcome.SESSION_ENDED:
        return this.giveUp(PlayerErrorType.SESSION_ENDED);
      default:
        return this.giveUp(PlayerErrorType.UNAVAILABLE);
    }
  }

  private giveUp(type: PlayerErrorType): void {
    this.state = RecoveryState.FAILED;
    this.hooks.fail(type);
  }
}

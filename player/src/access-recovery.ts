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
export class AccessRecovery {
  state: RecoveryState = RecoveryState.IDLE;

  constructor(
    private readonly hooks: RecoveryHooks,
    private readonly canRefresh: boolean,
  ) {}

  /** Called for every response from the CDN origin. */
  onResponse(status: number): void {
    if (status >= 200 && status < 300) {
      if (this.state === RecoveryState.RESUMED) this.state = RecoveryState.IDLE;
      return;
    }
    if (status !== 403) return;
    if (this.state === RecoveryState.REFRESHING || this.state === RecoveryState.FAILED) return;
    if (this.state === RecoveryState.RESUMED || !this.canRefresh) {
      this.giveUp(PlayerErrorType.ACCESS_DENIED);
      return;
    }
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

/** What the player can show instead of the video. Handled by these constants, never by message text. */
export const PlayerErrorType = {
  /** The user may not view this course's videos (refresh said no, or the CDN still refuses). */
  ACCESS_DENIED: 'access-denied',
  /** The Moodle session is gone: log in again. */
  SESSION_ENDED: 'session-ended',
  /** Refresh service unreachable or answered something unexpected. */
  UNAVAILABLE: 'unavailable',
} as const;

export type PlayerErrorType = (typeof PlayerErrorType)[keyof typeof PlayerErrorType];

/** What the Moodle plugin passes to `ZoomHLS.init(config)` (contract "Plugin → player bundle"). */
export interface PlayerStrings {
  denied: string;
  sessionEnded: string;
  login: string;
  unavailable: string;
  quality: string;
  auto: string;
}

export interface RefreshConfig {
  url: string;
  courseId: number;
}

export interface PlayerConfig {
  cdnBaseUrl: string | null;
  refresh: RefreshConfig | null;
  loginUrl: string | null;
  userId: string | null;
  watermarkText: string | null;
  strings: PlayerStrings;
}

export const DEFAULT_STRINGS: PlayerStrings = {
  denied: 'You do not have access to this video.',
  sessionEnded: 'Your session has ended. Log in again to watch this video.',
  login: 'Log in',
  unavailable: 'This video cannot be played right now. Reload the page to try again.',
  quality: 'Quality',
  auto: 'Auto',
};

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

/** Accepts whatever the page gave and fills in defaults; never throws (a bad config still plays). */
export function normaliseConfig(input: unknown): PlayerConfig {
  const raw = (input && typeof input === 'object' ? input : {}) as Record<string, unknown>;
  const refreshRaw = raw['refresh'] as Record<string, unknown> | undefined;
  const refresh =
    refreshRaw && text(refreshRaw['url']) && Number.isFinite(Number(refreshRaw['courseId']))
      ? { url: String(refreshRaw['url']), courseId: Number(refreshRaw['courseId']) }
      : null;
  const stringsRaw = (raw['strings'] && typeof raw['strings'] === 'object' ? raw['strings'] : {}) as Record<string, unknown>;
  const strings = { ...DEFAULT_STRINGS };
  for (const key of Object.keys(DEFAULT_STRINGS) as (keyof PlayerStrings)[]) {
    const value = text(stringsRaw[key]);
    if (value) strings[key] = value;
  }
  const userId = raw['userId'];
  return {
    cdnBaseUrl: text(raw['cdnBaseUrl']),
    refresh,
    loginUrl: text(raw['loginUrl']),
    userId: typeof userId === 'number' || typeof userId === 'string' ? String(userId) : null,
    watermarkText: text(raw['watermarkText']),
    strings,
  };
}

/** Keyboard shortcuts (YouTube-like), as a pure mapping from a key event to an action. */
export type HotkeyAction =
  | { type: 'toggle-play' }
  | { type: 'fullscreen' }
  | { type: 'mute' }
  | { type: 'captions' }
  | { type: 'seek-by'; seconds: number }
  | { type: 'seek-to-fraction'; fraction: number }
  | { type: 'volume-by'; delta: number }
  | { type: 'rate-by'; step: number };

export interface KeyLike {
  key: string;
  ctrlKey?: boolean;
  altKey?: boolean;
  metaKey?: boolean;
}

export function hotkeyFor(event: KeyLike): HotkeyAction | null {
  if (event.ctrlKey || event.altKey || event.metaKey) return null;
  switch (event.key) {
    case ' ':
    case 'k':
    case 'K':
      return { type: 'toggle-play' };
    case 'f':
    case 'F':
      return { type: 'fullscreen' };
    case 'm':
    case 'M':
      return { type: 'mute' };
    case 'c':
    case 'C':
      return { type: 'captions' };
    case 'ArrowLeft':
      return { type: 'seek-by', seconds: -5 };
    case 'ArrowRight':
      return { type: 'seek-by', seconds: 5 };
    case 'j':
    case 'J':
      return { type: 'seek-by', seconds: -10 };
    case 'l':
    case 'L':
      return { type: 'seek-by', seconds: 10 };
    case 'ArrowUp':
      return { type: 'volume-by', delta: 0.1 };
    case 'ArrowDown':
      return { type: 'volume-by', delta: -0.1 };
    case '<':
      return { type: 'rate-by', step: -1 };
    case '>':
      return { type: 'rate-by', step: 1 };
    case 'Home':
      return { type: 'seek-to-fraction', fraction: 0 };
    case 'End':
      return { type: 'seek-to-fraction', fraction: 1 };
    default:
      if (/^[0-9]$/.test(event.key)) return { type: 'seek-to-fraction', fraction: Number(event.key) / 10 };
      return null;
  }
}

export const PLAYBACK_RATES = [0.5, 0.75, 1, 1.25, 1.5, 1.75, 2];

/** The next rate in PLAYBACK_RATES, `step` places up or down from the nearest one. */
export function nextRate(current: number, step: number): number {
  let nearest = 0;
  PLAYBACK_RATES.forEach((r, i) => {
    if (Math.abs(r - current) < Math.abs(PLAYBACK_RATES[nearest]! - current)) nearest = i;
  });
  return PLAYBACK_RATES[Math.min(PLAYBACK_RATES.length - 1, Math.max(0, nearest + step))]!;
}

/** Resume position per user and video, in localStorage. */
const PREFIX = 'zoomhls:resume:';
/** Positions this close to the start or end (last 10 s, or last 10 % of a short clip) are not worth resuming. */
const MIN_SECONDS = 5;
const END_MARGIN_SECONDS = 10;

function nearEnd(seconds: number, duration: number): boolean {
  return Number.isFinite(duration) && duration > 0 && seconds > duration - Math.min(END_MARGIN_SECONDS, duration * 0.1);
}

/** A stable id for a playlist URL: the 32-hex video key when the URL has one, else its path. */
export function videoIdFor(url: string): string {
  let path = url;
  try {
    path = new URL(url).pathname;
  } catch {
    /* keep as is */
  }
  const key = path.match(/\/([0-9a-f]{32})\//i);
  return key ? key[1]!.toLowerCase() : path;
}

export class ResumeStore {
  constructor(
    private readonly storage: Storage | null,
    private readonly userId: string | null,
  ) {}

  private key(videoId: string): string {
    return `${PREFIX}${this.userId ?? 'guest'}:${videoId}`;
  }

  get(videoId: string, duration: number): number | null {
    try {
      const value = Number(this.storage?.getItem(this.key(videoId)));
      if (!Number.isFinite(value) || value < MIN_SECONDS) return null;
      if (nearEnd(value, duration)) return null;
      return value;
    } catch {
      return null;
    }
  }

  set(videoId: string, seconds: number, duration: number): void {
    try {
      if (!this.storage) return;
      if (seconds < MIN_SECONDS || nearEnd(seconds, duration)) {
        this.storage.removeItem(this.key(videoId));
      } else {
        this.storage.setItem(this.key(videoId), String(Math.floor(seconds)));
      }
    } catch {
      /* storage full or disabled: resume is a convenience */
    }
  }
}

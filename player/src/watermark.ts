/**
 * The per-user watermark: the plugin's text (e.g. "Ada Lovelace 12345") over the video at low
 * opacity, moving every few seconds. It lives inside the player element, so it is in fullscreen
 * too; it is re-created when removed and restored when its styles are tampered with.
 */
export const WATERMARK_CLASS = 'zoomhls-watermark';

export interface WatermarkOptions {
  text: string;
  /** How often it moves. */
  intervalMs?: number;
  opacity?: number;
  /** Random source for positions (tests pass a fixed one). */
  random?: () => number;
}

// Inline and !important so the page's (or a user's) CSS cannot hide it.
const STYLE: Record<string, string> = {
  position: 'absolute',
  display: 'block',
  visibility: 'visible',
  'z-index': '3',
  'pointer-events': 'none',
  'user-select': 'none',
  'white-space': 'nowrap',
  'font-family': 'sans-serif',
  'font-size': 'clamp(11px, 2.2vw, 22px)',
  'font-weight': 'bold',
  color: '#fff',
  'text-shadow': '0 0 2px #000, 0 0 4px #000',
  transition: 'left 1.2s ease, top 1.2s ease',
  transform: 'none',
  'clip-path': 'none',
  filter: 'none',
};

const CHECKED = ['position', 'display', 'visibility', 'opacity', 'left', 'top', 'transform'];

export class Watermark {
  private el: HTMLElement | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private observer: MutationObserver | null = null;
  private position = { left: 5, top: 5 };
  private disposed = false;
  /** How many times it had to be put back (diagnostics and tests). */
  restored = 0;

  constructor(
    private readonly host: HTMLElement,
    private readonly options: WatermarkOptions,
  ) {}

  get element(): HTMLElement | null {
    return this.el;
  }

  start(): void {
    this.ensure();
    this.move();
    this.timer = setInterval(() => {
      this.ensure();
      this.move();
    }, this.options.intervalMs ?? 5000);
    const View = this.host.ownerDocument.defaultView!;
    this.observer = new View.MutationObserver(() => this.ensure());
    this.observer.observe(this.host, { childList: true, subtree: true, attributes: true, attributeFilter: ['style', 'class', 'hidden'] });
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) clearInterval(this.timer);
    this.observer?.disconnect();
    this.el?.remove();
    this.el = null;
  }

  /** Moves to a new random spot inside the video, away from the edges. */
  move(): void {
    const random = this.options.random ?? Math.random;
    this.position = { left: Math.round(3 + random() * 60), top: Math.round(5 + random() * 70) };
    this.applyStyle();
  }

  /** Puts the element back (or re-creates it) if it was removed or altered. */
  ensure(): void {
    if (this.disposed) return;
    const el = this.el;
    if (!el || el.parentNode !== this.host) {
      el?.remove();
      this.create();
      if (el) this.restored++;
      return;
    }
    if (this.tampered(el)) {
      this.applyStyle();
      this.restored++;
    }
    if (el.textContent !== this.options.text) el.textContent = this.options.text;
    if (this.host.lastElementChild !== el && !this.host.contains(el)) this.host.appendChild(el);
  }

  private create(): void {
    const doc = this.host.ownerDocument;
    const el = doc.createElement('div');
    el.className = WATERMARK_CLASS;
    el.setAttribute('aria-hidden', 'true');
    el.textContent = this.options.text;
    this.el = el;
    this.applyStyle();
    this.host.appendChild(el);
  }

  private wanted(): Record<string, string> {
    return { ...STYLE, opacity: String(this.options.opacity ?? 0.35), left: `${this.position.left}%`, top: `${this.position.top}%` };
  }

  private tampered(el: HTMLElement): boolean {
    if (el.hidden || el.className !== WATERMARK_CLASS) return true;
    // The properties that make it visible and where it is; everything else is reset on each move.
    const wanted = this.wanted();
    return CHECKED.some((name) => el.style.getPropertyValue(name) !== wanted[name] || el.style.getPropertyPriority(name) !== 'important');
  }

  private applyStyle(): void {
    const el = this.el;
    if (!el) return;
    el.hidden = false;
    el.className = WATERMARK_CLASS;
    const wanted = this.wanted();
    // Drop anything else that was added to the inline style, then set ours.
    el.removeAttribute('style');
    for (const [name, value] of Object.entries(wanted)) el.style.setProperty(name, value, 'important');
  }
}

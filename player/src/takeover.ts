import { CONTAINER_CLASS, TAKEN_ATTR, findEmbeds, type Embed } from './detect.js';

/** Moodle's event after filters changed content (core_filters/events `eventTypes.filterContentUpdated`). */
export const FILTER_CONTENT_UPDATED = 'core_filters/contentUpdated';

/** Builds a player into `mount` (already in the page where the embed was). */
export type PlayerFactory = (embed: Embed, mount: HTMLElement) => void;

/**
 * Turns every `.m3u8` embed into our player, now and whenever content is added later.
 * The MutationObserver runs as a microtask after each insertion, so an embed is replaced before any
 * script that runs later (Moodle's AMD media_videojs loader) can initialise it.
 */
export class Takeover {
  private observer: MutationObserver | null = null;
  private started = false;
  private readonly onContentUpdated = (event: Event) => {
    const nodes = (event as CustomEvent<{ nodes?: unknown }>).detail?.nodes;
    const list = Array.isArray(nodes) ? nodes : nodes && typeof (nodes as ArrayLike<unknown>).length === 'number' ? Array.from(nodes as ArrayLike<unknown>) : [];
    const roots = list.filter((n): n is Element => n instanceof this.doc.defaultView!.Element);
    if (roots.length === 0) this.scan(this.doc);
    for (const root of roots) this.scan(root);
  };
  private readonly onReady = () => this.scan(this.doc);
  /** Players made so far (for tests and diagnostics). */
  readonly mounted: HTMLElement[] = [];

  constructor(
    private readonly doc: Document,
    private readonly factory: PlayerFactory,
    /** Off only in tests that check the event path on its own. */
    private readonly observeMutations = true,
  ) {}

  start(): void {
    if (this.started) return;
    this.started = true;
    const view = this.doc.defaultView!;
    if (this.observeMutations) {
      this.observer = new view.MutationObserver((records) => this.handleMutations(records));
      this.observer.observe(this.doc.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: ['src', 'href'] });
    }
    this.doc.addEventListener(FILTER_CONTENT_UPDATED, this.onContentUpdated);
    if (this.doc.readyState === 'loading') this.doc.addEventListener('DOMContentLoaded', this.onReady);
    this.scan(this.doc);
  }

  stop(): void {
    this.started = false;
    this.observer?.disconnect();
    this.observer = null;
    this.doc.removeEventListener(FILTER_CONTENT_UPDATED, this.onContentUpdated);
    this.doc.removeEventListener('DOMContentLoaded', this.onReady);
  }

  /** Replaces every embed below (or at) `root`; returns how many were taken. */
  scan(root: ParentNode): number {
    const embeds = findEmbeds(root);
    for (const embed of embeds) this.take(embed);
    return embeds.length;
  }

  private handleMutations(records: MutationRecord[]): void {
    const roots = new Set<Element>();
    for (const record of records) {
      if (record.type === 'attributes') {
        roots.add((record.target as Element).parentElement ?? (record.target as Element));
        continue;
      }
      for (const node of Array.from(record.addedNodes)) {
        if (node.nodeType !== 1) continue;
        const el = node as Element;
        if (el.closest(`.${CONTAINER_CLASS}`)) continue; // our own player building itself
        // A <source>/<track> added to an existing element changes its parent; a new block is itself.
        const tag = el.tagName.toLowerCase();
        roots.add(tag === 'source' || tag === 'track' ? (el.parentElement?.parentElement ?? el) : el);
      }
    }
    for (const root of roots) if (root.isConnected) this.scan(root);
  }

  private take(embed: Embed): void {
    const { element } = embed;
    if (!element.isConnected || element.hasAttribute(TAKEN_ATTR)) return;
    element.setAttribute(TAKEN_ATTR, 'taken');
    const mount = this.doc.createElement('div');
    mount.className = CONTAINER_CLASS;
    mount.setAttribute(TAKEN_ATTR, 'player');
    if (embed.maxWidth) mount.style.maxWidth = embed.maxWidth;
    // Stop the original element loading anything: browsers with native HLS (Safari, recent Chromium)
    // start fetching the playlist as soon as the parser creates it, without credentials or CORS,
    // and a detached element keeps loading.
    const media = element.matches('video, audio') ? element : element.querySelector('video, audio');
    if (media instanceof this.doc.defaultView!.HTMLMediaElement) {
      media.removeAttribute('data-setup-lazy');
      media.removeAttribute('data-setup');
      media.preload = 'none';
      media.removeAttribute('src');
      for (const source of Array.from(media.querySelectorAll('source'))) source.remove();
      if (media.networkState !== media.NETWORK_EMPTY) media.load();
    }
    element.replaceWith(mount);
    this.mounted.push(mount);
    this.factory(embed, mount);
  }
}

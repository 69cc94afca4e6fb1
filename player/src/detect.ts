/**
 * Finds `.m3u8` embeds in a page: Moodle's media_videojs output, plain `<video>`/`<source>` and
 * plain links. Pure DOM reads; the takeover decides what to do with them.
 */

/** Attribute set on everything the player has taken (or made), so nothing is taken twice. */
export const TAKEN_ATTR = 'data-zoomhls';
/** Class of the container that replaces an embed. */
export const CONTAINER_CLASS = 'zoomhls-embed';

const HLS_TYPES = new Set(['application/x-mpegurl', 'application/vnd.apple.mpegurl', 'audio/mpegurl', 'audio/x-mpegurl']);

export type EmbedKind = 'mediaplugin' | 'video' | 'link';

export interface EmbedTrack {
  src: string;
  kind: string;
  srclang: string;
  label: string;
  default: boolean;
}

export interface Embed {
  kind: EmbedKind;
  /** The element the player replaces. */
  element: Element;
  /** Absolute playlist URL. */
  src: string;
  title: string;
  poster: string | null;
  tracks: EmbedTrack[];
  /** Width limit Moodle gave the embed (e.g. "400px"), if any. */
  maxWidth: string | null;
}

function absolute(url: string, base: string): URL | null {
  try {
    return new URL(url, base);
  } catch {
    return null;
  }
}

/** An http(s) URL whose path ends in `.m3u8` (Moodle's pluginfile URLs keep the file name last). */
export function isHlsUrl(url: string, base: string): boolean {
  const u = absolute(url.trim(), base);
  return !!u && (u.protocol === 'https:' || u.protocol === 'http:') && /\.m3u8$/i.test(decodeURIComponent(u.pathname));
}

export function isHlsType(type: string | null | undefined): boolean {
  return !!type && HLS_TYPES.has(type.split(';')[0]!.trim().toLowerCase());
}

/** Places where a match must be left alone: our own players, editors, already-taken elements. */
function excluded(el: Element): boolean {
  return !!el.closest(`[${TAKEN_ATTR}], .${CONTAINER_CLASS}, [contenteditable=""], [contenteditable="true"], .editor_atto_content, .tox-edit-area`);
}

function baseOf(el: Element): string {
  return el.ownerDocument?.baseURI ?? 'http://localhost/';
}

/** The HLS source of a media element: its `src`, or the first `<source>` that is HLS by type or URL. */
export function hlsSourceOf(media: Element): string | null {
  const base = baseOf(media);
  const own = media.getAttribute('src');
  if (own && isHlsUrl(own, base)) return absolute(own, base)!.href;
  for (const source of Array.from(media.querySelectorAll(':scope > source[src]'))) {
    const src = source.getAttribute('src')!;
    if (isHlsType(source.getAttribute('type')) || isHlsUrl(src, base)) {
      const u = absolute(src, base);
      if (u && (u.protocol === 'https:' || u.protocol === 'http:')) return u.href;
    }
  }
  return null;
}

function tracksOf(media: Element): EmbedTrack[] {
  const base = baseOf(media);
  return Array.from(media.querySelectorAll(':scope > track[src]')).map((t) => ({
    src: absolute(t.getAttribute('src')!, base)?.href ?? t.getAttribute('src')!,
    kind: t.getAttribute('kind') || 'subtitles',
    srclang: t.getAttribute('srclang') || '',
    label: t.getAttribute('label') || t.getAttribute('srclang') || '',
    default: t.hasAttribute('default'),
  }));
}

function titleOf(media: Element, src: string): string {
  const title = media.getAttribute('title') || media.getAttribute('aria-label');
  if (title) return title;
  const file = decodeURIComponent(new URL(src).pathname.split('/').pop() ?? '');
  return file.replace(/\.m3u8$/i, '');
}

function embedForMedia(media: Element, kind: EmbedKind, element: Element): Embed | null {
  const src = hlsSourceOf(media);
  if (!src) return null;
  const sized = kind === 'mediaplugin' ? element.querySelector(':scope > div[style]') : null;
  const maxWidth = sized instanceof HTMLElement && sized.style.maxWidth ? sized.style.maxWidth : null;
  const poster = media.getAttribute('poster');
  return {
    kind,
    element,
    src,
    title: titleOf(media, src),
    poster: poster ? absolute(poster, baseOf(media))?.href ?? null : null,
    tracks: tracksOf(media),
    maxWidth,
  };
}

/** Every `.m3u8` embed in or at `root` that has not been taken yet, in document order. */
export function findEmbeds(root: ParentNode): Embed[] {
  const embeds: Embed[] = [];
  const claimed = new Set<Element>();
  const within = <T extends Element>(selector: string): T[] => {
    const found = Array.from(root.querySelectorAll<T>(selector));
    if (root instanceof Element && root.matches(selector)) found.unshift(root as T);
    return found;
  };

  // 1. Moodle media_videojs output: the whole `.mediaplugin_videojs` block is replaced, so Moodle's
  //    loader (which looks for `.mediaplugin_videojs video`) never sees it.
  for (const block of within('.mediaplugin_videojs')) {
    if (excluded(block)) continue;
    const media = block.querySelector('video, audio');
    if (!media) continue;
    const embed = embedForMedia(media, 'mediaplugin', block);
    if (embed) {
      embeds.push(embed);
      claimed.add(block);
    }
  }
  const insideClaimed = (el: Element) => Array.from(claimed).some((c) => c.contains(el));

  // 2. Plain <video src> / <video><source src>; if another player already wrapped it, replace the wrapper.
  for (const media of within('video, audio')) {
    if (excluded(media) || insideClaimed(media) || media.closest('.mediaplugin_videojs')) continue;
    const wrapper = media.closest('.video-js') ?? media;
    const embed = embedForMedia(media, 'video', wrapper);
    if (embed) {
      embeds.push(embed);
      claimed.add(wrapper);
    }
  }

  // 3. Plain links to a playlist (not the fallback link inside a media element).
  for (const link of within<HTMLAnchorElement>('a[href]')) {
    if (excluded(link) || insideClaimed(link) || link.closest('video, audio, .mediaplugin')) continue;
    const href = link.getAttribute('href')!;
    if (!isHlsUrl(href, baseOf(link))) continue;
    const src = absolute(href, baseOf(link))!.href;
    const text = (link.textContent ?? '').trim();
    embeds.push({
      kind: 'link',
      element: link,
      src,
      title: text && text !== href ? text : titleOf(link, src),
      poster: null,
      tracks: [],
      maxWidth: null,
    });
  }
  return embeds.sort((a, b) => (a.element.compareDocumentPosition(b.element) & 4 ? -1 : 1));
}

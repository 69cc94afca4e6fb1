/**
 * Zoom's transcript (WebVTT) as an HLS subtitle rendition. The VTT gets an X-TIMESTAMP-MAP so
 * its cue times line up with the MPEG-TS timestamps of the video segments, and the master
 * playlist gains an EXT-X-MEDIA TYPE=SUBTITLES entry that every variant refers to.
 */

export const SUBTITLE_GROUP = 'subs';

/** Inserts (or replaces) the X-TIMESTAMP-MAP header that aligns cue time 0 with the first frame. */
export function alignVtt(vtt: string, mediaStartSeconds: number): string {
  const text = vtt.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (!text.startsWith('WEBVTT')) throw new Error('not a WebVTT file (it must start with WEBVTT)');
  const lines = text.split('\n');
  const headerEnd = lines.findIndex((l) => l.trim() === '');
  const header = (headerEnd === -1 ? lines : lines.slice(0, headerEnd)).filter((l) => !l.startsWith('X-TIMESTAMP-MAP='));
  const rest = headerEnd === -1 ? [] : lines.slice(headerEnd);
  const mpegts = Math.round(mediaStartSeconds * 90_000);
  return [...header.slice(0, 1), `X-TIMESTAMP-MAP=MPEGTS:${mpegts},LOCAL:00:00:00.000`, ...header.slice(1), ...rest].join('\n');
}

/** A one-segment VOD subtitle playlist for the whole recording. */
export function renderSubtitlePlaylist(vttUrl: string, durationSeconds: number): string {
  return [
    '#EXTM3U',
    '#EXT-X-VERSION:3',
    '#EXT-X-PLAYLIST-TYPE:VOD',
    `#EXT-X-TARGETDURATION:${Math.max(1, Math.ceil(durationSeconds))}`,
    '#EXT-X-MEDIA-SEQUENCE:0',
    `#EXTINF:${durationSeconds.toFixed(6)},`,
    vttUrl,
    '#EXT-X-ENDLIST',
    '',
  ].join('\n');
}

export interface SubtitleTrack {
  language: string;
  name: string;
  uri: string;
}

/** Adds one subtitle track to a master playlist (replacing a track of the same language). */
export function addSubtitlesToMaster(master: string, track: SubtitleTrack): string {
  const lines = master.replace(/\n+$/, '').split('\n');
  const media =
    `#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID="${SUBTITLE_GROUP}",NAME="${track.name.replace(/"/g, "'")}",` +
    `LANGUAGE="${track.language}",DEFAULT=NO,AUTOSELECT=YES,FORCED=NO,URI="${track.uri}"`;
  const out: string[] = [];
  let inserted = false;
  for (const line of lines) {
    if (line.startsWith('#EXT-X-MEDIA:TYPE=SUBTITLES') && line.includes(`LANGUAGE="${track.language}"`)) continue;
    if (!inserted && line.startsWith('#EXT-X-STREAM-INF:')) {
      out.push(media);
      inserted = true;
    }
    if (line.startsWith('#EXT-X-STREAM-INF:')) {
      const withoutSubs = line.replace(/,SUBTITLES="[^"]*"/, '');
      out.push(`${withoutSubs},SUBTITLES="${SUBTITLE_GROUP}"`);
    } else {
      out.push(line);
    }
  }
  if (!inserted) throw new Error('a master playlist needs at least one variant');
  return out.join('\n') + '\n';
}

/** "en" → "English", for the NAME players show in their captions menu. */
export function languageName(language: string): string {
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' }).of(language) ?? language;
  } catch {
    return language;
  }
}

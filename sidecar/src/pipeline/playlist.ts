/**
 * HLS playlist parsing and rendering. ffmpeg writes relative EVENT playlists in the work dir;
 * we publish VOD playlists whose every URI is absolute under the CDN base (DESIGN §3.4), so
 * the copy in Moodle's repository works wherever Moodle serves it from.
 */

export interface Segment {
  duration: number;
  uri: string;
}

export interface MediaPlaylist {
  segments: Segment[];
  ended: boolean;
}

export function parseMediaPlaylist(text: string): MediaPlaylist {
  const segments: Segment[] = [];
  let pendingDuration: number | undefined;
  let ended = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    if (line.startsWith('#EXTINF:')) {
      pendingDuration = Number.parseFloat(line.slice('#EXTINF:'.length));
    } else if (line === '#EXT-X-ENDLIST') {
      ended = true;
    } else if (!line.startsWith('#') && pendingDuration !== undefined) {
      segments.push({ duration: pendingDuration, uri: line });
      pendingDuration = undefined;
    }
  }
  return { segments, ended };
}

/** A complete VOD media playlist with absolute segment URIs. */
export function renderMediaPlaylist(segments: Segment[], uriFor: (relativeUri: string) => string): string {
  if (segments.length === 0) throw new Error('a playlist needs at least one segment');
  const target = Math.max(1, Math.ceil(Math.max(...segments.map((s) => s.duration)) - 1e-3));
  const lines = [
    '#EXTM3U',
    '#EXT-X-VERSION:3',
    '#EXT-X-PLAYLIST-TYPE:VOD',
    `#EXT-X-TARGETDURATION:${target}`,
    '#EXT-X-MEDIA-SEQUENCE:0',
    '#EXT-X-INDEPENDENT-SEGMENTS',
  ];
  for (const s of segments) {
    lines.push(`#EXTINF:${s.duration.toFixed(6)},`, uriFor(s.uri));
  }
  lines.push('#EXT-X-ENDLIST', '');
  return lines.join('\n');
}

export interface Variant {
  uri: string;
  /** Peak segment bitrate, bits/s (what HLS requires BANDWIDTH to be). */
  bandwidth: number;
  averageBandwidth: number;
  codecs: string;
  resolution: { width: number; height: number } | undefined;
  frameRate: number | undefined;
}

export function renderMasterPlaylist(variants: Variant[]): string {
  const lines = ['#EXTM3U', '#EXT-X-VERSION:3', '#EXT-X-INDEPENDENT-SEGMENTS'];
  for (const v of variants) {
    const attrs = [
      `BANDWIDTH=${Math.ceil(v.bandwidth)}`,
      `AVERAGE-BANDWIDTH=${Math.ceil(v.averageBandwidth)}`,
      `CODECS="${v.codecs}"`,
      ...(v.resolution ? [`RESOLUTION=${v.resolution.width}x${v.resolution.height}`] : []),
      ...(v.frameRate ? [`FRAME-RATE=${v.frameRate.toFixed(3)}`] : []),
    ];
    lines.push(`#EXT-X-STREAM-INF:${attrs.join(',')}`, v.uri);
  }
  lines.push('');
  return lines.join('\n');
}

/** Peak and average bitrate of a rendition from its segments' sizes and durations. */
export function measureBandwidth(segments: Array<Segment & { bytes: number }>): { peak: number; average: number } {
  let peak = 0;
  let bits = 0;
  let seconds = 0;
  for (const s of segments) {
    if (s.duration <= 0) continue;
    // Very short trailing segments overstate the rate; judge them over at least one second.
    const rate = (s.bytes * 8) / Math.max(s.duration, 1);
    peak = Math.max(peak, rate);
    bits += s.bytes * 8;
    seconds += s.duration;
  }
  return { peak, average: seconds > 0 ? bits / seconds : 0 };
}

/** RFC 6381 codec strings for what we publish: H.264 from ffprobe's profile/level, AAC-LC. */
export function codecString(video: { profile: string | undefined; level: number | undefined } | undefined, hasAudio: boolean): string {
  const parts: string[] = [];
  if (video) {
    const profile = (video.profile ?? 'High').toLowerCase();
    const profileIdc = profile.includes('high') ? '64' : profile.includes('main') ? '4d' : '42';
    const constraints = profile.includes('constrained baseline') ? 'e0' : '00';
    const level = (video.level && video.level > 0 ? video.level : 40).toString(16).padStart(2, '0');
    parts.push(`avc1.${profileIdc}${constraints}${level}`);
  }
  if (hasAudio) parts.push('mp4a.40.2');
  return parts.join(',');
}

import { describe, expect, it } from 'vitest';
import { codecString, measureBandwidth, parseMediaPlaylist, renderMasterPlaylist, renderMediaPlaylist } from '../src/pipeline/playlist.js';

const ffmpegEvent = `#EXTM3U
#EXT-X-VERSION:6
#EXT-X-TARGETDURATION:6
#EXT-X-MEDIA-SEQUENCE:0
#EXT-X-PLAYLIST-TYPE:EVENT
#EXT-X-INDEPENDENT-SEGMENTS
#EXTINF:6.000000,
seg_00000.ts
#EXTINF:6.006000,
seg_00001.ts
#EXTINF:2.500000,
seg_00002.ts
`;

describe('playlists', () => {
  it('parses the segments ffmpeg has finalised', () => {
    const p = parseMediaPlaylist(ffmpegEvent);
    expect(p.ended).toBe(false);
    expect(p.segments.map((s) => s.uri)).toEqual(['seg_00000.ts', 'seg_00001.ts', 'seg_00002.ts']);
    expect(p.segments[1]!.duration).toBeCloseTo(6.006);
  });

  it('renders a VOD playlist with every URI absolute and an ENDLIST', () => {
    const text = renderMediaPlaylist(parseMediaPlaylist(ffmpegEvent).segments, (u) => `https://cdn.example.edu/c/v/${u}`);
    expect(text).toContain('#EXT-X-PLAYLIST-TYPE:VOD');
    expect(text.trim().endsWith('#EXT-X-ENDLIST')).toBe(true);
    expect(text).toContain('#EXT-X-TARGETDURATION:7');
    const uris = text.split('\n').filter((l) => l && !l.startsWith('#'));
    expect(uris).toHaveLength(3);
    for (const u of uris) expect(u.startsWith('https://cdn.example.edu/c/v/')).toBe(true);
    expect(() => renderMediaPlaylist([], (u) => u)).toThrow();
  });

  it('measures honest peak and average bandwidth', () => {
    const bw = measureBandwidth([
      { uri: 'a', duration: 6, bytes: 600_000 },
      { uri: 'b', duration: 6, bytes: 1_200_000 },
      { uri: 'c', duration: 0.2, bytes: 10_000 },
    ]);
    expect(bw.peak).toBe(1_600_000);
    expect(bw.average).toBeCloseTo((1_810_000 * 8) / 12.2);
  });

  it('renders a master playlist with BANDWIDTH, CODECS and RESOLUTION', () => {
    const text = renderMasterPlaylist([
      { uri: 'https://cdn/x/v0/index.m3u8', bandwidth: 2_000_000.4, averageBandwidth: 900_000, codecs: 'avc1.64001f,mp4a.40.2', resolution: { width: 1280, height: 720 }, frameRate: 30 },
    ]);
    expect(text).toContain('#EXT-X-STREAM-INF:BANDWIDTH=2000001,AVERAGE-BANDWIDTH=900000,CODECS="avc1.64001f,mp4a.40.2",RESOLUTION=1280x720,FRAME-RATE=30.000');
    expect(text).toContain('\nhttps://cdn/x/v0/index.m3u8\n');
  });

  it('writes RFC 6381 codec strings', () => {
    expect(codecString({ profile: 'High', level: 31 }, true)).toBe('avc1.64001f,mp4a.40.2');
    expect(codecString({ profile: 'Constrained Baseline', level: 30 }, false)).toBe('avc1.42e01e');
    expect(codecString(undefined, true)).toBe('mp4a.40.2');
  });
});

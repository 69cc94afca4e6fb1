import { beforeEach, describe, expect, it } from 'vitest';
import { findEmbeds, hlsSourceOf, isHlsType, isHlsUrl, TAKEN_ATTR } from '../src/detect.js';
import { mediaVideojs, mediaVideojsMp4, PLAYLIST } from './fixtures.js';

describe('isHlsUrl / isHlsType', () => {
  const base = 'https://moodle.example.edu/course/view.php?id=2';
  it('accepts http(s) paths ending in .m3u8, with or without a query', () => {
    expect(isHlsUrl(PLAYLIST, base)).toBe(true);
    expect(isHlsUrl('/pluginfile.php/1/x/LECTURE.M3U8?forcedownload=1', base)).toBe(true);
    expect(isHlsUrl('https://cdn.example.edu/a/b/index.m3u8#t=3', base)).toBe(true);
  });
  it('rejects other files, other schemes and look-alikes', () => {
    expect(isHlsUrl('https://x/clip.mp4', base)).toBe(false);
    expect(isHlsUrl('https://x/playlist.m3u8.txt', base)).toBe(false);
    expect(isHlsUrl('https://x/page.php?file=a.m3u8', base)).toBe(false);
    expect(isHlsUrl('javascript:alert(1)//.m3u8', base)).toBe(false);
    expect(isHlsUrl('data:text/plain,a.m3u8', base)).toBe(false);
  });
  it('knows the HLS MIME types, case-insensitively', () => {
    expect(isHlsType('application/x-mpegURL')).toBe(true);
    expect(isHlsType('application/vnd.apple.mpegurl; charset=utf-8')).toBe(true);
    expect(isHlsType('video/mp4')).toBe(false);
    expect(isHlsType(null)).toBe(false);
  });
});

describe('findEmbeds', () => {
  beforeEach(() => {
    document.body.innerHTML = '';
  });

  it("finds Moodle's media_videojs block with its source, title, width and caption tracks", () => {
    document.body.innerHTML = `<p>Intro</p>${mediaVideojs()}`;
    const [embed, ...rest] = findEmbeds(document);
    expect(rest).toEqual([]);
    expect(embed!.kind).toBe('mediaplugin');
    expect(embed!.element.classList.contains('mediaplugin_videojs')).toBe(true);
    expect(embed!.src).toBe(PLAYLIST);
    expect(embed!.title).toBe('Lecture 1');
    expect(embed!.maxWidth).toBe('400px');
    expect(embed!.tracks).toEqual([{ src: 'https://moodle.example.edu/pluginfile.php/31/en.vtt', kind: 'captions', srclang: 'en', label: 'English', default: true }]);
  });

  it('finds plain links, <video src> and <video><source> but leaves other media alone', () => {
    document.body.innerHTML = `
      <a id="l1" href="/media/x/Lecture%202.m3u8">Lecture 2</a>
      <a id="l2" href="/files/notes.pdf">Notes</a>
      <video id="v1" src="https://cdn.example.edu/l/c/v/index.m3u8"></video>
      <video id="v2"><source src="https://cdn.example.edu/l/c/w/index.m3u8"></video>
      <video id="v3" src="https://cdn.example.edu/clip.mp4"></video>
      <audio id="a1"><source src="https://cdn.example.edu/a.mp3" type="audio/mpeg"></audio>
      ${mediaVideojsMp4()}`;
    const embeds = findEmbeds(document);
    expect(embeds.map((e) => [e.kind, e.element.id])).toEqual([
      ['link', 'l1'],
      ['video', 'v1'],
      ['video', 'v2'],
    ]);
    expect(embeds[0]!.src).toBe('http://localhost:3000/media/x/Lecture%202.m3u8');
    expect(embeds[0]!.title).toBe('Lecture 2');
    expect(embeds[2]!.title).toBe('index');
  });

  it('accepts a <source> that says HLS only by its type', () => {
    document.body.innerHTML = `<video id="v"><source src="https://cdn.example.edu/stream?id=4" type="application/vnd.apple.mpegurl"></video>`;
    expect(hlsSourceOf(document.getElementById('v')!)).toBe('https://cdn.example.edu/stream?id=4');
  });

  it("does not count the fallback link inside a video, or anything in an editor or already taken", () => {
    document.body.innerHTML = `
      <div contenteditable="true"><a href="/a.m3u8">in editor</a>${mediaVideojs('/b.m3u8', 'ed')}</div>
      <div ${TAKEN_ATTR}="player"><video src="/c.m3u8"></video></div>
      <a href="/d.m3u8" ${TAKEN_ATTR}="taken">taken</a>
      ${mediaVideojs()}`;
    const embeds = findEmbeds(document);
    expect(embeds).toHaveLength(1);
    expect(embeds[0]!.kind).toBe('mediaplugin');
  });

  it('replaces the wrapper when another Video.js already turned the element into a player', () => {
    document.body.innerHTML = `<div id="wrap" class="video-js vjs-fluid"><video class="vjs-tech" src="https://cdn.example.edu/x.m3u8"></video></div>`;
    const [embed] = findEmbeds(document);
    expect(embed!.element.id).toBe('wrap');
  });

  it('includes the root itself when scanning a single inserted element', () => {
    document.body.innerHTML = `<a id="only" href="/x.m3u8">x</a>`;
    expect(findEmbeds(document.getElementById('only')!)).toHaveLength(1);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONTAINER_CLASS, type Embed } from '../src/detect.js';
import { FILTER_CONTENT_UPDATED, Takeover } from '../src/takeover.js';
import { mediaVideojs, mediaVideojsMp4 } from './fixtures.js';

/** A microtask turn: MutationObserver callbacks have run after this. */
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('Takeover', () => {
  let made: Embed[];
  let takeover: Takeover;

  beforeEach(() => {
    document.body.innerHTML = '';
    made = [];
    takeover = new Takeover(document, (embed, mount) => {
      made.push(embed);
      // What a real player does: put a <video> of its own inside the mount.
      mount.innerHTML = `<div class="video-js"><video class="vjs-tech" src="blob:x"></video></div>`;
    });
  });
  afterEach(() => takeover.stop());

  it('replaces embeds present at start with a player container, other media untouched', () => {
    document.body.innerHTML = `${mediaVideojs()}${mediaVideojsMp4()}<a href="/x.m3u8">x</a>`;
    takeover.start();
    expect(made.map((e) => e.kind)).toEqual(['mediaplugin', 'link']);
    expect(document.querySelectorAll(`.${CONTAINER_CLASS}`)).toHaveLength(2);
    expect(document.querySelector('#id_videojs_1')).toBeNull(); // gone before Moodle's loader looks for it
    expect(document.querySelector('#id_mp4')?.getAttribute('data-setup-lazy')).toBe('{}');
    expect(document.querySelector(`.${CONTAINER_CLASS}`)!.getAttribute('style')).toContain('max-width: 400px');
  });

  it('takes content inserted later, before the next task runs (as Moodle loads its player in a later task)', async () => {
    takeover.start();
    const section = document.createElement('section');
    section.innerHTML = mediaVideojs('/later.m3u8', 'id_later');
    let seenByLaterTask: Element | null | undefined;
    document.body.appendChild(section);
    setTimeout(() => (seenByLaterTask = document.getElementById('id_later')), 0);
    await settle();
    await settle();
    expect(made).toHaveLength(1);
    expect(made[0]!.src).toBe('http://localhost:3000/later.m3u8');
    expect(seenByLaterTask).toBeNull();
  });

  it('takes a <source> added to an existing <video>', async () => {
    document.body.innerHTML = `<div id="host"><video id="v"></video></div>`;
    takeover.start();
    expect(made).toHaveLength(0);
    const source = document.createElement('source');
    source.src = '/added.m3u8';
    document.getElementById('v')!.appendChild(source);
    await settle();
    expect(made.map((e) => e.src)).toEqual(['http://localhost:3000/added.m3u8']);
  });

  it("scans the nodes of Moodle's core_filters/contentUpdated event", () => {
    const eventOnly = new Takeover(document, (embed) => made.push(embed), false);
    eventOnly.start();
    document.body.innerHTML = `<div id="n">${mediaVideojs('/event.m3u8', 'ev')}</div><a href="/elsewhere.m3u8">not in the event</a>`;
    document.dispatchEvent(new CustomEvent(FILTER_CONTENT_UPDATED, { detail: { nodes: [document.getElementById('n')] } }));
    eventOnly.stop();
    expect(made.map((e) => e.src)).toEqual(['http://localhost:3000/event.m3u8']);
  });

  it('never makes two players for one embed: repeated scans, events and its own DOM changes', async () => {
    document.body.innerHTML = `${mediaVideojs()}<p><a href="/x.m3u8">x</a></p>`;
    takeover.start();
    takeover.scan(document);
    document.dispatchEvent(new CustomEvent(FILTER_CONTENT_UPDATED, { detail: { nodes: [document.body] } }));
    // Moving the players around the page (e.g. a drag-and-drop course editor) re-inserts them.
    const p = document.createElement('div');
    for (const c of Array.from(document.querySelectorAll(`.${CONTAINER_CLASS}`))) p.appendChild(c);
    document.body.appendChild(p);
    await settle();
    expect(made).toHaveLength(2);
    expect(document.querySelectorAll(`.${CONTAINER_CLASS}`)).toHaveLength(2);
  });

  it('stops observing after stop()', async () => {
    takeover.start();
    takeover.stop();
    document.body.insertAdjacentHTML('beforeend', '<a href="/late.m3u8">late</a>');
    await settle();
    expect(made).toHaveLength(0);
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Watermark, WATERMARK_CLASS } from '../src/watermark.js';

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('Watermark', () => {
  let host: HTMLElement;
  let mark: Watermark;

  beforeEach(() => {
    document.body.innerHTML = '<div id="player" class="video-js"><video></video></div>';
    host = document.getElementById('player')!;
  });
  afterEach(() => {
    mark?.dispose();
    vi.useRealTimers();
  });

  it('draws the text over the player at low opacity, hidden from screen readers and clicks', () => {
    mark = new Watermark(host, { text: 'Ada Lovelace 12345', random: () => 0.5 });
    mark.start();
    const el = host.querySelector<HTMLElement>(`.${WATERMARK_CLASS}`)!;
    expect(el.textContent).toBe('Ada Lovelace 12345');
    expect(el.getAttribute('aria-hidden')).toBe('true');
    expect(Number(el.style.opacity)).toBeLessThan(0.5);
    expect(Number(el.style.opacity)).toBeGreaterThan(0.1);
    expect(el.style.getPropertyValue('pointer-events')).toBe('none');
    expect(el.style.getPropertyPriority('opacity')).toBe('important');
    expect(el.style.left).toBe('33%');
    expect(el.style.top).toBe('40%');
  });

  it('moves every few seconds', () => {
    vi.useFakeTimers();
    const values = [0, 0, 1, 1];
    mark = new Watermark(host, { text: 'x', intervalMs: 4000, random: () => values.shift() ?? 0.5 });
    mark.start();
    const el = mark.element!;
    expect([el.style.left, el.style.top]).toEqual(['3%', '5%']);
    vi.advanceTimersByTime(4000);
    expect([mark.element!.style.left, mark.element!.style.top]).toEqual(['63%', '75%']);
  });

  it('is re-created when removed from the page', async () => {
    mark = new Watermark(host, { text: 'Ada 1' });
    mark.start();
    host.querySelector(`.${WATERMARK_CLASS}`)!.remove();
    await settle();
    const again = host.querySelectorAll(`.${WATERMARK_CLASS}`);
    expect(again).toHaveLength(1);
    expect(again[0]!.textContent).toBe('Ada 1');
    expect(mark.restored).toBe(1);
  });

  it('undoes attempts to hide it (style, hidden, class)', async () => {
    mark = new Watermark(host, { text: 'Ada 1' });
    mark.start();
    const el = mark.element!;
    el.style.setProperty('display', 'none', 'important');
    await settle();
    expect(el.style.display).toBe('block');
    el.style.opacity = '0';
    await settle();
    expect(Number(el.style.opacity)).toBeGreaterThan(0.1);
    el.hidden = true;
    await settle();
    expect(el.hidden).toBe(false);
    el.className = 'x';
    await settle();
    expect(el.className).toBe(WATERMARK_CLASS);
    el.textContent = '';
    await settle();
    expect(host.querySelector(`.${WATERMARK_CLASS}`)!.textContent).toBe('Ada 1');
  });

  it('goes away for good when disposed', async () => {
    mark = new Watermark(host, { text: 'Ada 1' });
    mark.start();
    mark.dispose();
    await settle();
    expect(host.querySelector(`.${WATERMARK_CLASS}`)).toBeNull();
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildControlsLater, EARLY_CHILDREN, LATE_AFTER_MS } from '../src/late-controls.js';
import { videojs, type Player } from '../src/vjs.js';

/** Names of the player's children in DOM order. */
const childNames = (player: Player) => player.children().map((c) => (c as { name?: () => string }).name?.() ?? '');

describe('controls built after the first frame', () => {
  let player: Player;
  let built: number;

  beforeEach(() => {
    vi.useFakeTimers();
    document.body.innerHTML = '<video id="v"></video>';
    player = videojs(document.getElementById('v')!, { children: EARLY_CHILDREN, controls: true });
    built = 0;
    player.on('zoomhls:controls', () => (built += 1));
    buildControlsLater(player, 'Lecture 1', { controlBar: { skipButtons: { forward: 10, backward: 10 } } });
  });
  afterEach(() => {
    player.dispose();
    vi.useRealTimers();
  });

  it('starts without them, and builds them where Video.js puts them at the latest after a second', () => {
    expect(player.getChild('ControlBar')).toBeUndefined();
    expect(player.getChild('TitleBar')).toBeUndefined();
    vi.advanceTimersByTime(LATE_AFTER_MS - 1);
    expect(built).toBe(0);
    vi.advanceTimersByTime(1);
    expect(built).toBe(1);
    const names = childNames(player);
    expect(names.indexOf('TitleBar')).toBe(names.indexOf('TextTrackDisplay') - 1);
    expect(names.indexOf('ControlBar')).toBe(names.indexOf('ErrorDisplay') - 1);
    expect(names.indexOf('TextTrackSettings')).toBe(names.indexOf('ResizeManager') - 1);
    // DOM order follows the component order: the control bar's element sits right before the error display's.
    expect(player.getChild('ControlBar')!.el().nextElementSibling).toBe(player.getChild('ErrorDisplay')!.el());
    // Options reach the children: the skip buttons read their seconds from the player's options.
    expect(player.el().querySelector('.vjs-skip-forward-10')).not.toBeNull();
    expect(player.el().querySelector('.vjs-title-bar-title')?.textContent).toBe('Lecture 1');
    expect((player as unknown as { controlBar: unknown }).controlBar).toBe(player.getChild('ControlBar'));
    vi.advanceTimersByTime(5000);
    expect(built).toBe(1);
  });

  it('builds them at once on an error, and only once', () => {
    player.trigger('error');
    expect(built).toBe(1);
    expect(player.getChild('ControlBar')).toBeDefined();
    vi.advanceTimersByTime(LATE_AFTER_MS);
    player.trigger('error');
    expect(built).toBe(1);
    expect(childNames(player).filter((n) => n === 'ControlBar')).toHaveLength(1);
  });
});

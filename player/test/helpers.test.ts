import { describe, expect, it } from 'vitest';
import { normaliseConfig, DEFAULT_STRINGS } from '../src/config.js';
import { credentialedOrigins, credentialsHook } from '../src/credentials.js';
import { PlayerErrorType } from '../src/errors.js';
import { hotkeyFor, nextRate } from '../src/hotkeys.js';
import { showMessage } from '../src/messages.js';
import { ResumeStore, videoIdFor } from '../src/resume.js';

describe('credentials', () => {
  const origins = credentialedOrigins('https://media.example.edu/cdn', 'https://moodle.example.edu/pluginfile.php/1/a.m3u8');
  const hook = credentialsHook(origins);
  const sent = (uri: string) => hook<{ uri: string; withCredentials?: boolean }>({ uri }).withCredentials;
  it('adds withCredentials for the CDN and the playlist origin only', () => {
    expect(sent('https://media.example.edu/cdn/lectures/k/v/seg_00000.ts')).toBe(true);
    expect(sent('https://moodle.example.edu/pluginfile.php/1/a.m3u8')).toBe(true);
    expect(sent('https://public.example.org/live.m3u8')).toBeUndefined();
    expect(sent('https://media.example.edu:8443/x.ts')).toBeUndefined();
  });
});

describe('config', () => {
  it('fills defaults and keeps the contract fields', () => {
    const c = normaliseConfig({
      cdnBaseUrl: 'https://media.example.edu',
      refresh: { url: 'https://m/lib/ajax/service.php?sesskey=abc', courseId: 12 },
      loginUrl: 'https://m/login/index.php',
      userId: 3,
      watermarkText: null,
      strings: { denied: 'Kein Zugriff', login: '' },
    });
    expect(c.refresh).toEqual({ url: 'https://m/lib/ajax/service.php?sesskey=abc', courseId: 12 });
    expect(c.userId).toBe('3');
    expect(c.watermarkText).toBeNull();
    expect(c.strings.denied).toBe('Kein Zugriff');
    expect(c.strings.login).toBe(DEFAULT_STRINGS.login);
  });
  it('survives garbage', () => {
    const c = normaliseConfig('nope');
    expect(c.refresh).toBeNull();
    expect(c.strings).toEqual(DEFAULT_STRINGS);
  });
});

describe('messages', () => {
  it('session ended shows a log-in link; denied does not', () => {
    document.body.innerHTML = '<div id="p"></div>';
    const host = document.getElementById('p')!;
    const config = normaliseConfig({ loginUrl: 'https://m/login/index.php' });
    const ended = showMessage(host, PlayerErrorType.SESSION_ENDED, config);
    expect(ended.getAttribute('role')).toBe('alert');
    expect(ended.textContent).toContain(DEFAULT_STRINGS.sessionEnded);
    expect(ended.querySelector('a')!.getAttribute('href')).toBe('https://m/login/index.php');
    const denied = showMessage(host, PlayerErrorType.ACCESS_DENIED, config);
    expect(host.querySelectorAll('.zoomhls-message')).toHaveLength(1);
    expect(denied.querySelector('a')).toBeNull();
    expect(denied.dataset['type']).toBe(PlayerErrorType.ACCESS_DENIED);
  });
});

describe('resume', () => {
  it('keys by the video key in the URL, else the path', () => {
    expect(videoIdFor('https://cdn/lectures/abc/0123456789abcdef0123456789ABCDEF/index.m3u8?x=1')).toBe('0123456789abcdef0123456789abcdef');
    expect(videoIdFor('https://m/pluginfile.php/3/a%20b.m3u8?forcedownload=1')).toBe('/pluginfile.php/3/a%20b.m3u8');
  });
  it('stores per user, skips the very start and end', () => {
    localStorage.clear();
    const ada = new ResumeStore(localStorage, '3');
    const bob = new ResumeStore(localStorage, '4');
    ada.set('v', 125.7, 600);
    expect(ada.get('v', 600)).toBe(125);
    expect(bob.get('v', 600)).toBeNull();
    ada.set('v', 2, 600);
    expect(ada.get('v', 600)).toBeNull();
    ada.set('v', 300, 600);
    expect(ada.get('v', 305)).toBeNull(); // near the end of what is there
    ada.set('v', 595, 600);
    expect(ada.get('v', 600)).toBeNull();
  });
});

describe('hotkeys', () => {
  it('maps the usual keys and ignores modified ones', () => {
    expect(hotkeyFor({ key: ' ' })).toEqual({ type: 'toggle-play' });
    expect(hotkeyFor({ key: 'c' })).toEqual({ type: 'captions' });
    expect(hotkeyFor({ key: 'ArrowLeft' })).toEqual({ type: 'seek-by', seconds: -5 });
    expect(hotkeyFor({ key: '5' })).toEqual({ type: 'seek-to-fraction', fraction: 0.5 });
    expect(hotkeyFor({ key: '>' })).toEqual({ type: 'rate-by', step: 1 });
    expect(hotkeyFor({ key: 'f', ctrlKey: true })).toBeNull();
    expect(hotkeyFor({ key: 'x' })).toBeNull();
  });
  it('steps playback rates within 0.5–2', () => {
    expect(nextRate(1, 1)).toBe(1.25);
    expect(nextRate(2, 1)).toBe(2);
    expect(nextRate(0.5, -1)).toBe(0.5);
    expect(nextRate(1.1, -1)).toBe(0.75);
  });
});

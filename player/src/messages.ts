import type { PlayerConfig } from './config.js';
import { PlayerErrorType } from './errors.js';

export const MESSAGE_CLASS = 'zoomhls-message';

/** Message text for each error type (by constant, never by parsing a message). */
export function messageFor(type: PlayerErrorType, config: PlayerConfig): { text: string; loginLink: boolean } {
  switch (type) {
    case PlayerErrorType.SESSION_ENDED:
      return { text: config.strings.sessionEnded, loginLink: !!config.loginUrl };
    case PlayerErrorType.ACCESS_DENIED:
      return { text: config.strings.denied, loginLink: false };
    default:
      return { text: config.strings.unavailable, loginLink: false };
  }
}

/** A plain message over the video (instead of a spinner), announced to screen readers. */
export function showMessage(host: HTMLElement, type: PlayerErrorType, config: PlayerConfig): HTMLElement {
  const doc = host.ownerDocument;
  host.querySelector(`.${MESSAGE_CLASS}`)?.remove();
  const { text, loginLink } = messageFor(type, config);
  const box = doc.createElement('div');
  box.className = MESSAGE_CLASS;
  box.setAttribute('role', 'alert');
  box.dataset['type'] = type;
  const p = doc.createElement('p');
  p.textContent = text;
  box.appendChild(p);
  if (loginLink && config.loginUrl) {
    const a = doc.createElement('a');
    a.href = config.loginUrl;
    a.className = 'zoomhls-login';
    a.textContent = config.strings.login;
    box.appendChild(a);
  }
  host.appendChild(box);
  host.classList.add('zoomhls-has-message');
  return box;
}

// The plugin zip: root folder zoomhls/, literal version.php, no build or test files, player bundle slot.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildZip, pluginFiles } from '../scripts/build-zip.mjs';

describe('plugin zip', () => {
  it('has every plugin file under zoomhls/ and nothing for the build or the tests', () => {
    const entries = unzipSync(buildZip());
    const names = Object.keys(entries).sort();
    expect(names.every((n) => n.startsWith('zoomhls/'))).toBe(true);
    for (const required of ['version.php', 'settings.php', 'lib.php', 'db/events.php', 'db/hooks.php', 'db/services.php',
      'db/tasks.php', 'db/caches.php', 'lang/en/local_zoomhls.php', 'lang/es/local_zoomhls.php',
      'classes/privacy/provider.php', 'classes/external/refresh_access.php', 'testconnection.php']) {
      expect(names).toContain(`zoomhls/${required}`);
    }
    expect(names.filter((n) => /\/(tests|scripts)\/|phpunit\.xml|phpcs\.xml|vitest/.test(n))).toEqual([]);
    expect(names.length).toBe(pluginFiles().length);
  });

  it('has version.php with literal values for local_zoomhls', () => {
    const version = strFromU8(unzipSync(buildZip())['zoomhls/version.php']);
    expect(version).toMatch(/\$plugin->component = 'local_zoomhls';/);
    expect(version).toMatch(/\$plugin->version = \d{10};/);
    expect(version).toMatch(/\$plugin->requires = 2022112800;/); // Moodle 4.1
    expect(version).toMatch(/\$plugin->supported = \[401, 501\];/);
    expect(version).not.toMatch(/\$plugin->\w+ = [^;]*\$(?!plugin)/); // no computed values
  });

  it('ships the player bundle at zoomhls/player/ when given one', () => {
    const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'zoomhls-player-'));
    fs.writeFileSync(path.join(dist, 'zoomhls-player.js'), 'window.ZoomHLS={init(){}};');
    fs.writeFileSync(path.join(dist, 'zoomhls-player.css'), '.zoomhls{}');
    const entries = unzipSync(buildZip({ playerDist: dist }));
    expect(strFromU8(entries['zoomhls/player/zoomhls-player.js'])).toBe('window.ZoomHLS={init(){}};');
    expect(strFromU8(entries['zoomhls/player/zoomhls-player.css'])).toBe('.zoomhls{}');
    fs.rmSync(dist, { recursive: true });
  });
});

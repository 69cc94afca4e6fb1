/* global fetch, setTimeout, window, M */
// Moodle suite: installs the plugin zip into a real Moodle (MOODLE_DIR = an installed Moodle, the
// directory with config.php; Moodle 5.1's public/ layout is handled), starts the real sidecar, and
// drives the plugin through PHP CLI scripts (tests/moodle/fixture.php) against Moodle's own API.
// Without MOODLE_DIR it says why it is skipped.
import { Buffer } from 'node:buffer';
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync } from 'fflate';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildZip } from '../scripts/build-zip.mjs';

const pluginDir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const repoRoot = path.dirname(pluginDir);
// MOODLE_DIR: an installed Moodle. MOODLE_SRC: a Moodle source tree; without a config.php the suite
// installs it first (MariaDB database moodle_zoomhls_suite, recreated; dataroot in the temp dir).
let moodleDir = process.env.MOODLE_DIR || process.env.MOODLE_SRC;
// Moodle 5.1: its public/ folder has a config.php loader too; the installed Moodle is the folder above it.
if (moodleDir && path.basename(path.resolve(moodleDir)) === 'public' && fs.existsSync(path.join(moodleDir, '../admin/cli/upgrade.php'))) {
  moodleDir = path.dirname(path.resolve(moodleDir));
}
if (!moodleDir) {
  console.log(
    'skipped: no Moodle (set MOODLE_DIR=<an installed Moodle 4.1-5.1, the directory with config.php>, or ' +
      'MOODLE_SRC=<a Moodle source tree> to install one with MariaDB at 127.0.0.1, to run the Moodle suite).',
  );
}
// Moodle's environment check wants max_input_vars >= 5000 (Debian's CLI default is 1000).
const PHP = ['-d', 'max_input_vars=5000'];

/** A Moodle CLI script: admin/cli/<name> (also in Moodle 5.1, where the rest of the code is under public/). */
function cliScript(dir, name) {
  const modern = path.join(dir, 'public/admin/cli', name);
  return fs.existsSync(modern) ? modern : path.join(dir, 'admin/cli', name);
}

/** Runs a command without blocking the event loop (vitest's worker must keep answering). */
function runAsync(cmd, args) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout = (stdout + d).slice(-20000)));
    child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-20000)));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** Installs the Moodle source tree in MOODLE_SRC when it has no config.php yet. */
async function installMoodleSrc(dir, port) {
  if (fs.existsSync(path.join(dir, 'config.php'))) return;
  const db = 'moodle_zoomhls_suite';
  const dataroot = path.join(os.tmpdir(), 'zoomhls-moodle-suite-data');
  fs.rmSync(dataroot, { recursive: true, force: true });
  fs.mkdirSync(dataroot, { recursive: true });
  const sql = spawnSync('mariadb', ['-h', '127.0.0.1', '-u', 'root', '-e',
    `DROP DATABASE IF EXISTS ${db}; CREATE DATABASE ${db} DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;`], { encoding: 'utf8' });
  if (sql.status !== 0) throw new Error(`cannot create the MariaDB database for MOODLE_SRC: ${sql.stderr}`);
  const install = await runAsync('php', [...PHP, cliScript(dir, 'install.php'), '--non-interactive', '--agree-license', '--lang=en',
    `--wwwroot=http://127.0.0.1:${port}`, `--dataroot=${dataroot}`, '--dbtype=mariadb', '--dbhost=127.0.0.1', `--dbname=${db}`,
    '--dbuser=root', '--dbpass=', '--fullname=zoomhls suite', '--shortname=zoomhls', '--adminuser=admin', '--adminpass=Admin-1234',
    '--adminemail=admin@example.com']);
  if (install.status !== 0) throw new Error(`Moodle install from MOODLE_SRC failed:\n${install.stdout.slice(-2000)}\n${install.stderr}`);
}

const fixture = path.join(pluginDir, 'tests/moodle/fixture.php');
const playerDist = path.join(repoRoot, 'player/dist');
const secret = crypto.randomBytes(32).toString('hex');
const run = crypto.randomBytes(4).toString('hex');

/** Runs one fixture command and returns its RESULT json plus the raw output. */
function php(command, args = {}) {
  const r = spawnSync('php', [...PHP, fixture, path.join(moodleDir, 'config.php'), command, JSON.stringify(args)], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  const line = (r.stdout ?? '').split('\n').find((l) => l.startsWith('RESULT:'));
  if (!line) throw new Error(`fixture ${command} failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  return { ...JSON.parse(line.slice('RESULT:'.length)), stderr: r.stderr, stdout: r.stdout };
}

function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Runs PHP code in this Moodle (CLI) and returns the last line it prints. */
function moodleEval(code) {
  const r = spawnSync('php', [...PHP, '-r', `define('CLI_SCRIPT', true); require '${path.join(moodleDir, 'config.php')}'; ${code}`], { encoding: 'utf8' });
  return r.stdout.trim().split('\n').pop();
}

function moodleConfigValue(name) {
  const r = spawnSync('php', [...PHP, '-r', `define('CLI_SCRIPT', true); require '${path.join(moodleDir, 'config.php')}'; echo $CFG->${name};`], {
    encoding: 'utf8',
  });
  return r.stdout.trim().split('\n').pop();
}

describe.skipIf(!moodleDir)('Moodle suite (MOODLE_DIR / MOODLE_SRC)', () => {
  let sidecar;
  let sidecarUrl;
  let tmp;
  let hung;
  let ids;
  let hasAccess = false;
  let dataroot;
  let localDir;
  let wwwroot;
  let web;
  let webNote = null;
  let browser;
  const subdir = `zoomhls-test-${run}`;

  /** Installs the zip as an admin would by hand: unzip into local/ (public/local/ on 5.1), run the CLI upgrade. */
  async function installByUnzip() {
    fs.rmSync(path.join(localDir, 'zoomhls'), { recursive: true, force: true });
    for (const [name, bytes] of Object.entries(unzipSync(buildZip({ playerDist })))) {
      const target = path.join(localDir, name);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, bytes);
    }
    const upgrade = await runAsync('php', [...PHP, cliScript(moodleDir, 'upgrade.php'), '--non-interactive']);
    if (upgrade.status !== 0) throw new Error(`upgrade.php failed:\n${upgrade.stdout}\n${upgrade.stderr}`);
    spawnSync('php', [...PHP, cliScript(moodleDir, 'purge_caches.php')]);
  }

  /** The plugin settings the tests start from (set again after the plugin is reinstalled). */
  function configure() {
    php('config', { timeout: 10, sidecarurl: sidecarUrl, sharedsecret: secret, accessmode: 'course', cdnbaseurl: `${sidecarUrl}/media`, repositorysubdir: subdir });
  }

  /** One Chromium for the browser tests, started by the first test that needs it. */
  async function getBrowser() {
    browser ??= await chromium.launch({
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    return browser;
  }

  /** Runs `visit` in a fresh browser context logged in as a temporary site admin, then removes the admin. */
  async function asSiteAdmin(visit) {
    const admin = `siteadmin-${run}`;
    php('siteadmin', { username: admin });
    const adminContext = await (await getBrowser()).newContext();
    try {
      const p = await adminContext.newPage();
      await p.goto(`${wwwroot}/login/index.php`);
      await p.waitForLoadState('networkidle');
      await p.fill('#username', admin);
      await p.fill('#password', 'Pass-1234-word');
      await Promise.all([p.waitForNavigation(), p.click('#loginbtn')]);
      await visit(p);
    } finally {
      await adminContext.close();
      php('siteadmin', { username: admin, remove: true });
    }
  }

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zoomhls-moodle-'));
    if (!process.env.MOODLE_DIR) await installMoodleSrc(moodleDir, await freePort());
    // 1. Install the zip as an admin would: unzip into local/ and run the CLI upgrade.
    localDir = fs.existsSync(path.join(moodleDir, 'public/local')) ? path.join(moodleDir, 'public/local') : path.join(moodleDir, 'local');
    // The zip ships the player bundle (the browser tests need it): build it when it is not there yet.
    if (!fs.existsSync(path.join(playerDist, 'zoomhls-player.js'))) {
      const built = await runAsync('pnpm', ['--dir', repoRoot, 'run', 'build:player']);
      if (built.status !== 0) throw new Error(`pnpm run build:player failed:\n${built.stdout}\n${built.stderr}`);
    }
    await installByUnzip();
    dataroot = moodleConfigValue('dataroot');
    wwwroot = moodleConfigValue('wwwroot');

    // 2. The real sidecar, with the shared secret and this Moodle's origin.
    const port = await freePort();
    sidecarUrl = `http://127.0.0.1:${port}`;
    sidecar = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'serve'], {
      cwd: path.join(repoRoot, 'sidecar'),
      env: {
        ...process.env,
        ZOOMHLS_PORT: String(port),
        ZOOMHLS_HOST: '127.0.0.1',
        ZOOMHLS_DATABASE_URL: `sqlite:${path.join(tmp, 'zoomhls.sqlite')}`,
        ZOOMHLS_MEDIA_DIR: path.join(tmp, 'media'),
        ZOOMHLS_REPOSITORY_DIR: path.join(dataroot, 'repository', subdir),
        ZOOMHLS_CDN_BASE_URL: `${sidecarUrl}/media`,
        ZOOMHLS_MOODLE_SECRET: secret,
        ZOOMHLS_MOODLE_ORIGINS: new URL(wwwroot).origin,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    sidecar.stdout.on('data', (d) => (log += d));
    sidecar.stderr.on('data', (d) => (log += d));
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`${sidecarUrl}/healthz`)).status < 500) break;
      } catch {
        /* not up yet */
      }
      if (i > 150) throw new Error(`sidecar did not start:\n${log}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    const probe = await fetch(`${sidecarUrl}/v1/access`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    hasAccess = probe.status !== 404;
    if (!hasAccess) console.log('note: this sidecar has no POST /v1/access yet; the tests that need cookies from it are skipped.');

    // A "sidecar" that accepts connections and never answers: a hung process.
    hung = net.createServer(() => {}).listen(0, '127.0.0.1');
    await new Promise((r) => hung.once('listening', r));

    // Moodle over HTTP for the browser tests: the wwwroot if something answers there, else PHP's
    // built-in server on the wwwroot's loopback port.
    const answers = async () => {
      try {
        return (await fetch(`${wwwroot}/login/index.php`)).status === 200;
      } catch {
        return false;
      }
    };
    if (!(await answers())) {
      const u = new URL(wwwroot);
      if (!['127.0.0.1', 'localhost'].includes(u.hostname) || u.pathname.replace(/\/$/, '') !== '') {
        webNote = `Moodle's wwwroot ${wwwroot} does not answer and is not a loopback root URL PHP's built-in server could serve`;
      } else {
        const docroot = fs.existsSync(path.join(moodleDir, 'public/index.php')) ? path.join(moodleDir, 'public') : moodleDir;
        web = spawn('php', [...PHP, '-S', `${u.hostname}:${u.port || 80}`, '-t', docroot], { stdio: 'ignore' });
        for (let i = 0; i < 50 && !(await answers()); i++) await new Promise((r) => setTimeout(r, 200));
        if (!(await answers())) webNote = `PHP's built-in server did not serve ${wwwroot}`;
      }
    }
    if (webNote) console.log(`note: browser tests skipped: ${webNote}.`);

    // A generous timeout while the whole test command loads the machine; the hung-sidecar test sets
    // the default 2 s to check the bound on login time.
    configure();
    ids = php('setup', { run });
  });

  afterAll(async () => {
    await browser?.close();
    web?.kill();
    sidecar?.kill();
    hung?.close();
    if (dataroot) fs.rmSync(path.join(dataroot, 'repository', subdir), { recursive: true, force: true });
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
    if (moodleDir && sidecarUrl) php('config', { sidecarurl: '', timeout: 2 });
  });

  // First in the file: it takes the plugin out and puts it back through the web UI, and leaves it
  // installed and configured as beforeAll did for the tests after it.
  it('installs through Site administration > Plugins > Install plugins: the zip uploaded, validated and installed in the browser', async (ctx) => {
    if (webNote) return ctx.skip();
    if (moodleEval("echo empty($CFG->disableupdateautodeploy) ? 0 : 1;") === '1') {
      console.log('note: $CFG->disableupdateautodeploy is set in this Moodle: its Install plugins page is disabled, the test is skipped.');
      return ctx.skip();
    }
    // What `pnpm build:plugin` releases: dist/local_zoomhls.zip.
    const zipPath = path.join(repoRoot, 'dist/local_zoomhls.zip');
    const built = await runAsync(process.execPath, [path.join(pluginDir, 'scripts/build-zip.mjs')]);
    if (built.status !== 0) throw new Error(`pnpm build:plugin failed:\n${built.stdout}\n${built.stderr}`);
    const zipEntries = unzipSync(fs.readFileSync(zipPath));
    const zipVersion = /\$plugin->version = (\d{10});/.exec(Buffer.from(zipEntries['zoomhls/version.php']).toString())[1];
    const pluginDirInMoodle = path.join(localDir, 'zoomhls');
    const localMode = fs.statSync(localDir).mode & 0o7777;

    await asSiteAdmin(async (p) => {
      p.setDefaultTimeout(120_000);
      /** Runs one step of the web installation; on failure says which step, where, and what Moodle showed. */
      const step = async (name, fn) => {
        try {
          return await fn();
        } catch (e) {
          const shown = await p
            .locator('.alert-danger, .errorbox, .errormessage, .moodle-exception-message, .error, .fp-msg-error, .moodle-dialogue-base:visible .moodle-dialogue-bd')
            .allInnerTexts()
            .then((texts) => texts.map((t) => t.trim()).filter(Boolean))
            .catch(() => []);
          const body = shown.length ? '' : `\npage text: ${((await p.locator('body').innerText().catch(() => '')) || '').replace(/\s+/g, ' ').slice(0, 1500)}`;
          throw new Error(`Install plugins, ${name}: ${e.message.split('\n')[0]}\nat ${p.url()}${shown.length ? `\nMoodle says: ${shown.join(' | ')}` : ''}${body}`, { cause: e });
        }
      };
      const submit = (locator) => Promise.all([p.waitForNavigation({ waitUntil: 'load' }), locator.click()]);

      try {
        // The web installer writes into local/ as the web server's user: ask the web server itself
        // (the permission check the Install plugins page runs). This suite's PHP built-in server runs
        // as the user running the tests; another server may need the folder opened for the run.
        const permcheck = async () =>
          p.evaluate(async () => (await fetch(`${M.cfg.wwwroot}/admin/tool/installaddon/permcheck.php?plugintype=local&sesskey=${M.cfg.sesskey}`)).json());
        await p.goto(`${wwwroot}/admin/tool/installaddon/index.php`);
        let perm = await step('permission check', permcheck);
        if (!perm.writable) {
          try {
            fs.chmodSync(localDir, localMode | 0o777);
          } catch (e) {
            throw new Error(`the web server at ${wwwroot} cannot write to ${perm.path} and this user cannot open it for the run (${e.code}): the web installer cannot put the plugin there`, { cause: e });
          }
          perm = await step('permission check', permcheck);
          if (!perm.writable) throw new Error(`the web server at ${wwwroot} cannot write to ${perm.path} even after chmod 777: the web installer cannot put the plugin there`);
        }
        expect(fs.realpathSync(perm.path)).toBe(fs.realpathSync(localDir));

        // Take the installed copy out: uninstall from the database, remove its folder.
        const uninstall = await runAsync('php', [...PHP, cliScript(moodleDir, 'uninstall_plugins.php'), '--plugins=local_zoomhls', '--run']);
        if (uninstall.status !== 0 || !/Success/.test(uninstall.stdout)) throw new Error(`uninstall_plugins.php failed:\n${uninstall.stdout}\n${uninstall.stderr}`);
        fs.rmSync(pluginDirInMoodle, { recursive: true, force: true });
        spawnSync('php', [...PHP, cliScript(moodleDir, 'purge_caches.php')]);
        expect(moodleEval("echo json_encode(get_config('local_zoomhls', 'version'));")).toBe('false');

        // 1. The Install plugins page: the zip through the file picker's "Upload a file" repository.
        await step('upload page', async () => {
          await p.goto(`${wwwroot}/admin/tool/installaddon/index.php`);
          await p.locator('#fitem_id_zipfile .fp-btn-choose').click();
          const picker = p.locator('.file-picker.fp-generallayout').filter({ visible: true });
          await picker.waitFor();
          await picker.locator('.fp-repo-area .fp-repo', { hasText: 'Upload a file' }).click();
          await picker.locator('.fp-upload-form input[type=file][name=repo_upload_file]').setInputFiles(zipPath);
          await picker.locator('.fp-upload-btn').click();
          await picker.waitFor({ state: 'hidden' });
          await expect.poll(() => p.locator('#fitem_id_zipfile .filepicker-filename').innerText(), { timeout: 30_000 }).toContain('local_zoomhls.zip');
          await submit(p.locator('#id_submitbutton'));
        });
        // 2. The validation page: "Validation successful", Continue (the "Install plugin!" confirmation).
        await step('validation page', async () => {
          await p.locator('pre.plugin-install-console').waitFor();
          const validation = await p.locator('pre.plugin-install-console').innerText();
          expect(validation).toMatch(/Validating local_zoomhls \.\.\. OK/);
          expect(validation).toMatch(/Validation successful, installation can continue/);
          await submit(p.locator('.plugins-management-confirm-buttons .continue [type=submit]'));
        });
        // 3. admin/index.php: the release and environment page (Continue), then the Plugins check page.
        await step('release page', async () => {
          const release = p.locator('form:has(input[name=confirmrelease]) [type=submit]');
          if (await release.count()) await submit(release);
        });
        await step('plugins check page', async () => {
          const row = p.locator('tr', { hasText: '/local/zoomhls' });
          await row.waitFor();
          expect(await row.innerText()).toMatch(new RegExp(`${zipVersion}[\\s\\S]*To be installed`));
          await submit(p.getByRole('button', { name: 'Upgrade Moodle database now' }));
        });
        // 4. The upgrade: local_zoomhls, Success; Continue.
        await step('upgrade page', async () => {
          expect((await p.locator('body').innerText()).replace(/\s+/g, ' ')).toMatch(/local_zoomhls Success/);
          await submit(p.getByRole('button', { name: 'Continue' }));
        });
        // 5. New settings: the plugin's settings with their defaults, saved as an admin would.
        await step('new settings page', async () => {
          expect(new URL(p.url()).pathname).toBe('/admin/upgradesettings.php');
          expect(await p.locator('[name="s_local_zoomhls_sidecarurl"]').count()).toBe(1);
          await submit(p.locator('form#adminsettings [type=submit]'));
          // Moodle 4.1 test copies may still list a core setting they never saved; none of the plugin's.
          expect(await p.locator('[name^="s_local_zoomhls_"]').count()).toBe(0);
        });

        // Installed: the zip's version in config_plugins, its files in local/zoomhls where Moodle loads it from.
        expect(moodleEval("echo get_config('local_zoomhls', 'version');")).toBe(zipVersion);
        expect(fs.realpathSync(moodleEval("echo core_component::get_component_directory('local_zoomhls');"))).toBe(fs.realpathSync(pluginDirInMoodle));
        for (const [name, bytes] of Object.entries(zipEntries)) {
          if (name.endsWith('/')) continue;
          const file = path.join(localDir, name);
          expect(fs.existsSync(file), `${file} missing`).toBe(true);
          expect(Buffer.compare(fs.readFileSync(file), Buffer.from(bytes)), `${file} differs from the zip`).toBe(0);
        }
      } finally {
        if ((fs.statSync(localDir).mode & 0o7777) !== localMode) fs.chmodSync(localDir, localMode);
        // Whatever happened, the tests after this one get the plugin installed and configured.
        const installed = fs.existsSync(path.join(pluginDirInMoodle, 'version.php')) && moodleEval("echo get_config('local_zoomhls', 'version');") === zipVersion;
        if (!installed) await installByUnzip();
        configure();
      }
    });
  }, 300_000);

  it('installed: the plugin version is in the database, from the folder this Moodle loads local plugins from', () => {
    const version = spawnSync('php', [...PHP, '-r', `define('CLI_SCRIPT', true); require '${path.join(moodleDir, 'config.php')}'; echo get_config('local_zoomhls', 'version');`], { encoding: 'utf8' });
    expect(version.stdout.trim().split('\n').pop()).toMatch(/^\d{10}$/);
    // Moodle 5.1 keeps plugins under public/: the zip must have gone where core_component looks.
    const dir = spawnSync('php', [...PHP, '-r', `define('CLI_SCRIPT', true); require '${path.join(moodleDir, 'config.php')}'; echo core_component::get_component_directory('local_zoomhls');`], { encoding: 'utf8' });
    expect(fs.realpathSync(dir.stdout.trim().split('\n').pop())).toBe(fs.realpathSync(path.join(localDir, 'zoomhls')));
  });

  it('login: the sidecar is called and the cookies of the student\'s course come back as session cookies', (ctx) => {
    if (!hasAccess) return ctx.skip();
    const r = php('login', { username: ids.student });
    expect(r.sidecarcalls).toBe(1);
    expect(r.emitted.length).toBeGreaterThanOrEqual(3);
    for (const h of r.emitted) {
      expect(h).toMatch(/^CloudFront-(Policy|Signature|Key-Pair-Id|Hash-Algorithm)=[^;]+; Path=\/\S*; /);
      expect(h).toMatch(/; HttpOnly; SameSite=Lax$/);
      expect(h).not.toMatch(/Expires|Max-Age/i);
    }
    expect(Object.keys(r.session)).toEqual([`course:${ids.courseA}`]);
  });

  it('logout: every cookie set at login is expired', (ctx) => {
    if (!hasAccess) return ctx.skip();
    const r = php('loginlogout', { username: ids.student });
    expect(r.loggedin).toBe(false);
    const setKeys = r.set.map((h) => h.split(';').slice(0, 1)[0].split('=')[0] + '|' + /Path=([^;]+)/.exec(h)[1]).sort();
    const expiredKeys = r.emitted.map((h) => h.split('=')[0] + '|' + /Path=([^;]+)/.exec(h)[1]).sort();
    expect(expiredKeys).toEqual(setKeys);
    for (const h of r.emitted) expect(h).toMatch(/=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; /);
  });

  it('a sidecar that is down or hung never blocks a login for more than ~2 s, and the failure is logged', () => {
    php('config', { timeout: 2, sidecarurl: `http://127.0.0.1:${hung.address().port}` });
    try {
      const r = php('login', { username: ids.student });
      expect(r.sidecarcalls).toBe(1);
      expect(r.emitted).toEqual([]);
      expect(r.ms).toBeLessThan(3000);
      expect(r.stderr + r.stdout).toMatch(/local_zoomhls: no CloudFront cookies for user \d+ \(course:\d+\): unreachable/);
      php('config', { sidecarurl: 'http://127.0.0.1:9' });
      const refused = php('login', { username: ids.student });
      expect(refused.emitted).toEqual([]);
      expect(refused.ms).toBeLessThan(2000);
    } finally {
      php('config', { timeout: 10, sidecarurl: sidecarUrl });
    }
  });

  it('login-as: the sidecar is asked for the target user\'s courses, not the admin\'s', (ctx) => {
    const r = php('loginas', { username: ids.student });
    expect(r.sidecarcalls).toBe(1);
    expect(r.stderr + r.stdout).not.toMatch(/Exception encountered in event observer/);
    if (!hasAccess) {
      expect(r.stderr).toMatch(new RegExp(`no CloudFront cookies for user ${r.userid} \\(course:${ids.courseA}\\)`));
      return ctx.skip();
    }
    expect(Object.keys(r.session)).toEqual([`course:${ids.courseA}`]);
    expect(r.emitted.some((h) => h.startsWith('CloudFront-Policy='))).toBe(true);
  });

  it('with tool_mfa on, the cookies come after the second factor, not at the first', (ctx) => {
    const r = php('mfa', { username: ids.student });
    if (r.nomfa) return ctx.skip(); // Moodle 4.1/4.2 have no tool_mfa in core.
    expect(r.afterlogin).toBe(0);
    expect(r.aftermfa).toBe(1);
    if (!hasAccess) return ctx.skip();
    expect(Object.keys(r.session)).toEqual([`course:${ids.courseA}`]);
    expect(r.emitted.some((h) => h.startsWith('CloudFront-Policy='))).toBe(true);
  });

  it('privacy: declares the user id sent to the sidecar as an external location, and is compliant', () => {
    const r = php('privacy');
    expect(r.compliant).toBe(true);
    expect(r.items).toEqual([
      expect.objectContaining({ type: 'core_privacy\\local\\metadata\\types\\external_location', name: 'sidecar', fields: ['userid', 'courseids'] }),
    ]);
  });

  it('a user in no course gets no token request and no cookies at login (course mode)', () => {
    const r = php('login', { username: ids.outsider });
    expect(r.sidecarcalls).toBe(0);
    expect(r.emitted).toEqual([]);
  });

  it('refresh_access refuses a user who cannot view the course: ok=false, no sidecar call, no cookies', () => {
    const r = php('refresh', { username: ids.outsider, courseid: ids.courseA });
    expect(r.response.error).toBe(false);
    expect(r.response.data).toEqual({ ok: false, expiresAt: 0 });
    expect(r.sidecarcalls).toBe(0);
    expect(r.emitted).toEqual([]);
  });

  it('refresh_access gives an enrolled student fresh cookies for the course', (ctx) => {
    const r = php('refresh', { username: ids.student, courseid: ids.courseA });
    expect(r.response.error).toBe(false);
    expect(r.sidecarcalls).toBe(1);
    if (!hasAccess) return ctx.skip();
    expect(r.response.data.ok).toBe(true);
    expect(r.response.data.expiresAt).toBeGreaterThan(Date.now() / 1000);
    expect(r.emitted.some((h) => h.startsWith('CloudFront-Signature='))).toBe(true);
  });

  it('the test connection checks say in plain words what works', () => {
    const { checks } = php('check');
    const byName = Object.fromEntries(checks.map((c) => [c.name, c]));
    expect(byName.settings.ok).toBe(true);
    expect(byName.healthz.ok).toBe(true);
    expect(byName.access.ok).toBe(hasAccess);
    if (!hasAccess) expect(byName.access.message).toMatch(/no \/v1\/access endpoint/);
    php('config', { sharedsecret: 'x'.repeat(40) });
    try {
      const wrong = Object.fromEntries(php('check').checks.map((c) => [c.name, c]));
      expect(wrong.access.ok).toBe(false);
      if (hasAccess) expect(wrong.access.message).toMatch(/shared secret here differs/);
    } finally {
      php('config', { sharedsecret: secret });
    }
    php('config', { sidecarurl: 'http://127.0.0.1:9' });
    try {
      const down = Object.fromEntries(php('check').checks.map((c) => [c.name, c]));
      expect(down.healthz.ok).toBe(false);
      expect(down.healthz.message).toMatch(/^Could not reach the sidecar at http:\/\/127\.0\.0\.1:9/);
    } finally {
      php('config', { sidecarurl: sidecarUrl });
    }
    php('config', { cookiedomain: '.elsewhere.example' });
    try {
      const domain = Object.fromEntries(php('check').checks.map((c) => [c.name, c]));
      expect(domain.cookiedomain.ok).toBe(false);
      expect(domain.cookiedomain.message).toMatch(/does not contain this site's host/);
    } finally {
      php('config', { cookiedomain: '' });
    }
  });

  it('the repository task makes one course-context File system instance per course folder; each course sees only its own', () => {
    const root = path.join(dataroot, 'repository', subdir);
    for (const id of [ids.courseA, ids.courseB, 999999]) fs.mkdirSync(path.join(root, `course-${id}`), { recursive: true });
    fs.writeFileSync(path.join(root, `course-${ids.courseA}`, '2026-01-02 0900 Lecture A.m3u8'), '#EXTM3U\n');
    fs.writeFileSync(path.join(root, `course-${ids.courseB}`, '2026-01-03 1000 Lecture B.m3u8'), '#EXTM3U\n');
    const first = php('sync', { enabletype: true });
    const mine = first.instances.filter((i) => i.fspath.startsWith(`${subdir}/`));
    expect(mine.map((i) => [i.courseid, i.fspath, i.contextlevel, i.name]).sort()).toEqual(
      [
        [ids.courseA, `${subdir}/course-${ids.courseA}`, 50, 'Zoom recordings'],
        [ids.courseB, `${subdir}/course-${ids.courseB}`, 50, 'Zoom recordings'],
      ].sort(),
    );
    expect(first.stdout).toMatch(/folders without a course \[999999\]/);
    // Idempotent.
    const second = php('sync', {});
    expect(second.instances.filter((i) => i.fspath.startsWith(`${subdir}/`))).toHaveLength(2);
    // The teacher of course A sees course A's playlist and not course B's.
    const listing = php('listing', { username: ids.teacher, courseid: ids.courseA });
    const files = listing.repositories.filter((r) => r.name === 'Zoom recordings').flatMap((r) => r.files);
    expect(listing.repositories.filter((r) => r.name === 'Zoom recordings')).toHaveLength(1);
    expect(files).toEqual(['2026-01-02 0900 Lecture A.m3u8']);
    // Not in course B: course B's instance is not offered to them.
    const other = php('listing', { username: ids.teacher, courseid: ids.courseB });
    expect(other.repositories.filter((r) => r.name === 'Zoom recordings').flatMap((r) => r.files)).toEqual([]);
  });

  it('the player bundle is added once to a page with .m3u8 media, with this user\'s settings, and not to other pages', () => {
    php('config', { watermark: 1, watermarktemplate: '{fullname} {idnumber}' });
    const withMedia = php('pageplayer', {
      username: ids.student,
      courseid: ids.courseA,
      body: '<a href="https://x/pluginfile.php/1/mod_page/content/1/a.m3u8">a</a><a href="/b.m3u8">b</a>',
    });
    expect(withMedia.playerTags).toBe(1);
    expect(withMedia.init.refresh.courseId).toBe(ids.courseA);
    expect(withMedia.init.refresh.url).toMatch(/\/lib\/ajax\/service\.php\?sesskey=\w+&info=local_zoomhls_refresh_access$/);
    expect(withMedia.init.cdnBaseUrl).toBe(`${sidecarUrl}/media`);
    expect(withMedia.init.watermarkText).toBe(`Test ${ids.student} ID-${ids.student}`);
    expect(withMedia.init.loginUrl).toMatch(/\/login\/index\.php$/);
    const without = php('pageplayer', { username: ids.student, courseid: ids.courseA, body: '<p>No video here</p>' });
    expect(without.playerTags).toBe(0);
  });

  describe('in Chromium, through Moodle over HTTP', () => {
    let context;
    let page;
    beforeAll(async () => {
      if (webNote) return;
      php('sectionsummary', {
        courseid: ids.courseA,
        html: `<p><a href="${sidecarUrl}/media/zoomhls/x/y/master.m3u8">Lecture 1</a></p>`,
      });
      context = await (await getBrowser()).newContext();
      page = await context.newPage();
      page.setDefaultTimeout(60_000);
      await page.goto(`${wwwroot}/login/index.php`);
      // Let the login page's own AJAX calls finish first: PHP's one-request-at-a-time server would
      // otherwise interleave their session writes with the form post and lose the login token.
      await page.waitForLoadState('networkidle');
      await page.fill('#username', ids.student);
      await page.fill('#password', 'Pass-1234-word');
      await Promise.all([page.waitForNavigation(), page.click('#loginbtn')]);
    });

    it('the student is logged in; with /v1/access the CloudFront cookies exist, HttpOnly, for course A only', async (ctx) => {
      if (webNote) return ctx.skip();
      const errors = await page.locator('.alert, #loginerrormessage').allTextContents();
      expect(new URL(page.url()).pathname, errors.join(' | ')).toBe('/my/');
      expect(await page.evaluate(() => window.M?.cfg?.sesskey?.length > 0)).toBe(true);
      if (!hasAccess) return ctx.skip();
      const cf = (await context.cookies()).filter((c) => c.name.startsWith('CloudFront-'));
      expect(cf.length).toBeGreaterThanOrEqual(3);
      for (const c of cf) {
        expect(c.httpOnly).toBe(true);
        expect(c.sameSite).toBe('Lax');
        expect(c.expires).toBe(-1); // session cookie
      }
      expect(new Set(cf.map((c) => c.path)).size, JSON.stringify(cf.map((c) => [c.name, c.path, c.domain]))).toBe(1);
    });

    it('the course page with a playlist link loads the player bundle once and starts it; the dashboard does not', async (ctx) => {
      if (webNote) return ctx.skip();
      await page.goto(`${wwwroot}/course/view.php?id=${ids.courseA}`);
      expect(await page.locator('script[src$="/local/zoomhls/player/zoomhls-player.js"]').count()).toBe(1);
      expect(await page.locator('link[href$="/local/zoomhls/player/zoomhls-player.css"]').count()).toBe(1);
      expect(await page.evaluate(() => typeof window.ZoomHLS?.init)).toBe('function');
      await page.goto(`${wwwroot}/my/`);
      expect(await page.locator('script[src*="zoomhls-player"]').count()).toBe(0);
    });

    it('the AJAX refresh (sesskey, real service.php) answers ok=false for a course the student is not in', async (ctx) => {
      if (webNote) return ctx.skip();
      const call = (courseid) =>
        page.evaluate(async (courseid) => {
          const res = await fetch(`${M.cfg.wwwroot}/lib/ajax/service.php?sesskey=${M.cfg.sesskey}&info=local_zoomhls_refresh_access`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            credentials: 'same-origin',
            body: JSON.stringify([{ index: 0, methodname: 'local_zoomhls_refresh_access', args: { courseid } }]),
          });
          return res.json();
        }, courseid);
      expect(await call(ids.courseB)).toEqual([{ error: false, data: { ok: false, expiresAt: 0 } }]);
      const own = await call(ids.courseA);
      expect(own[0].error).toBe(false);
      expect(own[0].data.ok).toBe(hasAccess);
    });

    it('a new enrolment during the session: opening that course page sets its cookies on that request', async (ctx) => {
      if (webNote || !hasAccess) return ctx.skip();
      const paths = async () => new Set((await context.cookies()).filter((c) => c.name === 'CloudFront-Policy').map((c) => c.path));
      const before = await paths();
      php('enrol', { username: ids.student, courseid: ids.courseB });
      await page.goto(`${wwwroot}/course/view.php?id=${ids.courseB}`);
      const after = await paths();
      expect(after.size).toBe(before.size + 1);
      for (const p of before) expect(after.has(p)).toBe(true);
    });

    it('the settings page shows the plugin settings and the Test connection link', async (ctx) => {
      if (webNote) return ctx.skip();
      await asSiteAdmin(async (p) => {
        await p.goto(`${wwwroot}/admin/settings.php?section=local_zoomhls`);
        for (const name of ['sidecarurl', 'timeout', 'sharedsecret', 'cdnbaseurl', 'cookiedomain', 'repositorysubdir']) {
          expect(await p.locator(`[name="s_local_zoomhls_${name}"]`).count(), name).toBe(1);
        }
        expect(await p.locator('a[href$="/local/zoomhls/testconnection.php"]').count()).toBeGreaterThanOrEqual(1);
        expect(await p.locator('.alert-danger, .errorbox').count()).toBe(0);
      });
    });

    it('the Test connection admin page shows each check in plain words', async (ctx) => {
      if (webNote) return ctx.skip();
      await asSiteAdmin(async (p) => {
        await p.goto(`${wwwroot}/local/zoomhls/testconnection.php`);
        const rows = await p.locator('table tbody tr').allInnerTexts();
        expect(rows.find((r) => r.startsWith('Sidecar health'))).toMatch(/OK\s+The sidecar is up and healthy\./);
        expect(rows.find((r) => r.startsWith('Cookies from /v1/access'))).toMatch(hasAccess ? /OK\s+The sidecar gave \d+ cookies valid until/ : /Problem/);
        expect(rows.find((r) => r.startsWith('Cookie domain'))).toMatch(/OK\s+No cookie domain/);
      });
    });

    it('the Import status page lists the sidecar queue and retries a failed recording', async (ctx) => {
      if (webNote || !hasAccess) return ctx.skip();
      // A failed import in the sidecar's queue: an empty file fails at once (MEDIA_INVALID).
      const empty = path.join(tmp, 'empty-lecture.mp4');
      fs.writeFileSync(empty, '');
      const imported = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts', 'import', empty, '--course', String(ids.courseA), '--topic', `Broken ${run}`], {
        cwd: path.join(repoRoot, 'sidecar'),
        env: { ...process.env, ZOOMHLS_DATABASE_URL: `sqlite:${path.join(tmp, 'zoomhls.sqlite')}`, ZOOMHLS_MEDIA_DIR: path.join(tmp, 'media'), ZOOMHLS_DATA_DIR: tmp },
        encoding: 'utf8',
      });
      expect(imported.status, imported.stderr).toBe(1);
      await asSiteAdmin(async (p) => {
        await p.goto(`${wwwroot}/local/zoomhls/status.php`);
        const row = p.locator('table tbody tr', { hasText: `Broken ${run}` });
        expect(await row.innerText()).toMatch(/failed[\s\S]*MEDIA_INVALID/);
        await Promise.all([p.waitForNavigation(), row.locator('button, input[type=submit]').first().click()]);
        expect(await p.content()).toMatch(/Recording \d+ is queued again\./);
      });
    });

    it('logout removes the CloudFront cookies', async (ctx) => {
      if (webNote || !hasAccess) return ctx.skip();
      const sesskey = await page.evaluate(() => M.cfg.sesskey);
      await page.goto(`${wwwroot}/login/logout.php?sesskey=${sesskey}`);
      expect((await context.cookies()).filter((c) => c.name.startsWith('CloudFront-'))).toEqual([]);
    });
  });
});

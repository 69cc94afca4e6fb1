#!/usr/bin/env node
// Runs every suite that can run on this machine and prints one total line at the end:
// "N passed, N failed, N skipped". Suites that cannot run here say why they were skipped.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const totals = { passed: 0, failed: 0, skipped: 0 };
let broken = false;

function section(title) {
  console.log(`\n=== ${title} ===`);
}

// 1. Vitest: sidecar (unit + integration on SQLite, MariaDB, s3rver, ffmpeg), the e2e suites, and the
// Moodle plugin's node-side tests (zip, PHP 7.4 syntax via php-parser, the Moodle suite with MOODLE_DIR).
section('vitest (sidecar, player, test, moodle-plugin)');
if (!process.env.ZOOMHLS_TEST_MYSQL_URL) {
  console.log('note: ZOOMHLS_TEST_MYSQL_URL is not set, so the MariaDB/MySQL runs of the DB suites are skipped (.ci/run sets it).');
}
const results = path.join(root, '.vitest-results.json');
fs.rmSync(results, { force: true });
const vitest = spawnSync(
  process.execPath,
  [path.join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${results}`],
  { cwd: root, stdio: 'inherit', env: process.env },
);
if (fs.existsSync(results)) {
  const r = JSON.parse(fs.readFileSync(results, 'utf8'));
  totals.passed += r.numPassedTests;
  totals.failed += r.numFailedTests;
  totals.skipped += r.numPendingTests + r.numTodoTests;
  if (r.numTotalTests === 0) {
    console.log('vitest ran no tests: that is a failure, not a pass.');
    broken = true;
  }
  // A suite that failed to load counts as a failure even if no test inside it ran.
  const failedSuites = r.testResults.filter((t) => t.status === 'failed' && t.assertionResults.every((a) => a.status !== 'failed'));
  totals.failed += failedSuites.length;
} else {
  console.log('vitest wrote no results file');
  broken = true;
}
if (vitest.status !== 0 && totals.failed === 0) broken = true;

// 2. PHP: the Moodle plugin's syntax on every PHP file, its pure classes (Debian phpunit) and its
// style (Debian phpcs with moodle-plugin/phpcs.xml). The Moodle suite itself is a vitest project
// (moodle-plugin/tests/moodle.test.mjs) that runs only when MOODLE_DIR or MOODLE_SRC is set; PHP 7.4
// syntax (Debian's php is 8.2) is checked there too (moodle-plugin/tests/php74.test.mjs).
section('php (moodle-plugin: php -l, phpunit, phpcs)');
runPhpSection();

function have(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).status === 0;
}

function phpFiles(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...phpFiles(full));
    else if (entry.name.endsWith('.php')) out.push(full);
  }
  return out.sort();
}

function runPhpSection() {
  const pluginDir = path.join(root, 'moodle-plugin');
  if (!fs.existsSync(pluginDir)) return;
  const files = phpFiles(pluginDir);
  if (!have('php')) {
    console.log(`skipped: php is not installed (apt-get install php-cli phpunit php-codesniffer); ${files.length} PHP files not checked.`);
    totals.skipped += files.length;
    return;
  }
  // php -l: one check per file.
  let lintFailed = 0;
  for (const file of files) {
    const r = spawnSync('php', ['-l', file], { encoding: 'utf8' });
    if (r.status !== 0) {
      lintFailed += 1;
      console.log(`FAIL php -l ${path.relative(root, file)}\n${r.stdout}${r.stderr}`);
    }
  }
  console.log(`php -l: ${files.length - lintFailed} of ${files.length} files OK`);
  totals.passed += files.length - lintFailed;
  totals.failed += lintFailed;

  // phpunit: counts from its JUnit log.
  if (have('phpunit')) {
    const junit = path.join(root, '.phpunit-results.xml');
    fs.rmSync(junit, { force: true });
    const r = spawnSync('phpunit', ['-c', path.join(pluginDir, 'phpunit.xml'), '--log-junit', junit], {
      cwd: pluginDir,
      encoding: 'utf8',
    });
    process.stdout.write(r.stdout + r.stderr);
    if (fs.existsSync(junit)) {
      const tag = /<testsuite [^>]*>/.exec(fs.readFileSync(junit, 'utf8'))?.[0] ?? '';
      const attr = (name) => Number(new RegExp(`\\b${name}="(\\d+)"`).exec(tag)?.[1] ?? 0);
      const [tests, failures, errors, skipped] = ['tests', 'failures', 'errors', 'skipped'].map(attr);
      if (tests === 0) {
        console.log('phpunit ran no tests: that is a failure, not a pass.');
        totals.failed += 1;
      } else {
        totals.passed += tests - failures - errors - skipped;
        totals.failed += failures + errors;
        totals.skipped += skipped;
      }
      if (r.status !== 0 && failures + errors === 0) totals.failed += 1;
      fs.rmSync(junit, { force: true });
    } else {
      console.log('phpunit wrote no results');
      totals.failed += 1;
    }
  } else {
    console.log('skipped: phpunit is not installed (apt-get install phpunit).');
    totals.skipped += 1;
  }

  // phpcs: one check per file (errors fail; warnings are shown).
  if (have('phpcs')) {
    const r = spawnSync('phpcs', ['-q', '--report=json', `--standard=${path.join(pluginDir, 'phpcs.xml')}`, pluginDir], {
      cwd: pluginDir,
      encoding: 'utf8',
      maxBuffer: 32 * 1024 * 1024,
    });
    let report;
    try {
      report = JSON.parse(r.stdout);
    } catch {
      console.log(`phpcs did not run: ${r.stderr || r.stdout}`);
      totals.failed += 1;
      return;
    }
    let ok = 0;
    let bad = 0;
    for (const [file, result] of Object.entries(report.files)) {
      if (result.errors > 0) {
        bad += 1;
        for (const m of result.messages.filter((m) => m.type === 'ERROR')) {
          console.log(`FAIL phpcs ${path.relative(root, file)}:${m.line} ${m.message} (${m.source})`);
        }
      } else ok += 1;
    }
    console.log(`phpcs (moodle-plugin/phpcs.xml): ${ok} of ${ok + bad} files clean, ${report.totals.warnings} warnings`);
    totals.passed += ok;
    totals.failed += bad;
  } else {
    console.log('skipped: phpcs is not installed (apt-get install php-codesniffer).');
    totals.skipped += 1;
  }
}

console.log('');
if (broken) totals.failed += 1;
const line = `${totals.passed} passed, ${totals.failed} failed` + (totals.skipped ? `, ${totals.skipped} skipped` : '');
console.log(line);
process.exit(totals.failed > 0 ? 1 : 0);

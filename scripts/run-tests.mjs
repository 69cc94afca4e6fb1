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

// 1. Vitest: sidecar (unit + integration on SQLite, MariaDB, s3rver, ffmpeg) and the e2e suites.
section('vitest (sidecar, player, test)');
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

console.log('');
if (broken) totals.failed += 1;
const line = `${totals.passed} passed, ${totals.failed} failed` + (totals.skipped ? `, ${totals.skipped} skipped` : '');
console.log(line);
process.exit(totals.failed > 0 ? 1 : 0);

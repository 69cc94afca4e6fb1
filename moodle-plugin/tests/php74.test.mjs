// PHP 7.4 syntax compatibility (Moodle 4.1 runs on PHP 7.4; Debian's PHP 8.2 `php -l` cannot tell):
// every plugin PHP file passes scripts/check-php74.mjs, and the checker does reject each PHP 8-only
// construct (so a pass is not an empty run) while it accepts PHP 7.4 syntax.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkSource, phpFiles } from '../scripts/check-php74.mjs';

const pluginDir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const script = path.join(pluginDir, 'scripts/check-php74.mjs');

// Each snippet has its PHP 8 construct on line 3.
const PHP8_ONLY = {
  'match': '$x = match ($a) { 1 => "a", default => "b" };',
  'nullsafe ?->': '$x = $a?->b;',
  'named arguments': 'foo(a: 1, b: 2);',
  'attribute': '#[Attr]\nclass A {}',
  'union parameter type': 'function f(int|string $a) {}',
  'union return type': 'function f(): int|false { return 1; }',
  'constructor promotion': 'class A { public function __construct(private int $a) {} }',
  'mixed type': 'function f(mixed $a) {}',
  'static return type': 'class A { public function f(): static { return $this; } }',
  'never return type': 'function f(): never { exit; }',
  'enum': 'enum Suit { case Hearts; }',
  'readonly property': 'class A { public readonly int $a; }',
  'readonly class': 'readonly class A {}',
  'first-class callable': '$f = strlen(...);',
  'throw expression': '$x = $a ?? throw new Exception();',
  'trailing comma in parameters': 'function f($a, $b,) {}',
  'trailing comma in closure use': '$f = function () use ($a, $b,) {};',
  'catch without variable': 'try { f(); } catch (Exception) {}',
  'new in initializer': 'function f($a = new A()) {}',
  'intersection type': 'function f(A&B $a) {}',
  '0o octal literal': '$a = 0o17;',
  '$object::class': '$c = $o::class;',
  'final class constant': 'class A { final public const X = 1; }',
  'str_contains()': 'if (str_contains($a, "b")) {}',
  'ValueError': 'throw new \\ValueError("x");',
};

const PHP74_OK = {
  'arrow function': '$f = fn($x) => $x * 2;',
  'typed property': 'class A { public int $a = 1; private ?string $b = null; }',
  '??=': '$a ??= 1;',
  'array spread': '$a = [...$b, 1];',
  'trailing comma in a call': 'foo($a, $b,);',
  'nullable and void': 'function f(?int $a): void {}',
  'list with skipped keys': '[, $a, $b] = $argv + [null, null, null];',
  'a method named like a PHP 8 function': '$o->str_contains("a"); A::str_contains("b");',
  'self::class and static::class': 'class A { public function f() { return [self::class, static::class, A::class]; } }',
  'a comment with #[ in it': '// #[Attr] and str_contains( in a comment',
};

const wrap = (code) => `<?php\n// line 2\n${code}\n`;

describe('PHP 7.4 compatibility (php-parser, version 7.4)', () => {
  const files = phpFiles();

  it('finds the plugin PHP files', () => {
    expect(files.length).toBeGreaterThanOrEqual(30);
    expect(files).toContain(path.join(pluginDir, 'version.php'));
  });

  it.each(files.map((f) => [path.relative(pluginDir, f), f]))('%s is PHP 7.4 syntax', (_rel, file) => {
    expect(checkSource(fs.readFileSync(file, 'utf8'), file)).toEqual([]);
  });

  it.each(Object.entries(PHP8_ONLY))('rejects PHP 8-only %s, on its line', (_name, code) => {
    const problems = checkSource(wrap(code));
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.map((p) => p.line)).toContain(3);
  });

  it.each(Object.entries(PHP74_OK))('accepts PHP 7.4 %s', (_name, code) => {
    expect(checkSource(wrap(code))).toEqual([]);
  });

  it('the command fails with file:line on a PHP 8 file and passes a PHP 7.4 one', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zoomhls-php74-'));
    try {
      fs.writeFileSync(path.join(dir, 'bad.php'), wrap('$x = $a?->b;'));
      fs.writeFileSync(path.join(dir, 'good.php'), wrap('$x = $a->b ?? null;'));
      const bad = spawnSync(process.execPath, [script, dir], { cwd: dir, encoding: 'utf8' });
      expect(bad.status).toBe(1);
      expect(bad.stdout).toMatch(/^bad\.php:3: .*\?->/m);
      expect(bad.stdout).toMatch(/PHP 7\.4 check: 1 of 2 files OK/);
      const good = spawnSync(process.execPath, [script, path.join(dir, 'good.php')], { cwd: dir, encoding: 'utf8' });
      expect(good.status, good.stdout).toBe(0);
      const none = spawnSync(process.execPath, [script, path.join(dir, 'nothing')], { cwd: dir, encoding: 'utf8' });
      expect(none.status).not.toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

#!/usr/bin/env node
// PHP 7.4 compatibility check for the plugin's PHP files (the plugin supports Moodle 4.1 on PHP 7.4;
// Debian has only PHP 8.2, so `php -l` cannot tell). Three passes over each file:
//  1. php-parser (glayzzle) with parser.version 7.4: a parse error is a failure. It rejects match,
//     nullsafe ?->, named arguments, enums, first-class callables foo(...), throw as an expression,
//     trailing commas in parameter and closure-use lists, catch without a variable, intersection and
//     DNF types, typed and final class constants.
//  2. The PHP 8.3 syntax tree, for what that 7.4 parser accepts although PHP 7.4 does not: union types,
//     mixed/static/never/null/false/true types, constructor promotion, readonly properties and classes,
//     attributes, new in initializers, $object::class.
//  3. The PHP 8.3 tokens: attributes #[...] (a comment in 7.4, so 7.4 would silently ignore them or
//     swallow the rest of the line), 0o octal literals, and calls of functions or uses of classes that
//     PHP 7.4 does not have (str_contains, ...; Moodle 4.1 ships no polyfill for them).
//
// Usage: node moodle-plugin/scripts/check-php74.mjs [file or dir ...]   (default: the whole plugin)
// Prints file:line: message per problem and exits 1 when there is any.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const Engine = require('php-parser');

const pluginDir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

const parser74 = new Engine({
  parser: { php7: true, version: '7.4', suppressErrors: false, extractDoc: false },
  ast: { withPositions: true },
});
const parser83 = new Engine({
  parser: { php7: true, version: '8.3', suppressErrors: false, extractDoc: false },
  ast: { withPositions: true },
  lexer: { all_tokens: true },
});

/** Types that are PHP 8.0+ as type declarations (null/false/true standalone: 8.2). */
const PHP8_TYPES = new Set(['mixed', 'static', 'never', 'null', 'false', 'true']);

/** Functions new in PHP 8.0-8.3 (lower-case), that PHP 7.4 lacks. */
const PHP8_FUNCTIONS = new Set([
  // 8.0
  'str_contains', 'str_starts_with', 'str_ends_with', 'get_debug_type', 'get_resource_id', 'fdiv',
  'preg_last_error_msg', 'get_resource_type_id',
  // 8.1
  'array_is_list', 'enum_exists', 'fsync', 'fdatasync', 'sodium_crypto_stream_xchacha20',
  // 8.2
  'ini_parse_quantity', 'memory_reset_peak_usage', 'mysqli_execute_query', 'openssl_cipher_key_length',
  'curl_upkeep', 'libxml_get_external_entity_loader',
  // 8.3
  'json_validate', 'mb_str_pad', 'str_increment', 'str_decrement', 'stream_context_set_options',
]);

/** Classes and interfaces new in PHP 8.0-8.3 (lower-case, without namespace). */
const PHP8_CLASSES = new Set([
  'valueerror', 'unhandledmatcherror', 'weakmap', 'stringable', 'phptoken', 'internaliterator',
  'fiber', 'fibererror', 'returntypewillchange', 'unitenum', 'backedenum', 'sensitiveparameter',
  'allowdynamicproperties', 'override', 'randomizer',
]);

/** Lists the .php files under the given files or directories (sorted, no node_modules or dot dirs). */
export function phpFiles(targets = [pluginDir]) {
  const out = [];
  const walk = (p) => {
    const stat = fs.statSync(p);
    if (stat.isDirectory()) {
      for (const entry of fs.readdirSync(p)) {
        if (entry === 'node_modules' || entry.startsWith('.')) continue;
        walk(path.join(p, entry));
      }
    } else if (p.endsWith('.php')) out.push(p);
  };
  for (const t of targets) walk(t);
  return out.sort();
}

/** Walks a php-parser AST; calls visit(node, line) for every node, line = nearest known line. */
function walk(node, visit, line = 1) {
  if (Array.isArray(node)) {
    for (const n of node) walk(n, visit, line);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const here = node.loc?.start?.line ?? line;
  if (node.kind) visit(node, here);
  for (const [key, value] of Object.entries(node)) {
    if (key === 'loc' || key === 'leadingComments' || key === 'trailingComments') continue;
    if (value && typeof value === 'object') walk(value, visit, here);
  }
}

/** The PHP 8-only type names in a type node (typereference, uniontype, intersectiontype). */
function typeProblems(type, where) {
  if (!type) return [];
  if (type.kind === 'uniontype') return [`union type in ${where} (PHP 8.0)`];
  if (type.kind === 'intersectiontype') return [`intersection type in ${where} (PHP 8.1)`];
  const name = String(type.name ?? '').toLowerCase();
  if ((type.kind === 'typereference' || type.kind === 'name') && PHP8_TYPES.has(name) && !type.raw?.startsWith('\\')) {
    return [`type ${name} in ${where} (PHP 8.0+)`];
  }
  return [];
}

/** Checks one PHP source text; returns [{ line, message }]. */
export function checkSource(code, name = 'input.php') {
  const problems = [];
  const add = (line, message) => {
    if (!problems.some((p) => p.line === line && p.message === message)) problems.push({ line, message });
  };

  // 1. The 7.4 grammar.
  try {
    parser74.parseCode(code, name);
  } catch (e) {
    const line = e.lineNumber ?? Number(/on line (\d+)/.exec(e.message)?.[1] ?? 1);
    add(line, `not PHP 7.4 syntax: ${String(e.message).replace(/ on line \d+$/, '')}`);
  }

  // 2. The 8.3 tree, for what the 7.4 grammar lets through.
  let ast;
  try {
    ast = parser83.parseCode(code, name);
  } catch (e) {
    const line = e.lineNumber ?? Number(/on line (\d+)/.exec(e.message)?.[1] ?? 1);
    add(line, `parse error: ${String(e.message).replace(/ on line \d+$/, '')}`);
    return problems.sort((a, b) => a.line - b.line);
  }
  walk(ast, (node, line) => {
    switch (node.kind) {
      case 'function':
      case 'method':
      case 'closure':
      case 'arrowfunc':
        for (const m of typeProblems(node.type, 'a return type')) add(line, m);
        break;
      case 'parameter':
        for (const m of typeProblems(node.type, `parameter $${node.name?.name ?? ''}`)) add(line, m);
        if (node.flags || node.readonly) add(line, `constructor property promotion of $${node.name?.name ?? ''} (PHP 8.0)`);
        if (node.value?.kind === 'new') add(line, `new in a parameter default (PHP 8.1)`);
        break;
      case 'propertystatement':
        for (const p of node.properties ?? []) {
          for (const m of typeProblems(p.type, `property $${p.name?.name ?? ''}`)) add(p.loc?.start?.line ?? line, m);
          if (p.readonly) add(p.loc?.start?.line ?? line, `readonly property $${p.name?.name ?? ''} (PHP 8.1)`);
        }
        break;
      case 'class':
        if (node.isReadonly) add(line, 'readonly class (PHP 8.2)');
        break;
      case 'enum':
        add(line, 'enum (PHP 8.1)');
        break;
      case 'match':
        add(line, 'match expression (PHP 8.0)');
        break;
      case 'nullsafepropertylookup':
        add(line, 'nullsafe operator ?-> (PHP 8.0)');
        break;
      case 'namedargument':
        add(line, 'named argument (PHP 8.0)');
        break;
      case 'staticlookup':
        if (node.offset?.name === 'class' && node.what && node.what.kind !== 'name' && node.what.kind !== 'selfreference' &&
          node.what.kind !== 'parentreference' && node.what.kind !== 'staticreference') {
          add(line, '::class on an object (PHP 8.0)');
        }
        break;
      default:
        break;
    }
  });

  // 3. The tokens.
  const tokens = parser83.tokenGetAll(code).filter((t) => !(Array.isArray(t) && ['T_WHITESPACE', 'T_COMMENT', 'T_DOC_COMMENT'].includes(t[0])));
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (!Array.isArray(t)) continue;
    const [type, text, line] = t;
    if (type === 'T_ATTRIBUTE') add(line, 'attribute #[...] (PHP 8.0)');
    if (type === 'T_LNUMBER' && /^0[oO]/.test(text)) add(line, `octal literal ${text} (PHP 8.1)`);
    if (type === 'T_STRING' || type === 'T_NAME_FULLY_QUALIFIED' || type === 'T_NAME_QUALIFIED') {
      const prev = tokens[i - 1];
      const prevText = Array.isArray(prev) ? prev[1] : prev;
      if (['->', '?->', '::', 'function', 'const'].includes(String(prevText).toLowerCase())) continue;
      const bare = text.replace(/^\\/, '');
      if (type === 'T_NAME_QUALIFIED') continue; // a namespaced name is not a global one
      const next = tokens[i + 1];
      if (next === '(' && PHP8_FUNCTIONS.has(bare.toLowerCase())) add(line, `${bare}() does not exist in PHP 7.4 (PHP 8)`);
      if (PHP8_CLASSES.has(bare.toLowerCase())) add(line, `${bare} does not exist in PHP 7.4 (PHP 8)`);
    }
  }
  return problems.sort((a, b) => a.line - b.line);
}

/** Checks files; returns [{ file, line, message }]. */
export function checkFiles(files) {
  const out = [];
  for (const file of files) {
    for (const p of checkSource(fs.readFileSync(file, 'utf8'), file)) out.push({ file, ...p });
  }
  return out;
}

if (process.argv[1] && fs.realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const targets = process.argv.slice(2).map((t) => path.resolve(t));
  const files = phpFiles(targets.length ? targets : [pluginDir]);
  const problems = checkFiles(files);
  for (const p of problems) console.log(`${path.relative(process.cwd(), p.file)}:${p.line}: ${p.message}`);
  const bad = new Set(problems.map((p) => p.file)).size;
  console.log(`PHP 7.4 check: ${files.length - bad} of ${files.length} files OK`);
  process.exit(bad || files.length === 0 ? 1 : 0);
}

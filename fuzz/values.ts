/** Hostile values: strings, numbers, ids and JSON shapes that break naive parsers, validators and stores. */
import type { Random } from './random.js';

const NASTY_STRINGS = [
  '',
  ' ',
  '0',
  '-1',
  'null',
  'true',
  '[]',
  '{}',
  '%00',
  '%',
  '%zz',
  '..',
  '../..',
  '%2e%2e%2f',
  '/',
  '\\',
  "' OR 1=1 --",
  '"; DROP TABLE mcps; --',
  '<script>alert(1)</script>',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the text itself is the attack (log4j lookups).
  '${jndi:ldap://x}',
  '__proto__',
  'constructor',
  'prototype',
  'hasOwnProperty',
  '\u0000',
  '\u202e',
  '\ud800',
  '\udfff',
  '\ufeff',
  'é',
  '𝕏',
  '\r\n',
  'a\tb',
  'NaN',
  'Infinity',
  '1e309',
  '9223372036854775807',
  '9223372036854775808',
  '-9223372036854775809',
  '92233720368547758',
  '2026-02-30',
  '0000-00-00T00:00:00Z',
  '9999-12-31T23:59:59.999Z',
  'mcp_0000000000000000000000',
  'key_0000000000000000000000',
  'user_0000000000000000000000',
  'http://127.0.0.1:1/mcp',
  'http://[::1]:1/mcp',
  'file:///etc/passwd',
  '#/components/schemas/Mcp',
];

const NASTY_NUMBERS = [
  0,
  -1,
  1,
  1.5,
  -0,
  2 ** 31,
  2 ** 31 - 1,
  2 ** 53,
  2 ** 63,
  // page × per_page past 2^63 (an offset overflow), as close as a double gets.
  9.223372036854776e16,
  1e308,
  -1e308,
  Number.MIN_VALUE,
  99999999999,
];

export function nastyString(random: Random): string {
  switch (random.int(0, 6)) {
    case 0:
    case 1:
      return random.pick(NASTY_STRINGS);
    case 2:
      return 'x'.repeat(random.pick([1, 64, 255, 256, 1_000, 20_000, 100_000]));
    case 3:
      return Array.from({ length: random.int(1, 40) }, () => String.fromCharCode(random.int(0, 0xffff))).join('');
    case 4:
      return `${random.pick(NASTY_STRINGS)}${random.pick(NASTY_STRINGS)}`;
    default:
      return Math.floor(random.next() * 1e9).toString(36);
  }
}

export function nastyNumber(random: Random): number {
  return random.chance(0.5) ? random.pick(NASTY_NUMBERS) : random.int(-1000, 1000);
}

/** A JSON value of any shape, up to `depth` levels. */
export function anyJson(random: Random, depth = 3): unknown {
  const kind = depth <= 0 ? random.int(0, 3) : random.int(0, 5);
  switch (kind) {
    case 0:
      return nastyString(random);
    case 1:
      return nastyNumber(random);
    case 2:
      return random.pick([true, false, null]);
    case 3:
      return random.int(0, 100);
    case 4:
      return Array.from({ length: random.int(0, 4) }, () => anyJson(random, depth - 1));
    default:
      return Object.fromEntries(
        Array.from({ length: random.int(0, 4) }, () => [nastyString(random).slice(0, 40), anyJson(random, depth - 1)]),
      );
  }
}

/** JSON text nested `levels` deep, in objects or arrays. */
export function deepJson(random: Random, levels: number): string {
  const array = random.chance(0.5);
  return `${(array ? '[' : '{"a":').repeat(levels)}1${(array ? ']' : '}').repeat(levels)}`;
}

/** Percent-encoding of the UTF-8 bytes of `text` (a lone surrogate, which encodeURIComponent refuses, included). */
export function percentEncode(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const char = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-_.~]/.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/**
 * A path segment for an id, as sent on the wire (already percent-encoded where it is meant to be): huge, unicode,
 * traversal-like, pointer-like, encoded NUL and invalid percent-encodings and UTF-8.
 */
export function hostileIdSegment(random: Random, prefix: string): string {
  return random.pick([
    () => `${prefix}${'A'.repeat(random.pick([1, 22, 200, 5_000, 20_000]))}`,
    () => percentEncode(`${prefix}é𝕏\u202e`),
    () => '..',
    () => '%2e%2e',
    () => '..%2f..%2fetc%2fpasswd',
    () => '%2e%2e%2f%2e%2e%2f',
    () => '%00',
    () => `${prefix}%00`,
    () => '%',
    () => '%zz',
    () => '%C0%AF',
    () => '%ED%A0%80',
    () => '%FF%FE',
    () => '%23%2Fcomponents%2Fschemas%2FMcp',
    () => '~0~1',
    () => '__proto__',
    () => 'constructor',
    () => '-1',
    () => '0',
    () => '99999999999999999999999999',
    () => '1e309',
    () => percentEncode("' OR 1=1 --"),
    () => percentEncode(nastyString(random).slice(0, 200)),
    () => `${prefix}${Math.floor(random.next() * 1e12).toString(36)}`,
  ])();
}

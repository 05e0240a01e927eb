/** Hostile values for the fuzzer: strings, numbers and JSON shapes that break naive parsers, validators and stores. */
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
  '${jndi:ldap://x}',
  '__proto__',
  'constructor',
  'prototype',
  '\u0000',
  '\u202e',
  '\ud800',
  'é',
  '𝕏',
  '\r\n',
  'a\tb',
  'NaN',
  'Infinity',
  '1e309',
  '9223372036854775808',
  '-9223372036854775809',
  'mcp_0000000000000000000000',
  'key_0000000000000000000000',
  'user_0000000000000000000000',
];

const NASTY_NUMBERS = [0, -1, 1, 1.5, -0, 2 ** 31, 2 ** 53, 2 ** 63, 1e308, -1e308, Number.MIN_VALUE, 99999999999];

export function nastyString(random: Random): string {
  switch (random.int(0, 5)) {
    case 0:
      return random.pick(NASTY_STRINGS);
    case 1:
      return 'x'.repeat(random.pick([1, 64, 255, 256, 1_000, 20_000]));
    case 2:
      return Array.from({ length: random.int(1, 40) }, () => String.fromCharCode(random.int(0, 0xffff))).join('');
    case 3:
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

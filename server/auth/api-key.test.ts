import { describe, expect, it } from 'vitest';
import { displayPrefix, generateApiKey, hashApiKey, looksLikeApiKey } from './api-key.js';

describe('api keys', () => {
  it('are pmcp_ plus 43 base62 characters, with the first 12 as the display prefix', () => {
    const { key, prefix } = generateApiKey();
    expect(key).toMatch(/^pmcp_[0-9A-Za-z]{43}$/);
    expect(prefix).toBe(key.slice(0, 12));
    expect(displayPrefix(key)).toBe(prefix);
    expect(looksLikeApiKey(key)).toBe(true);
  });

  it('are distinct and use the whole alphabet', () => {
    const keys = Array.from({ length: 300 }, () => generateApiKey().key);
    expect(new Set(keys).size).toBe(300);
    const seen = new Set(keys.map((k) => k.slice(5)).join(''));
    // 300 × 43 draws from 62 characters: missing one would mean a biased or truncated alphabet.
    for (const c of 'azAZ09') expect(seen.has(c)).toBe(true);
    expect([...seen].filter((c) => /[0-9A-Za-z]/.test(c)).length).toBe(62);
  });

  it.each([
    [`pmcp_${'a'.repeat(40)}`, true],
    [`pmcp_${'a'.repeat(39)}`, false],
    [`PMCP_${'a'.repeat(40)}`, false],
    [`pmcp_${'a'.repeat(39)}-`, false],
    ['', false],
  ])('looksLikeApiKey(%j) is %s', (value, want) => {
    expect(looksLikeApiKey(value)).toBe(want);
  });

  it('hashes with HMAC-SHA-256 under the secret: hex, deterministic, secret-dependent', () => {
    const { key } = generateApiKey();
    const hash = hashApiKey(key, 'secret-one');
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hashApiKey(key, 'secret-one')).toBe(hash);
    expect(hashApiKey(key, 'secret-two')).not.toBe(hash);
    // RFC 4231 test case 2.
    expect(hashApiKey('what do ya want for nothing?', 'Jefe')).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });
});

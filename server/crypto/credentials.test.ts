import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CredentialDecryptError, createCredentialCipher } from './credentials.js';

const cipher = createCredentialCipher(randomBytes(32));
const secret = { token: 'sk-live-123', nested: { user: 'u', password: 'p' } };

describe('credential cipher', () => {
  it('round-trips a value and never shows it in the ciphertext', () => {
    const text = cipher.encrypt(secret);
    expect(text).toMatch(/^v1\.[\w-]{16}\.[\w-]{22}\.[\w-]+$/);
    expect(text).not.toContain('sk-live');
    expect(cipher.decrypt(text)).toEqual(secret);
  });

  it('uses a fresh IV, so the same value encrypts differently each time', () => {
    expect(cipher.encrypt(secret)).not.toBe(cipher.encrypt(secret));
  });

  it.each([
    ['a flipped ciphertext byte', (t: string) => t.slice(0, -2) + (t.at(-2) === 'A' ? 'B' : 'A') + t.at(-1)],
    [
      'a flipped tag byte',
      (t: string) =>
        t.replace(/^(v1\.[\w-]{16}\.)(.)/, (_m, head: string, c: string) => head + (c === 'A' ? 'B' : 'A')),
    ],
    ['another version label', (t: string) => t.replace(/^v1/, 'v2')],
    ['a truncated value', (t: string) => t.split('.').slice(0, 3).join('.')],
  ])('refuses %s', (_name, tamper) => {
    expect(() => cipher.decrypt(tamper(cipher.encrypt(secret)))).toThrow(CredentialDecryptError);
  });

  it('refuses a value encrypted under another key', () => {
    const other = createCredentialCipher(randomBytes(32));
    expect(() => cipher.decrypt(other.encrypt(secret))).toThrow(/wrong key or tampered/);
  });

  it('requires a 32-byte key', () => {
    expect(() => createCredentialCipher(randomBytes(16))).toThrow(/32 bytes/);
  });
});

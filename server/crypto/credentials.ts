/**
 * Upstream credentials at rest: AES-256-GCM (NIST SP 800-38D) with a fresh random 96-bit IV per message, the
 * recommended IV length, and a 128-bit authentication tag, so any change to the stored text fails decryption instead
 * of yielding altered credentials. The text form is `v1.<iv>.<tag>.<ciphertext>` (base64url parts); the version lets
 * the format or key change later while old values stay readable.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class CredentialDecryptError extends Error {
  constructor(reason: string) {
    super(`Stored credentials cannot be decrypted: ${reason}`);
    this.name = 'CredentialDecryptError';
  }
}

export interface CredentialCipher {
  /** Encrypts a JSON-serialisable value. */
  encrypt(value: Record<string, unknown>): string;
  /** Decrypts what `encrypt` produced; throws `CredentialDecryptError` on a wrong key or any tampering. */
  decrypt(ciphertext: string): unknown;
}

export function createCredentialCipher(key: Buffer): CredentialCipher {
  if (key.length !== 32) throw new Error('The credential encryption key must be 32 bytes (AES-256)');
  const secret = Buffer.from(key);
  return {
    encrypt(value) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', secret, iv, { authTagLength: TAG_BYTES });
      // The version is bound as additional data, so a value cannot be relabelled to another format.
      cipher.setAAD(Buffer.from(VERSION));
      const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
      return [VERSION, iv, cipher.getAuthTag(), body]
        .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
        .join('.');
    },
    decrypt(ciphertext) {
      const parts = ciphertext.split('.');
      if (parts.length !== 4 || parts[0] !== VERSION) throw new CredentialDecryptError('unknown format');
      const [iv, tag, body] = parts.slice(1).map((part) => Buffer.from(part, 'base64url')) as [Buffer, Buffer, Buffer];
      if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new CredentialDecryptError('malformed');
      const decipher = createDecipheriv('aes-256-gcm', secret, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(VERSION));
      decipher.setAuthTag(tag);
      let plain: string;
      try {
        plain = Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
      } catch {
        throw new CredentialDecryptError('wrong key or tampered data');
      }
      return JSON.parse(plain) as unknown;
    },
  };
}

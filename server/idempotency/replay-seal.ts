/**
 * Sealing a stored replay under the caller's own API key. `POST /v1/api-keys` must replay the new key to a retry with
 * the same Idempotency-Key, so its response cannot be hashed; sealed under the server's encryption key it would open
 * for anyone who also has that key. Sealed under a key derived from the API key the caller presented (HKDF-SHA-256,
 * RFC 5869), it opens only for a retry that presents the same API key: the database holds only that key's HMAC, from
 * which the API key cannot be recovered, so the database (even with the server's secrets) cannot open it.
 *
 * AES-256-GCM with a fresh 96-bit IV; the organisation and Idempotency-Key are bound as additional data, so a sealed
 * body cannot be moved to another record. Text form: `r1.<iv>.<tag>.<ciphertext>` (base64url).
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 'r1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const SALT = Buffer.from('plexmcp idempotent replay v1');

export interface ReplaySeal {
  seal(body: string): string;
  /** The body `seal` sealed; throws when it was sealed under another key or record, or altered. */
  open(sealed: string): string;
}

/**
 * @param presentedKey the API key exactly as the caller sent it
 * @param record what the sealed body belongs to (organisation and Idempotency-Key): bound as additional data
 */
export function replaySealFor(presentedKey: string, record: string): ReplaySeal {
  const key = Buffer.from(hkdfSync('sha256', presentedKey, SALT, `${VERSION}\n${record}`, 32));
  const aad = Buffer.from(`${VERSION}\n${record}`);
  return {
    seal(body) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(aad);
      const sealed = Buffer.concat([cipher.update(body, 'utf8'), cipher.final()]);
      return [VERSION, ...[iv, cipher.getAuthTag(), sealed].map((part) => part.toString('base64url'))].join('.');
    },
    open(sealed) {
      const parts = sealed.split('.');
      if (parts.length !== 4 || parts[0] !== VERSION) throw new Error('not a sealed replay');
      const [iv, tag, body] = parts.slice(1).map((part) => Buffer.from(part, 'base64url')) as [Buffer, Buffer, Buffer];
      if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new Error('malformed sealed replay');
      const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(aad);
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
    },
  };
}

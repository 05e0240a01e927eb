/**
 * The server's two secrets: API_KEY_HMAC_SECRET (API keys are stored as HMAC-SHA-256 under it) and
 * PLEXMCP_ENCRYPTION_KEY (upstream credentials are encrypted under it). Either may be configured; one that is not is
 * generated once and kept with the database, so a newcomer configures nothing and a restart reuses it.
 * A configured secret is never written to the database; only a fingerprint of each secret in use is, so that a changed
 * secret (every existing key stops authenticating, every stored credential stops decrypting) is reported at start-up.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { Store } from './store/types.js';

export interface ServerSecrets {
  apiKeyHmacSecret: string;
  encryptionKey: Buffer;
  /** Which secrets were generated now (first start on this database). */
  generated: ('API_KEY_HMAC_SECRET' | 'PLEXMCP_ENCRYPTION_KEY')[];
  /** Problems worth an operator's attention, such as a secret that differs from the one the data was written with. */
  warnings: string[];
}

const STORED = { hmac: 'secret.api_key_hmac_secret', encryption: 'secret.encryption_key' } as const;
const FINGERPRINT = {
  hmac: 'secret.api_key_hmac_fingerprint',
  encryption: 'secret.encryption_key_fingerprint',
} as const;

function fingerprint(secret: string | Buffer): string {
  return createHmac('sha256', secret).update('plexmcp secret fingerprint').digest('hex').slice(0, 32);
}

export async function resolveSecrets(
  store: Pick<Store, 'getMeta' | 'setMeta'>,
  configured: { apiKeyHmacSecret: string | undefined; encryptionKey: Buffer | undefined },
): Promise<ServerSecrets> {
  const generated: ServerSecrets['generated'] = [];
  const warnings: string[] = [];

  async function resolveOne(
    kind: 'hmac' | 'encryption',
    given: string | undefined,
    variable: ServerSecrets['generated'][number],
    consequence: string,
  ) {
    let secret = given ?? (await store.getMeta(STORED[kind]));
    if (secret === undefined) {
      secret = randomBytes(32).toString('hex');
      await store.setMeta(STORED[kind], secret);
      generated.push(variable);
    }
    const print = fingerprint(kind === 'encryption' ? Buffer.from(secret, 'hex') : secret);
    const previous = await store.getMeta(FINGERPRINT[kind]);
    if (previous !== undefined && previous !== print) {
      warnings.push(`${variable} differs from the one this database was last used with: ${consequence}`);
    }
    if (previous !== print) await store.setMeta(FINGERPRINT[kind], print);
    return secret;
  }

  const apiKeyHmacSecret = await resolveOne(
    'hmac',
    configured.apiKeyHmacSecret,
    'API_KEY_HMAC_SECRET',
    'API keys created before the change no longer authenticate',
  );
  const encryptionHex = await resolveOne(
    'encryption',
    configured.encryptionKey?.toString('hex'),
    'PLEXMCP_ENCRYPTION_KEY',
    'upstream credentials stored before the change cannot be decrypted; set them again',
  );
  return { apiKeyHmacSecret, encryptionKey: Buffer.from(encryptionHex, 'hex'), generated, warnings };
}

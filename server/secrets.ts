/**
 * The server's two secrets: API_KEY_HMAC_SECRET (API keys are stored as HMAC-SHA-256 under it) and
 * PLEXMCP_ENCRYPTION_KEY (upstream credentials are encrypted under it). Either may be configured; one that is not is
 * generated once and kept in the key file beside the database (`<database>.keys`, mode 0600, see crypto/key-file.ts),
 * never in the database itself: a copy of the database alone decrypts no credential and verifies no key.
 *
 * - A configured secret is never written anywhere. Only a fingerprint of each secret in use is kept in the database,
 *   so a secret that changed (every existing key stops authenticating, every stored credential stops decrypting) is
 *   reported at start-up.
 * - A database with data whose key file is missing, or holds other secrets than the data was written with, stops
 *   start-up with a message naming the file: new secrets are never generated over existing data.
 * - Secrets that older versions kept in the database's `meta` table move to the key file, are deleted from the
 *   database, and the database is compacted and checkpointed, so no copy stays in its file or journal.
 * - PostgreSQL (several instances, no one place for a key file): both secrets must be configured (the configuration
 *   refuses to load without them); none is ever generated into a database whose dumps would then unlock everything.
 */
import { createHmac } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import {
  KeyFileError,
  type KeyFileSecrets,
  keyFilePath,
  newSecret,
  readKeyFile,
  type SecretName,
  writeKeyFile,
} from './crypto/key-file.js';
import { listJournalFiles } from './store/journal-scan.js';
import type { Store } from './store/types.js';

export { KeyFileError } from './crypto/key-file.js';

export interface ServerSecrets {
  apiKeyHmacSecret: string;
  encryptionKey: Buffer;
  /** Which secrets were generated now (first start on this database), into the key file. */
  generated: SecretName[];
  /** Problems and changes worth an operator's attention; they name the key file, never a secret. */
  warnings: string[];
  /** The key file in use, or undefined for an in-memory database. */
  keyFile: string | undefined;
}

/** What resolving the secrets needs of the store (the embedded store provides it). */
export interface SecretsStore extends Pick<Store, 'getMeta' | 'setMeta'> {
  /** The database file, or `:memory:`. */
  readonly path: string;
  deleteMeta(key: string): Promise<void>;
  hasUserData(): Promise<boolean>;
  compact(): Promise<void>;
}

type Kind = 'hmac' | 'encryption';
const VARIABLE: Record<Kind, SecretName> = { hmac: 'API_KEY_HMAC_SECRET', encryption: 'PLEXMCP_ENCRYPTION_KEY' };
/** Where older versions kept generated secrets, in the database itself. */
const LEGACY_META: Record<Kind, string> = { hmac: 'secret.api_key_hmac_secret', encryption: 'secret.encryption_key' };
const FINGERPRINT: Record<Kind, string> = {
  hmac: 'secret.api_key_hmac_fingerprint',
  encryption: 'secret.encryption_key_fingerprint',
};
const CONSEQUENCE: Record<Kind, string> = {
  hmac: 'API keys created before the change no longer authenticate',
  encryption: 'upstream credentials stored before the change cannot be decrypted; set them again',
};

function fingerprint(kind: Kind, secret: string): string {
  const material = kind === 'encryption' ? Buffer.from(secret, 'hex') : secret;
  return createHmac('sha256', material).update('plexmcp secret fingerprint').digest('hex').slice(0, 32);
}

/** Whether any of `needles` appears in the database file or its journal files (raw bytes). */
function fileHolds(databasePath: string, needles: readonly string[]): boolean {
  const files = [databasePath, ...listJournalFiles(databasePath).map((file) => file.path)];
  return files.some((file) => {
    if (!existsSync(file)) return false;
    const bytes = readFileSync(file);
    return needles.some((needle) => bytes.includes(needle));
  });
}

type Configured = { apiKeyHmacSecret: string | undefined; encryptionKey: Buffer | undefined };

function hasKeyFile(store: Pick<Store, 'getMeta' | 'setMeta'> | SecretsStore): store is SecretsStore {
  const candidate = store as Partial<SecretsStore>;
  return typeof candidate.path === 'string' && typeof candidate.compact === 'function';
}

/**
 * A store shared by several server instances (PostgreSQL) has no one place beside it for a key file, so both secrets
 * come from the configuration; a secret an earlier version generated into the database is reported, never used.
 */
async function resolveInDatabase(
  store: Pick<Store, 'getMeta' | 'setMeta'>,
  configured: Configured,
): Promise<ServerSecrets> {
  const warnings: string[] = [];
  const resolved = {} as Record<Kind, string>;
  const given = { hmac: configured.apiKeyHmacSecret, encryption: configured.encryptionKey?.toString('hex') };
  for (const kind of ['hmac', 'encryption'] as const) {
    const secret = given[kind];
    if (secret === undefined) {
      throw new KeyFileError(`${VARIABLE[kind]} must be set for a shared (PostgreSQL) database; none is generated`);
    }
    const legacy = await store.getMeta(LEGACY_META[kind]);
    if (legacy !== undefined) {
      warnings.push(
        `The database still holds a ${VARIABLE[kind]} an earlier version generated into it (meta ${LEGACY_META[kind]}): ` +
          `anyone with a dump can use it${legacy === secret ? '' : ', and it differs from the configured one'}; delete that row`,
      );
    }
    const print = fingerprint(kind, secret);
    const previous = await store.getMeta(FINGERPRINT[kind]);
    if (previous !== undefined && previous !== print) {
      warnings.push(`${VARIABLE[kind]} differs from the one this database was last used with: ${CONSEQUENCE[kind]}`);
    }
    if (previous !== print) await store.setMeta(FINGERPRINT[kind], print);
    resolved[kind] = secret;
  }
  return {
    apiKeyHmacSecret: resolved.hmac,
    encryptionKey: Buffer.from(resolved.encryption, 'hex'),
    generated: [],
    warnings,
    keyFile: undefined,
  };
}

export async function resolveSecrets(
  store: Pick<Store, 'getMeta' | 'setMeta'> | SecretsStore,
  configured: Configured,
): Promise<ServerSecrets> {
  if (!hasKeyFile(store)) return resolveInDatabase(store, configured);
  const generated: SecretName[] = [];
  const warnings: string[] = [];
  const onDisk = store.path !== ':memory:';
  const path = onDisk ? keyFilePath(store.path) : undefined;
  const read = path ? readKeyFile(path) : undefined;
  if (read?.tightened)
    warnings.push(`The key file ${path} was readable by others; it is now readable by its owner only`);
  const kept: KeyFileSecrets = { ...read?.secrets };
  let changed = false;

  // Secrets an older version kept in the database move to the key file (written before they are deleted).
  const legacy: Kind[] = [];
  for (const kind of ['hmac', 'encryption'] as const) {
    const value = await store.getMeta(LEGACY_META[kind]);
    if (value === undefined) continue;
    legacy.push(kind);
    const name = VARIABLE[kind];
    if (kept[name] === undefined) {
      kept[name] = value;
      changed = true;
    } else if (kept[name] !== value) {
      throw new KeyFileError(
        `The database ${store.path} holds a ${name} that differs from the one in its key file ${path}; ` +
          'restore the key file that belongs to this database',
      );
    }
  }

  const configuredHex = { hmac: configured.apiKeyHmacSecret, encryption: configured.encryptionKey?.toString('hex') };
  const resolved = {} as Record<Kind, string>;
  const fromFile: Kind[] = [];
  for (const kind of ['hmac', 'encryption'] as const) {
    const name = VARIABLE[kind];
    const given = configuredHex[kind];
    if (given !== undefined) {
      resolved[kind] = given;
      continue;
    }
    const stored = kept[name];
    if (stored !== undefined) {
      resolved[kind] = stored;
      fromFile.push(kind);
      continue;
    }
    if ((await store.getMeta(FINGERPRINT[kind])) !== undefined || (await store.hasUserData())) {
      throw new KeyFileError(
        `The database ${store.path} has data, but ${name} is neither set nor in its key file ` +
          `${path ?? '(none for an in-memory database)'}: restore the key file from the backup of this database, ` +
          `or set ${name}. A new secret would make the existing data unusable, so none is generated.`,
      );
    }
    resolved[kind] = newSecret();
    kept[name] = resolved[kind];
    generated.push(name);
    changed = true;
  }

  // The key file first: a crash after a fingerprint is stored but before its secret is on disk would strand the data.
  if (changed && path) {
    writeKeyFile(path, kept);
    warnings.push(
      `Secrets not set in the environment are kept in the key file ${path} (owner-only): back it up with the database; ` +
        'the database alone cannot decrypt credentials or verify API keys',
    );
  }
  for (const kind of ['hmac', 'encryption'] as const) {
    const print = fingerprint(kind, resolved[kind]);
    const previous = await store.getMeta(FINGERPRINT[kind]);
    if (previous !== undefined && previous !== print) {
      if (fromFile.includes(kind)) {
        throw new KeyFileError(
          `The key file ${path} does not belong to the database ${store.path}: its ${VARIABLE[kind]} is not the one ` +
            'the data was written with. Restore the key file that belongs to this database.',
        );
      }
      warnings.push(`${VARIABLE[kind]} differs from the one this database was last used with: ${CONSEQUENCE[kind]}`);
    }
    if (previous !== print) await store.setMeta(FINGERPRINT[kind], print);
  }

  for (const kind of legacy) await store.deleteMeta(LEGACY_META[kind]);
  if (legacy.length > 0) {
    warnings.push(`Moved ${legacy.map((kind) => VARIABLE[kind]).join(' and ')} out of the database into ${path}`);
  }
  // Also after a crash between the deletion and the checkpoint: the bytes themselves must be gone from the files.
  const secretsInFile = Object.values(kept).filter((value): value is string => value !== undefined);
  if (onDisk && (legacy.length > 0 || fileHolds(store.path, secretsInFile))) {
    await store.compact();
    if (fileHolds(store.path, secretsInFile)) {
      warnings.push(`A copy of a server secret is still in ${store.path} or its journal after compacting it`);
    }
  }
  return {
    apiKeyHmacSecret: resolved.hmac,
    encryptionKey: Buffer.from(resolved.encryption, 'hex'),
    generated,
    warnings,
    keyFile: path,
  };
}

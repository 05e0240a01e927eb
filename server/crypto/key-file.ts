/**
 * The key file: the server secrets that were generated rather than configured, kept beside the database
 * (`<database>.keys`) and never in it, so a copy of the database alone opens no credential and no key.
 *
 * It is JSON (`{"format": "plexmcp-keys/1", "API_KEY_HMAC_SECRET": hex, "PLEXMCP_ENCRYPTION_KEY": hex}`), readable by
 * its owner only (mode 0600), and replaced atomically: written to a temporary file created 0600 in the same directory,
 * fsynced, renamed over the old one, and the directory fsynced, so a crash leaves either the old file or the new one.
 */
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  existsSync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';

export type SecretName = 'API_KEY_HMAC_SECRET' | 'PLEXMCP_ENCRYPTION_KEY';
export type KeyFileSecrets = Partial<Record<SecretName, string>>;

const FORMAT = 'plexmcp-keys/1';
const HEX_32_BYTES = /^[0-9a-f]{64}$/;

/** The key file of the database at `databasePath`. */
export function keyFilePath(databasePath: string): string {
  return `${databasePath}.keys`;
}

/** A key file that exists but cannot be used: the message says which file and what to do. */
export class KeyFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyFileError';
  }
}

export interface KeyFileRead {
  secrets: KeyFileSecrets;
  /** Set when the file was readable by others and has been restricted to its owner. */
  tightened: boolean;
}

/** The secrets in the key file at `path`, or undefined when there is none. */
export function readKeyFile(path: string): KeyFileRead | undefined {
  if (!existsSync(path)) return undefined;
  let tightened = false;
  // Owner only: a key file others can read gives them every credential (POSIX permission bits; no-op on Windows).
  if (process.platform !== 'win32' && (statSync(path).mode & 0o077) !== 0) {
    chmodSync(path, 0o600);
    tightened = true;
  }
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new KeyFileError(`The key file ${path} cannot be read (${code}); restore it from a backup or fix its access`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Not the parser's message: it quotes the file's text, which holds the secrets.
    throw new KeyFileError(`The key file ${path} is not valid JSON; restore it from a backup`);
  }
  const record = (parsed ?? {}) as Record<string, unknown>;
  if (record.format !== FORMAT) {
    throw new KeyFileError(`The key file ${path} is not a ${FORMAT} file; restore it from a backup`);
  }
  const secrets: KeyFileSecrets = {};
  for (const name of ['API_KEY_HMAC_SECRET', 'PLEXMCP_ENCRYPTION_KEY'] as const) {
    const value = record[name];
    if (value === undefined) continue;
    if (typeof value !== 'string' || !HEX_32_BYTES.test(value)) {
      throw new KeyFileError(`The key file ${path} has an invalid ${name}; restore it from a backup`);
    }
    secrets[name] = value;
  }
  return { secrets, tightened };
}

/** Replaces the key file at `path` with `secrets`, atomically, readable by its owner only. */
export function writeKeyFile(path: string, secrets: KeyFileSecrets): void {
  const directory = dirname(path);
  const temporary = join(directory, `.${basename(path)}.tmp-${randomBytes(6).toString('hex')}`);
  const text = `${JSON.stringify({ format: FORMAT, ...secrets }, null, 2)}\n`;
  // 'wx': never follow or reuse an existing file; 0600 from the first byte, not chmod-ed afterwards.
  const fd = openSync(temporary, 'wx', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    unlinkSync(temporary);
    throw error;
  }
  closeSync(fd);
  renameSync(temporary, path);
  syncDirectory(directory);
}

function syncDirectory(directory: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(directory, 'r');
    fsyncSync(fd);
  } catch {
    // Some platforms cannot fsync a directory; the rename is still atomic.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** A new 256-bit secret, hex. */
export function newSecret(): string {
  return randomBytes(32).toString('hex');
}

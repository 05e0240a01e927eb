/**
 * Where the database lives between runs. sql.js holds the database in memory; after each committed write the whole
 * image is written to disk as a snapshot, atomically: a temporary file in the same directory is written and fsynced,
 * renamed over the database (rename(2) is atomic within a filesystem) and the directory is fsynced so the rename itself
 * is durable. A crash at any point leaves either the previous file or the new one, never a torn mix.
 * This module is the only one that knows the on-disk form, so a write-ahead journal can replace it later.
 */
import { mkdirSync, readdirSync, readFileSync, unlinkSync } from 'node:fs';
import { open, rename } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { acquireDatabaseLock } from './db-lock.js';

export interface Persistence {
  /** The database file, or `:memory:`. */
  readonly location: string;
  /** False when nothing is written (an in-memory database), so callers can skip exporting. */
  readonly durable: boolean;
  /** The stored image, or undefined for a new database. */
  load(): Uint8Array | undefined;
  save(image: Uint8Array): Promise<void>;
  /** Releases the database (its lock); `save` is not called afterwards. */
  close(): void;
}

export function memoryPersistence(): Persistence {
  return { location: ':memory:', durable: false, load: () => undefined, save: async () => {}, close: () => {} };
}

/** Opens (creating its directory) a database file for this process alone; throws `DatabaseLockedError` when another
 * live process holds it. */
export function filePersistence(path: string): Persistence {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true });
  const lock = acquireDatabaseLock(path);
  removeLeftoverTempFiles(path);
  return {
    location: path,
    durable: true,
    load: () => {
      try {
        return new Uint8Array(readFileSync(path));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },
    save: (image) => writeAtomically(path, image),
    close: () => lock.release(),
  };
}

function tempPrefix(path: string): string {
  return `.${basename(path)}.tmp-`;
}

async function writeAtomically(path: string, image: Uint8Array): Promise<void> {
  const temp = join(dirname(path), `${tempPrefix(path)}${process.pid}-${randomBytes(6).toString('hex')}`);
  // 0600: the database holds key hashes, encrypted credentials and the generated server secrets.
  const file = await open(temp, 'wx', 0o600);
  try {
    await file.writeFile(image);
    await file.sync();
  } catch (error) {
    await file.close();
    unlinkSync(temp);
    throw error;
  }
  await file.close();
  await rename(temp, path);
  await syncDirectory(dirname(path));
}

async function syncDirectory(dir: string): Promise<void> {
  // Windows cannot open a directory for fsync; its rename durability comes from NTFS journaling instead.
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Temporary files are only ever left by a process that died mid-write; we hold the lock, so none is in use. */
function removeLeftoverTempFiles(path: string): void {
  const prefix = tempPrefix(path);
  for (const name of readdirSync(dirname(path))) {
    if (name.startsWith(prefix)) unlinkSync(join(dirname(path), name));
  }
}

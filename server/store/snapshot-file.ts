/**
 * The snapshot: the whole database as a SQLite file at the database path, replaced atomically. A temporary file in
 * the same directory is written and fsynced, renamed over the snapshot (rename(2) is atomic within a filesystem) and
 * the directory fsynced so the rename itself is durable. A crash leaves the previous snapshot or the new one.
 */

import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, unlinkSync } from 'node:fs';
import { open, rename } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export function readSnapshot(path: string): Uint8Array | undefined {
  try {
    return new Uint8Array(readFileSync(path));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function tempPrefix(path: string): string {
  return `.${basename(path)}.tmp-`;
}

/** `beforeRename` runs once the temporary file is complete and fsynced (tests use it to stop there). */
export async function writeSnapshot(
  path: string,
  image: Uint8Array,
  beforeRename?: () => Promise<void>,
): Promise<void> {
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
  try {
    await beforeRename?.();
    await rename(temp, path);
  } catch (error) {
    unlinkSync(temp);
    throw error;
  }
  await syncDirectory(dirname(path));
}

export async function syncDirectory(dir: string): Promise<void> {
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
export function removeLeftoverTempFiles(path: string): void {
  const prefix = tempPrefix(path);
  for (const name of readdirSync(dirname(path))) {
    if (name.startsWith(prefix)) unlinkSync(join(dirname(path), name));
  }
}

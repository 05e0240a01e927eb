/**
 * One process per database file. sql.js keeps the whole database in memory and writes it back as a snapshot, so two
 * processes on one file would silently overwrite each other's commits. A lock file beside the database, created with
 * O_EXCL, keeps a second process off it; a lock whose holder is no longer alive is taken over.
 */

import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';

export class DatabaseLockedError extends Error {
  constructor(
    readonly databasePath: string,
    readonly holderPid: number,
  ) {
    super(
      `The database ${databasePath} is in use by another process (${holderPid > 0 ? `pid ${holderPid}` : 'pid unknown'}). ` +
        `Stop that process first, or, if it is not running, delete ${lockPathFor(databasePath)}.`,
    );
    this.name = 'DatabaseLockedError';
  }
}

export interface DatabaseLock {
  readonly lockPath: string;
  release(): void;
}

interface LockContent {
  pid: number;
  startedAt: string;
  token: string;
}

/** Lock paths this process holds: a lock naming our own pid but not listed here is left over from an earlier process
 * that had the same pid (common in containers, where the server is always pid 1). */
const heldHere = new Set<string>();

export function lockPathFor(databasePath: string): string {
  return `${databasePath}.lock`;
}

export function acquireDatabaseLock(databasePath: string): DatabaseLock {
  const lockPath = lockPathFor(databasePath);
  const content: LockContent = {
    pid: process.pid,
    startedAt: new Date(Date.now() - process.uptime() * 1000).toISOString(),
    token: randomBytes(12).toString('hex'),
  };
  // Two attempts: the second follows the removal of a stale lock.
  for (let attempt = 0; attempt < 2; attempt++) {
    if (tryCreate(lockPath, content)) {
      // Two processes taking over the same stale lock could both unlink and create; the one whose token is not in
      // the file afterwards lost the race.
      const now = readLock(lockPath);
      if (now?.token !== content.token) throw new DatabaseLockedError(databasePath, now?.pid ?? -1);
      heldHere.add(lockPath);
      return {
        lockPath,
        release: () => {
          heldHere.delete(lockPath);
          if (readLock(lockPath)?.token === content.token) unlinkSync(lockPath);
        },
      };
    }
    const holder = readLock(lockPath);
    if (holder && isAlive(holder.pid) && (holder.pid !== process.pid || heldHere.has(lockPath))) {
      throw new DatabaseLockedError(databasePath, holder.pid);
    }
    // An unreadable lock that is seconds old may be one another process has created but not yet written.
    if (!holder && isRecent(lockPath)) throw new DatabaseLockedError(databasePath, -1);
    try {
      unlinkSync(lockPath);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  throw new DatabaseLockedError(databasePath, readLock(lockPath)?.pid ?? -1);
}

function tryCreate(lockPath: string, content: LockContent): boolean {
  let fd: number;
  try {
    fd = openSync(lockPath, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, `${JSON.stringify(content)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return true;
}

function readLock(lockPath: string): LockContent | undefined {
  try {
    const parsed = JSON.parse(readFileSync(lockPath, 'utf8')) as Partial<LockContent>;
    if (typeof parsed.pid !== 'number') return undefined;
    return { pid: parsed.pid, startedAt: String(parsed.startedAt ?? ''), token: String(parsed.token ?? '') };
  } catch {
    // A lock file that is missing, empty or garbled (a crash while it was being written) protects nothing.
    return undefined;
  }
}

function isRecent(lockPath: string): boolean {
  try {
    return Date.now() - statSync(lockPath).mtimeMs < 2_000;
  } catch {
    return false;
  }
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

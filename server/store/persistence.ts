/**
 * Where the database lives between runs: a snapshot (a plain SQLite file at the database path) plus a journal of the
 * transactions committed after it (`<db>.journal-<generation>`). A write is acknowledged once its journal record is
 * fdatasynced (group commit: see journal-writer.ts), so its cost does not grow with the database. A checkpoint writes a
 * new snapshot when the journal passes a size or an age, and at close, then drops the journal files it covers; the
 * order of its steps, and why a crash between any two of them recovers, is in README.md.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { acquireDatabaseLock } from './db-lock.js';
import { FilePersistence } from './file-persistence.js';
import type { Persistence, StorageOptions } from './persistence-types.js';
import { removeLeftoverTempFiles } from './snapshot-file.js';

export type { CheckpointImage, CheckpointStep, Persistence, StorageOptions } from './persistence-types.js';

export function memoryPersistence(): Persistence {
  return {
    location: ':memory:',
    durable: false,
    loadSnapshot: () => undefined,
    recover: () => [],
    discardFrom: () => {},
    start: () => {},
    append: async () => {},
    flush: async () => {},
    checkpoint: async () => {},
    close: async () => {},
    release: () => {},
    stats: { appends: 0, checkpoints: 0 },
  };
}

/** Opens (creating its directory) a database for this process alone; throws `DatabaseLockedError` when another live
 * process holds it. */
export function filePersistence(path: string, options: StorageOptions = {}): Persistence {
  mkdirSync(dirname(path), { recursive: true });
  const lock = acquireDatabaseLock(path);
  try {
    removeLeftoverTempFiles(path);
  } catch (error) {
    lock.release();
    throw error;
  }
  return new FilePersistence(path, options, () => lock.release());
}

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
import type { JournalRecord } from './journal-format.js';
import { removeLeftoverTempFiles } from './snapshot-file.js';

export interface StorageOptions {
  /** Share one fdatasync among the writes that commit while another is in flight (default true). */
  groupCommit?: boolean;
  /** Checkpoint once the current journal file holds this many bytes (default 16 MiB). */
  checkpointBytes?: number;
  /** Checkpoint once the oldest journal record not in the snapshot is this old (default 5 minutes). */
  checkpointAgeMs?: number;
  /** Receives recovery and checkpoint warnings (default `console.warn`). */
  warn?: (message: string) => void;
  /** Called at each step of a checkpoint, awaited; tests use it to see the files a crash at that point leaves. */
  onCheckpointStep?: (step: CheckpointStep) => void | Promise<void>;
}

export type CheckpointStep = 'switched' | 'snapshot-written' | 'snapshot-renamed' | 'journal-dropped';

/** The database exported for a checkpoint, and the last sequence number it contains. */
export interface CheckpointImage {
  image: Uint8Array;
  seq: number;
}

export interface Persistence {
  /** The database file, or `:memory:`. */
  readonly location: string;
  /** False when nothing is written (an in-memory database). */
  readonly durable: boolean;
  /** The snapshot, or undefined for a new database. */
  loadSnapshot(): Uint8Array | undefined;
  /** The journal records after `snapshotSeq`, in order; damage after them is cut off with a warning. */
  recover(snapshotSeq: number): JournalRecord[];
  /** Replaying the record `seq` failed: the journal is cut there, with a warning. */
  discardFrom(seq: number, reason: string): void;
  /** Starts journaling after recovery; `exportImage` is called (synchronously, between transactions) to checkpoint. */
  start(exportImage: () => CheckpointImage, lastSeq: number): void;
  /** Resolves once the record is durable. */
  append(record: JournalRecord): Promise<void>;
  /** Resolves once every record appended so far is durable. */
  flush(): Promise<void>;
  /** Writes a snapshot of everything committed so far and drops the journal it covers. */
  checkpoint(): Promise<void>;
  /** Finishes pending appends, checkpoints and releases the database. */
  close(): Promise<void>;
  /** Releases the database without writing anything (opening it failed). */
  release(): void;
  /** Journal appends (one fdatasync each) and checkpoints completed since opening. */
  readonly stats: { appends: number; checkpoints: number };
}

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

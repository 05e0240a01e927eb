/**
 * What a sql.js database's persistence offers (persistence.ts chooses one: a snapshot plus journal on disk, or memory),
 * and its options. Types only, so the implementations and their chooser import them without importing each other.
 */
import type { JournalRecord } from './journal-format.js';

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

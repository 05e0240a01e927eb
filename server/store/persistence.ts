/**
 * Where the database lives between runs: a snapshot (a plain SQLite file at the database path) plus a journal of the
 * transactions committed after it (`<db>.journal-<generation>`). A write is acknowledged once its journal record is
 * fdatasynced (group commit: see journal-writer.ts), so its cost does not grow with the database. A checkpoint writes a
 * new snapshot when the journal passes a size or an age, and at close, then drops the journal files it covers; the
 * order of its steps, and why a crash between any two of them recovers, is in README.md.
 */
import { mkdirSync, unlinkSync } from 'node:fs';
import { acquireDatabaseLock } from './db-lock.js';
import { encodeRecord, type JournalRecord } from './journal-format.js';
import { cutJournal, listJournalFiles, scanJournal, type RecordPosition } from './journal-scan.js';
import { JournalWriter } from './journal-writer.js';
import { readSnapshot, removeLeftoverTempFiles, syncDirectory, writeSnapshot } from './snapshot-file.js';
import { dirname } from 'node:path';

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

class FilePersistence implements Persistence {
  readonly durable = true;
  readonly location: string;
  #options: Required<Omit<StorageOptions, 'onCheckpointStep'>> & Pick<StorageOptions, 'onCheckpointStep'>;
  #release: () => void;
  #positions = new Map<number, RecordPosition>();
  #writer: JournalWriter | undefined;
  #exportImage: (() => CheckpointImage) | undefined;
  /** The last sequence number in a durable snapshot. */
  #snapshotSeq = 0;
  #lastSeq = 0;
  #checkpointWanted = false;
  #checkpointing: Promise<void> | undefined;
  /** Waiters for the checkpoint that starts at the next switch. */
  #nextCheckpoint: { promise: Promise<void>; resolve(): void; reject(error: unknown): void } | undefined;
  #ageTimer: NodeJS.Timeout | undefined;
  #checkpoints = 0;

  constructor(path: string, options: StorageOptions, release: () => void) {
    this.location = path;
    this.#release = release;
    this.#options = {
      groupCommit: options.groupCommit ?? true,
      checkpointBytes: options.checkpointBytes ?? 16 * 1024 * 1024,
      checkpointAgeMs: options.checkpointAgeMs ?? 5 * 60_000,
      warn: options.warn ?? ((message) => console.warn(message)),
      onCheckpointStep: options.onCheckpointStep,
    };
  }

  get stats(): { appends: number; checkpoints: number } {
    return { appends: this.#writer?.appends ?? 0, checkpoints: this.#checkpoints };
  }

  loadSnapshot(): Uint8Array | undefined {
    return readSnapshot(this.location);
  }

  recover(snapshotSeq: number): JournalRecord[] {
    this.#snapshotSeq = snapshotSeq;
    const scan = scanJournal(this.location, snapshotSeq, this.#options.warn);
    scan.records.forEach((record, index) => this.#positions.set(record.seq, scan.positions[index]!));
    const newest = scan.files[scan.files.length - 1];
    this.#writer = new JournalWriter({
      databasePath: this.location,
      generation: newest?.generation ?? 1,
      bytes: scan.tailBytes,
      groupCommit: this.#options.groupCommit,
      onIdle: () => this.#onIdle(),
    });
    return scan.records;
  }

  discardFrom(seq: number, reason: string): void {
    const at = this.#positions.get(seq);
    if (!at) return;
    cutJournal(listJournalFiles(this.location), at, `a record that does not replay (${reason})`, this.#options.warn);
    this.#writer = new JournalWriter({
      databasePath: this.location,
      generation: at.file.generation,
      bytes: at.offset,
      groupCommit: this.#options.groupCommit,
      onIdle: () => this.#onIdle(),
    });
  }

  start(exportImage: () => CheckpointImage, lastSeq: number): void {
    this.#positions.clear();
    this.#exportImage = exportImage;
    this.#lastSeq = lastSeq;
    if (!this.#writer) this.recover(0);
  }

  append(record: JournalRecord): Promise<void> {
    this.#lastSeq = record.seq;
    // The age threshold counts from the first record the snapshot does not hold.
    this.#ageTimer ??= setTimeout(() => this.#want(), this.#options.checkpointAgeMs).unref();
    return this.#journal().append(record.seq, encodeRecord(record));
  }

  flush(): Promise<void> {
    return this.#journal().flush();
  }

  checkpoint(): Promise<void> {
    this.#nextCheckpoint ??= deferred();
    const waiting = this.#nextCheckpoint.promise;
    this.#want();
    return waiting;
  }

  release(): void {
    clearTimeout(this.#ageTimer);
    this.#release();
  }

  async close(): Promise<void> {
    try {
      // A record whose append failed is in the database in memory, so the checkpoint below carries it anyway.
      await this.#journal().flush().catch(() => {});
      await this.checkpoint();
    } finally {
      try {
        await this.#journal().close();
      } finally {
        this.release();
      }
    }
  }

  #journal(): JournalWriter {
    if (!this.#writer) throw new Error('The journal is used before recovery');
    return this.#writer;
  }

  #want(): void {
    this.#checkpointWanted = true;
    // The writer switches generations only between appends: kick it so an idle writer does it now.
    this.#journal().kick();
  }

  /** Between appends: start a checkpoint if one is due and none is running. */
  #onIdle(): void {
    const writer = this.#journal();
    if (writer.bytesInGeneration >= this.#options.checkpointBytes) this.#checkpointWanted = true;
    if (!this.#checkpointWanted || this.#checkpointing || !this.#exportImage) return;
    this.#checkpointWanted = false;
    const waiters = this.#nextCheckpoint;
    this.#nextCheckpoint = undefined;
    clearTimeout(this.#ageTimer);
    this.#ageTimer = undefined;
    // Synchronous from here to the switch: no transaction commits in between, so the image holds exactly the records
    // up to `seq`, and every later record goes to the new generation.
    const needed = this.#lastSeq > this.#snapshotSeq || listJournalFiles(this.location).length > 0;
    if (!needed) {
      waiters?.resolve();
      return;
    }
    let exported: CheckpointImage;
    try {
      exported = this.#exportImage();
    } catch (error) {
      this.#options.warn(`storage: checkpoint could not export the database (${(error as Error).message}); the journal is kept`);
      waiters?.reject(error);
      return;
    }
    const { image, seq } = exported;
    const oldGeneration = writer.switchGeneration();
    const running = this.#writeCheckpoint(image, seq, oldGeneration);
    this.#checkpointing = running;
    running.then(
      () => waiters?.resolve(),
      (error: unknown) => {
        this.#options.warn(`storage: checkpoint failed (${(error as Error).message}); the journal is kept and replayed at the next start`);
        waiters?.reject(error);
      },
    );
    void running.catch(() => {}).finally(() => {
      this.#checkpointing = undefined;
      // A checkpoint asked for while this one ran (close, for one) runs now.
      if (this.#checkpointWanted) writer.kick();
    });
  }

  async #writeCheckpoint(image: Uint8Array, seq: number, oldGeneration: number): Promise<void> {
    const step = this.#options.onCheckpointStep ?? (() => {});
    await step('switched');
    await writeSnapshot(this.location, image, async () => step('snapshot-written'));
    this.#snapshotSeq = seq;
    await step('snapshot-renamed');
    // Every record in these files is in the snapshot now (they ended before the switch).
    for (const file of listJournalFiles(this.location)) {
      if (file.generation <= oldGeneration) unlinkSync(file.path);
    }
    await syncDirectory(dirname(this.location));
    this.#checkpoints++;
    await step('journal-dropped');
  }
}

function deferred(): { promise: Promise<void>; resolve(): void; reject(error: unknown): void } {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

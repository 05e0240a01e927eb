/**
 * The file-backed `Persistence`: snapshot, journal and the checkpoint policy (see persistence.ts for the interface and
 * README.md for why a crash between any two checkpoint steps recovers).
 */
import { unlinkSync } from 'node:fs';
import { dirname } from 'node:path';
import { encodeRecord, type JournalRecord } from './journal-format.js';
import { cutJournal, listJournalFiles, type RecordPosition, scanJournal } from './journal-scan.js';
import { JournalWriter } from './journal-writer.js';
import type { CheckpointImage, Persistence, StorageOptions } from './persistence-types.js';
import { readSnapshot, syncDirectory, writeSnapshot } from './snapshot-file.js';

export class FilePersistence implements Persistence {
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
    scan.records.forEach((record, index) => {
      this.#positions.set(record.seq, scan.positions[index]!);
    });
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
      await this.#journal()
        .flush()
        .catch(() => {});
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
      this.#options.warn(
        `storage: checkpoint could not export the database (${(error as Error).message}); the journal is kept`,
      );
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
        this.#options.warn(
          `storage: checkpoint failed (${(error as Error).message}); the journal is kept and replayed at the next start`,
        );
        waiters?.reject(error);
      },
    );
    void running
      .catch(() => {})
      .finally(() => {
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

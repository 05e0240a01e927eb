/**
 * Appends committed transactions to the journal, each acknowledged only once written and fdatasynced (POSIX
 * fdatasync covers the file size, so an append needs no further metadata sync). Group commit: one append runs at a
 * time; every record committed while it is in flight waits for the next one, which writes them all with one writev
 * and one fdatasync. With `groupCommit: false` each record gets its own write and fdatasync (for comparison).
 *
 * A failed append is cut back off the file (ftruncate to where it began) and its records stay queued: the database in
 * memory already holds them, and later records replay correctly only after them. Their writers get the error; the
 * next append carries the records again. If the cut fails too, appends move on to a new journal file, and recovery
 * reads past the old file's incomplete tail (see journal-scan.ts).
 */
import { constants } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { dirname } from 'node:path';
import { journalPath } from './journal-scan.js';
import { syncDirectory } from './snapshot-file.js';

interface Pending {
  seq: number;
  bytes: Buffer;
  settle: Settle;
}

interface Settle {
  promise: Promise<void>;
  resolve(): void;
  reject(error: unknown): void;
}

function settle(): Settle {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => {}); // A waiter that already gave up must not surface as an unhandled rejection.
  return { promise, resolve, reject };
}

export interface JournalWriterOptions {
  databasePath: string;
  /** The generation appends go to, and the bytes already in it. */
  generation: number;
  bytes: number;
  groupCommit: boolean;
  /** Called between appends (nothing in flight), so a checkpoint can switch generations safely. */
  onIdle: () => void;
}

export class JournalWriter {
  #options: JournalWriterOptions;
  #generation: number;
  #handle: FileHandle | undefined;
  #offset: number;
  #queue: Pending[] = [];
  #running: Promise<void> | undefined;
  #active = false;
  /** Bytes appended since the last generation switch. */
  bytesInGeneration: number;
  /** Completed appends (each one write and one fdatasync). */
  appends = 0;

  constructor(options: JournalWriterOptions) {
    this.#options = options;
    this.#generation = options.generation;
    this.#offset = options.bytes;
    this.bytesInGeneration = options.bytes;
  }

  get generation(): number {
    return this.#generation;
  }

  get busy(): boolean {
    return this.#active;
  }

  /** Queues a record; resolves once it is on disk. */
  append(seq: number, bytes: Buffer): Promise<void> {
    const entry = { seq, bytes, settle: settle() };
    this.#queue.push(entry);
    this.kick();
    return entry.settle.promise;
  }

  /** Resolves once every record queued so far is on disk; rejects if the append carrying the last one fails. */
  flush(): Promise<void> {
    const last = this.#queue[this.#queue.length - 1];
    if (!last) return this.#running ?? Promise.resolve();
    this.kick();
    return last.settle.promise;
  }

  /** Resolves once the append loop is idle (every queued record written, or an append failed). */
  async drain(): Promise<void> {
    while (this.#running) await this.#running;
  }

  get queued(): number {
    return this.#queue.length;
  }

  /** Starts the append loop if it is idle. */
  kick(): void {
    // `#active` changes only synchronously, where the loop decides to stop: an append arriving after that decision
    // starts a new loop, and one arriving before it is seen by the loop (never a second loop at the same offset).
    if (this.#active) return;
    this.#active = true;
    const running: Promise<void> = Promise.resolve()
      .then(() => this.#loop())
      .finally(() => {
        if (this.#running === running) this.#running = undefined;
      });
    this.#running = running;
  }

  /**
   * Appends go to a new generation from now on. Call only while nothing is in flight (from `onIdle`, or when not
   * `busy`): the old file is then complete.
   */
  switchGeneration(): number {
    const old = this.#generation;
    void this.#handle?.close().catch(() => {});
    this.#handle = undefined;
    this.#generation = old + 1;
    this.#offset = 0;
    this.bytesInGeneration = 0;
    return old;
  }

  async close(): Promise<void> {
    await this.drain();
    await this.#handle?.close();
    this.#handle = undefined;
  }

  async #loop(): Promise<void> {
    try {
      for (;;) {
        this.#options.onIdle();
        if (this.#queue.length === 0) break;
        const batch = this.#options.groupCommit ? this.#queue.slice() : this.#queue.slice(0, 1);
        try {
          await this.#write(batch);
        } catch (error) {
          // Each writer hears of the failure once; the retry gets a fresh promise for anyone flushing later.
          for (const entry of batch) {
            entry.settle.reject(error);
            entry.settle = settle();
          }
          // Leave the records queued for the next append, but stop here rather than spin on a failing disk.
          break;
        }
        this.#queue.splice(0, batch.length);
        for (const entry of batch) entry.settle.resolve();
      }
    } finally {
      this.#active = false;
    }
  }

  async #write(batch: Pending[]): Promise<void> {
    const handle = await this.#file();
    const start = this.#offset;
    try {
      let written = 0;
      const total = batch.reduce((sum, entry) => sum + entry.bytes.length, 0);
      while (written < total) {
        const { bytesWritten } = await handle.writev(remaining(batch, written), start + written);
        written += bytesWritten;
      }
      await handle.datasync();
      this.#offset = start + total;
      this.bytesInGeneration += total;
      this.appends++;
    } catch (error) {
      try {
        await handle.truncate(start);
      } catch {
        // The file may now end in part of this batch: append to a fresh file instead.
        this.switchGeneration();
      }
      throw error;
    }
  }

  async #file(): Promise<FileHandle> {
    if (this.#handle) return this.#handle;
    const path = journalPath(this.#options.databasePath, this.#generation);
    // 0600: records carry key hashes and encrypted credentials, like the database itself.
    // Not O_APPEND: Linux pwrite ignores the offset under it, and appends write at known offsets.
    const handle = await open(path, constants.O_RDWR | constants.O_CREAT, 0o600);
    try {
      // A new file's name must be durable before records in it are acknowledged.
      if ((await handle.stat()).size === 0) await syncDirectory(dirname(path));
    } catch (error) {
      await handle.close();
      throw error;
    }
    this.#handle = handle;
    return handle;
  }
}

function remaining(batch: Pending[], skip: number): Buffer[] {
  const out: Buffer[] = [];
  for (const entry of batch) {
    if (skip >= entry.bytes.length) {
      skip -= entry.bytes.length;
      continue;
    }
    out.push(skip > 0 ? entry.bytes.subarray(skip) : entry.bytes);
    skip = 0;
  }
  return out;
}

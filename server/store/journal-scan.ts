/**
 * Recovery's reading of the journal. Journal files are `<db>.journal-<generation>`; a checkpoint starts a new
 * generation, so records run on from one file to the next. The scan applies, in order, every record after the
 * snapshot's sequence number and stops at the first record that is torn, corrupt or out of sequence: the damage and
 * everything after it is cut off (copied aside first, so nothing is lost silently) and reported through `warn`, and
 * appends resume at a clean end.
 */
import {
  closeSync,
  fsyncSync,
  ftruncateSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { decodeRecord, type JournalRecord } from './journal-format.js';

export interface JournalFile {
  generation: number;
  path: string;
}

export interface RecordPosition {
  file: JournalFile;
  offset: number;
}

export interface JournalScan {
  /** Records after the snapshot, contiguous from `snapshotSeq + 1`. */
  records: JournalRecord[];
  /** Where each record in `records` starts, for cutting the journal there if replaying it fails. */
  positions: RecordPosition[];
  /** The journal files left after the cut, oldest first. */
  files: JournalFile[];
  /** Bytes of the newest file after the cut (where appends go on). */
  tailBytes: number;
}

export function journalPrefix(databasePath: string): string {
  return `${basename(databasePath)}.journal-`;
}

export function journalPath(databasePath: string, generation: number): string {
  return join(dirname(databasePath), `${journalPrefix(databasePath)}${String(generation).padStart(8, '0')}`);
}

export function listJournalFiles(databasePath: string): JournalFile[] {
  const prefix = journalPrefix(databasePath);
  const files: JournalFile[] = [];
  for (const name of readdirSync(dirname(databasePath))) {
    if (!name.startsWith(prefix)) continue;
    const suffix = name.slice(prefix.length);
    if (!/^\d+$/.test(suffix)) continue;
    files.push({ generation: Number(suffix), path: join(dirname(databasePath), name) });
  }
  return files.sort((a, b) => a.generation - b.generation);
}

export function scanJournal(databasePath: string, snapshotSeq: number, warn: (message: string) => void): JournalScan {
  const files = listJournalFiles(databasePath);
  const records: JournalRecord[] = [];
  const positions: RecordPosition[] = [];
  let expected = snapshotSeq + 1;
  /** The size of the file read last, which is the newest when the scan gets to the end. */
  let lastSize = 0;
  for (let index = 0; index < files.length; index++) {
    const file = files[index]!;
    const buffer = readFileSync(file.path);
    lastSize = buffer.length;
    const last = index === files.length - 1;
    let offset = 0;
    while (offset < buffer.length) {
      const result = decodeRecord(buffer, offset);
      if (result.kind === 'record') {
        const { seq } = result.record;
        if (seq > expected) return cut(files, index, offset, `sequence ${seq} where ${expected} was expected`);
        // Earlier sequence numbers are in the snapshot already, or repeat a batch rewritten after a failed append.
        if (seq === expected) {
          records.push(result.record);
          positions.push({ file, offset });
          expected++;
        }
        offset += result.bytes;
        continue;
      }
      // An incomplete record ends an older file only when an append failed and writing moved on to the next file;
      // that file repeats the batch, so the scan goes on there.
      if (result.kind === 'torn' && !last) {
        warn(
          `storage: ${file.path} ends in an incomplete record at byte ${offset} (a failed append); continuing in the next journal file`,
        );
        break;
      }
      return cut(
        files,
        index,
        offset,
        result.kind === 'torn'
          ? 'an incomplete record (a write cut short by a crash)'
          : `a corrupt record (${result.reason})`,
      );
    }
  }
  return { records, positions, files, tailBytes: lastSize };

  function cut(all: JournalFile[], index: number, offset: number, what: string): JournalScan {
    const kept = cutJournal(all, { file: all[index]!, offset }, `${what}`, warn);
    return { records, positions, files: kept, tailBytes: offset };
  }
}

/**
 * Cuts the journal at `at`: the bytes from there and any later files are moved aside to `*.discarded-<time>` files
 * beside the database (never applied, kept for inspection), so new appends never follow damage.
 */
export function cutJournal(
  all: JournalFile[],
  at: RecordPosition,
  what: string,
  warn: (message: string) => void,
): JournalFile[] {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const tail = readFileSync(at.file.path).subarray(at.offset);
  const later = all.filter((f) => f.generation > at.file.generation);
  if (tail.length > 0) writeFileSync(`${at.file.path}.discarded-${stamp}`, tail, { mode: 0o600 });
  // Durably: a later file coming back after a power loss would be read after the records appended from here on.
  const fd = openSync(at.file.path, 'r+');
  try {
    ftruncateSync(fd, at.offset);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  for (const file of later) renameSync(file.path, `${file.path}.discarded-${stamp}`);
  syncDirectorySync(dirname(at.file.path));
  warn(
    `storage: journal ${at.file.path} has ${what} at byte ${at.offset}; replay stopped there and ${tail.length} byte(s)` +
      `${later.length > 0 ? ` and ${later.length} later journal file(s)` : ''} were set aside as *.discarded-${stamp}, not applied`,
  );
  return all.filter((f) => f.generation <= at.file.generation);
}

function syncDirectorySync(dir: string): void {
  // Windows cannot open a directory for fsync (see snapshot-file.ts).
  if (process.platform === 'win32') return;
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

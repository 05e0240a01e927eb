import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeRecord } from './journal-format.js';
import { journalPath } from './journal-scan.js';
import { filePersistence } from './persistence.js';
import { SqlDb } from './sql-db.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'plexmcp-journal-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Opens `name` in the temp dir, collecting warnings. */
async function open(name: string, options: { checkpointBytes?: number } = {}) {
  const warnings: string[] = [];
  const db = await SqlDb.open(filePersistence(join(dir, name), { ...options, warn: (m) => warnings.push(m) }));
  return { db, warnings };
}

const values = (db: SqlDb) => db.all('SELECT v FROM t ORDER BY rowid').map((row) => row.v);

/** Writes a table and `count` rows (one transaction each), and returns the journal bytes with the record ends. */
async function journalOf(name: string, count: number): Promise<{ bytes: Buffer; ends: number[] }> {
  const { db } = await open(name);
  await db.write(() => db.exec('CREATE TABLE t (v TEXT NOT NULL)'));
  for (let i = 0; i < count; i++)
    await db.write(() => db.run('INSERT INTO t VALUES (?)', [`row ${i} ${'x'.repeat(i)}`]));
  // The journal as a crash would leave it: read before close, whose checkpoint would drop it.
  const bytes = readFileSync(journalPath(join(dir, name), 1));
  await db.close();
  const ends: number[] = [];
  for (let offset = 0; offset < bytes.length; ) {
    const result = decodeRecord(bytes, offset);
    if (result.kind !== 'record') throw new Error('unreadable journal');
    offset += result.bytes;
    ends.push(offset);
  }
  return { bytes, ends };
}

describe('journal recovery', () => {
  it('replays every committed transaction after a crash (no checkpoint since they were written)', async () => {
    const { bytes } = await journalOf('a.db', 5);
    writeFileSync(journalPath(join(dir, 'b.db'), 1), bytes);
    const { db, warnings } = await open('b.db');
    expect(values(db)).toEqual(Array.from({ length: 5 }, (_, i) => `row ${i} ${'x'.repeat(i)}`));
    expect(warnings).toEqual([]);
    await db.close();
  });

  it('discards a torn last record at every byte offset, with a warning, and appends cleanly after it', async () => {
    const { bytes, ends } = await journalOf('a.db', 4);
    const lastStart = ends[ends.length - 2]!;
    for (let cut = lastStart; cut < bytes.length; cut++) {
      const name = `torn-${cut}.db`;
      writeFileSync(journalPath(join(dir, name), 1), bytes.subarray(0, cut));
      const { db, warnings } = await open(name);
      expect(values(db), `cut at ${cut}`).toHaveLength(3);
      if (cut === lastStart) expect(warnings).toEqual([]);
      else
        expect(warnings.join('\n'), `cut at ${cut}`).toMatch(/incomplete record .* at byte \d+; replay stopped there/);
      // The tail is gone from the journal, so the next record follows a whole one.
      expect(statSync(journalPath(join(dir, name), 1)).size).toBe(lastStart);
      await db.write(() => db.run('INSERT INTO t VALUES (?)', ['after']));
      const journal = readFileSync(journalPath(join(dir, name), 1));
      const appended = decodeRecord(journal, lastStart);
      expect(appended.kind === 'record' && appended.record.seq).toBe(ends.length);
      await db.close();
      const again = await open(name);
      expect(values(again.db).slice(-1)).toEqual(['after']);
      await again.db.close();
    }
  });

  it('stops replay at a record with a bad checksum in the middle and sets the rest aside unapplied', async () => {
    const { bytes, ends } = await journalOf('a.db', 6);
    const damaged = Buffer.from(bytes);
    // Inside the payload of the fourth record (the table's record is the first).
    const at = ends[2]! + 20;
    damaged[at] = (damaged[at] ?? 0) ^ 0xff;
    writeFileSync(journalPath(join(dir, 'c.db'), 1), damaged);
    const { db, warnings } = await open('c.db');
    expect(values(db)).toEqual(['row 0 ', 'row 1 x']);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/corrupt record \(checksum mismatch\) at byte \d+; replay stopped there/);
    const aside = readdirSync(dir).filter((name) => name.startsWith('c.db.journal-00000001.discarded-'));
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(dir, aside[0]!))).toEqual(damaged.subarray(ends[2]));
    await db.close();
  });

  it('stops at a gap in the sequence rather than apply a later record to the wrong state', async () => {
    const { bytes, ends } = await journalOf('a.db', 4);
    // Drop the third record: the fourth no longer follows.
    const gapped = Buffer.concat([bytes.subarray(0, ends[1]), bytes.subarray(ends[2])]);
    writeFileSync(journalPath(join(dir, 'd.db'), 1), gapped);
    const { db, warnings } = await open('d.db');
    expect(values(db)).toEqual(['row 0 ']);
    expect(warnings[0]).toMatch(/sequence 4 where 3 was expected/);
    await db.close();
  });

  it('recovers a journal of 20,000 transactions in bounded time', async () => {
    const { db } = await open('big.db', { checkpointBytes: 1024 ** 3 });
    await db.write(() => db.exec('CREATE TABLE t (v TEXT NOT NULL)'));
    const writes: Promise<number>[] = [];
    for (let i = 0; i < 20_000; i++) writes.push(db.write(() => db.run('INSERT INTO t VALUES (?)', [`value ${i}`])));
    await Promise.all(writes);
    copyFileSync(journalPath(join(dir, 'big.db'), 1), journalPath(join(dir, 'copy.db'), 1));
    await db.close();
    const started = Date.now();
    const { db: copy, warnings } = await open('copy.db');
    const seconds = (Date.now() - started) / 1000;
    expect(copy.get('SELECT COUNT(*) AS n, MAX(v) AS top FROM t')).toEqual({ n: 20_000, top: 'value 9999' });
    expect(copy.sequence).toBe(20_001);
    expect(warnings).toEqual([]);
    expect(seconds).toBeLessThan(20);
    await copy.close();
  });
});

import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listJournalFiles } from './journal-scan.js';
import { type CheckpointStep, filePersistence } from './persistence.js';
import { SqlDb } from './sql-db.js';
import { copyDatabaseFiles } from './test-store.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'plexmcp-checkpoint-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const values = (db: SqlDb) => db.all('SELECT v FROM t ORDER BY v').map((row) => Number(row.v));
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

async function insert(db: SqlDb, from: number, to: number): Promise<void> {
  await Promise.all(range(from, to).map((v) => db.write(() => db.run('INSERT INTO t VALUES (?)', [v]))));
}

/** What a crash would leave: the database's files copied, as they are now, under a new name in their own directory. */
function crashCopy(path: string, label: string): string {
  const target = join(dir, label);
  mkdirSync(target);
  copyDatabaseFiles(path, join(target, 'db'));
  return join(target, 'db');
}

async function reopen(path: string): Promise<{ db: SqlDb; warnings: string[] }> {
  const warnings: string[] = [];
  const db = await SqlDb.open(filePersistence(path, { warn: (m) => warnings.push(m) }));
  return { db, warnings };
}

describe('checkpoints', () => {
  it('recovers everything acknowledged from a crash between any two checkpoint steps, with writes going on meanwhile', async () => {
    const path = join(dir, 'main.db');
    const copies: { label: string; path: string; acknowledged: number }[] = [];
    let acknowledged = 0;
    let db!: SqlDb;
    let watching = true;
    const onCheckpointStep = async (step: CheckpointStep) => {
      if (!watching) return;
      // Writes made while a checkpoint runs go to the new journal file; they are acknowledged before the copy.
      await insert(db, acknowledged, acknowledged + 5);
      acknowledged += 5;
      copies.push({ label: step, path: crashCopy(path, step), acknowledged });
    };
    db = await SqlDb.open(filePersistence(path, { onCheckpointStep }));
    await db.write(() => db.exec('CREATE TABLE t (v INTEGER PRIMARY KEY)'));
    await insert(db, 0, 20);
    acknowledged = 20;
    copies.push({ label: 'before', path: crashCopy(path, 'before'), acknowledged });
    await db.checkpoint();
    watching = false;
    const steps: CheckpointStep[] = ['switched', 'snapshot-written', 'snapshot-renamed', 'journal-dropped'];
    expect(copies.map((c) => c.label)).toEqual(['before', ...steps]);

    // A crash after the rename but before the old journal file is removed leaves both.
    const renamed = copies.find((c) => c.label === 'snapshot-renamed')!;
    expect(existsSync(renamed.path)).toBe(true);
    expect(listJournalFiles(renamed.path).length).toBe(2);
    // The crash before the rename leaves the previous state: no snapshot yet, only journals.
    expect(existsSync(copies.find((c) => c.label === 'snapshot-written')!.path)).toBe(false);
    // After the old journal is dropped only the new one remains beside the snapshot.
    expect(listJournalFiles(copies.find((c) => c.label === 'journal-dropped')!.path).map((f) => f.generation)).toEqual([
      2,
    ]);

    for (const copy of copies) {
      const { db: recovered, warnings } = await reopen(copy.path);
      expect(values(recovered), copy.label).toEqual(range(0, copy.acknowledged));
      expect(warnings, copy.label).toEqual([]);
      // Recovery leaves a database that takes writes and recovers again.
      await recovered.write(() => recovered.run('INSERT INTO t VALUES (?)', [1000]));
      await recovered.close();
      const again = await reopen(copy.path);
      expect(values(again.db).length, copy.label).toBe(copy.acknowledged + 1);
      await again.db.close();
    }
    await db.close();
  });

  it('recovers when a crash removed only some of the journal files a checkpoint covers', async () => {
    const path = join(dir, 'partial.db');
    let failNext = true;
    let copy = '';
    const db = await SqlDb.open(
      filePersistence(path, {
        warn: () => {},
        onCheckpointStep: (step) => {
          // The first checkpoint fails after switching, so the next one covers two journal files.
          if (step === 'snapshot-written' && failNext) {
            failNext = false;
            throw new Error('disk full');
          }
          if (step === 'snapshot-renamed' && !copy) copy = crashCopy(path, 'partial');
        },
      }),
    );
    await db.write(() => db.exec('CREATE TABLE t (v INTEGER PRIMARY KEY)'));
    await insert(db, 0, 10);
    await expect(db.checkpoint()).rejects.toThrow('disk full');
    await insert(db, 10, 20);
    await db.checkpoint();
    await insert(db, 20, 25);
    await db.close();
    const files = listJournalFiles(copy);
    expect(files.map((f) => f.generation)).toEqual([1, 2]);
    for (const removed of files) {
      const variant = crashCopy(copy, `without-${removed.generation}`);
      unlinkSync(listJournalFiles(variant).find((f) => f.generation === removed.generation)!.path);
      const { db: recovered, warnings } = await reopen(variant);
      expect(values(recovered)).toEqual(range(0, 20));
      expect(warnings).toEqual([]);
      await recovered.close();
    }
  });

  it('checkpoints by journal size and by age, and leaves only the snapshot after close', async () => {
    const path = join(dir, 'size.db');
    const persistence = filePersistence(path, { checkpointBytes: 4096 });
    const db = await SqlDb.open(persistence);
    await db.write(() => db.exec('CREATE TABLE t (v INTEGER PRIMARY KEY)'));
    for (let i = 0; i < 300; i++) await db.write(() => db.run('INSERT INTO t VALUES (?)', [i]));
    await db.flush();
    expect(persistence.stats.checkpoints).toBeGreaterThanOrEqual(3);
    // No journal file grew far past the threshold.
    expect(listJournalFiles(path).length).toBeLessThanOrEqual(2);
    await db.close();
    expect(readdirSync(dir).sort()).toEqual(['size.db']);

    const aged = filePersistence(join(dir, 'age.db'), { checkpointAgeMs: 50 });
    const old = await SqlDb.open(aged);
    await old.write(() => old.exec('CREATE TABLE t (v INTEGER PRIMARY KEY)'));
    const deadline = Date.now() + 10_000;
    while (aged.stats.checkpoints === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(aged.stats.checkpoints).toBe(1);
    expect(existsSync(join(dir, 'age.db'))).toBe(true);
    await old.close();
  });

  it('keeps the journal when a checkpoint cannot write its snapshot, and recovers from it', async () => {
    const path = join(dir, 'fail.db');
    const warnings: string[] = [];
    const db = await SqlDb.open(
      filePersistence(path, {
        warn: (m) => warnings.push(m),
        onCheckpointStep: (step) => {
          if (step === 'snapshot-written') throw new Error('disk full');
        },
      }),
    );
    await db.write(() => db.exec('CREATE TABLE t (v INTEGER PRIMARY KEY)'));
    await insert(db, 0, 10);
    await expect(db.checkpoint()).rejects.toThrow('disk full');
    await insert(db, 10, 15);
    expect(warnings.join()).toMatch(/checkpoint failed \(disk full\)/);
    const copy = crashCopy(path, 'after-failure');
    await expect(db.close()).rejects.toThrow('disk full');
    const recovered = await reopen(copy);
    expect(values(recovered.db)).toEqual(range(0, 15));
    await recovered.db.close();
  });
});

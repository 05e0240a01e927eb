import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  unlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { journalPath } from './journal-scan.js';
import { MIGRATIONS, migrate } from './migrations.js';
import { filePersistence, memoryPersistence } from './persistence.js';
import { SqlDb, StoreClosedError } from './sql-db.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'plexmcp-sqldb-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('SqlDb', () => {
  it('rolls a failed transaction back entirely', async () => {
    const db = await SqlDb.open(filePersistence(join(dir, 'a.db')));
    await db.write(() => db.exec('CREATE TABLE t (v INTEGER)'));
    await expect(
      db.write(() => {
        db.run('INSERT INTO t VALUES (1)');
        throw new Error('midway');
      }),
    ).rejects.toThrow('midway');
    expect(db.all('SELECT * FROM t')).toEqual([]);
    await db.close();
  });

  it('refuses an asynchronous transaction body, which could commit half its work', async () => {
    const db = await SqlDb.open(filePersistence(join(dir, 'async.db')));
    await db.write(() => db.exec('CREATE TABLE t (v INTEGER)'));
    await expect(
      db.write(() => {
        db.run('INSERT INTO t VALUES (1)');
        return Promise.resolve();
      }),
    ).rejects.toThrow(/must be synchronous/);
    expect(db.all('SELECT * FROM t')).toEqual([]);
    await db.close();
  });

  it.runIf(process.platform === 'linux')(
    'reports a failed journal append to the writer and carries the commit with the next append',
    async () => {
      const path = join(dir, 'b.db');
      const db = await SqlDb.open(filePersistence(path, { warn: () => {} }));
      // The first journal file is a full disk: every write to it fails with ENOSPC and it cannot be truncated.
      symlinkSync('/dev/full', journalPath(path, 1));
      await expect(db.write(() => db.exec('CREATE TABLE t (v INTEGER)'))).rejects.toThrow(/ENOSPC/);
      await expect(db.write(() => db.run('INSERT INTO t VALUES (1)'))).resolves.toBe(1);
      unlinkSync(journalPath(path, 1));
      // Read the files as they are now (no checkpoint at close): the retried record is in the next journal file.
      const copy = join(dir, 'copy');
      mkdirSync(copy);
      for (const name of readdirSync(dir))
        if (name.startsWith('b.db.journal-')) copyFileSync(join(dir, name), join(copy, name.replace('b.db', 'c.db')));
      await db.close();
      const reopened = await SqlDb.open(filePersistence(join(copy, 'c.db')));
      expect(reopened.all('SELECT v FROM t')).toEqual([{ v: 1 }]);
      await reopened.close();
    },
  );

  it('groups commits made while an append is in flight into the next append', async () => {
    const persistence = filePersistence(join(dir, 'c.db'));
    const db = await SqlDb.open(persistence);
    await db.write(() => db.exec('CREATE TABLE t (v INTEGER)'));
    const before = persistence.stats.appends;
    await Promise.all(Array.from({ length: 50 }, (_, i) => db.write(() => db.run('INSERT INTO t VALUES (?)', [i]))));
    // One append for the first commit, one for the 49 made while it was in flight.
    expect(persistence.stats.appends - before).toBeLessThanOrEqual(2);
    expect(db.get('SELECT COUNT(*) AS n FROM t')).toEqual({ n: 50 });
    await db.close();
    await expect(async () => db.all('SELECT 1')).rejects.toBeInstanceOf(StoreClosedError);
  });

  it('writes a commit made the moment the previous write resolves (no append is left waiting)', async () => {
    for (const groupCommit of [true, false]) {
      const db = await SqlDb.open(filePersistence(join(dir, `chain-${groupCommit}.db`), { groupCommit }));
      await db.write(() => db.exec('CREATE TABLE t (v INTEGER)'));
      let chain: Promise<unknown> = Promise.resolve();
      for (let i = 0; i < 200; i++) chain = chain.then(() => db.write(() => db.run('INSERT INTO t VALUES (?)', [i])));
      await chain;
      expect(db.get('SELECT COUNT(*) AS n FROM t')).toEqual({ n: 200 });
      await db.close();
    }
  });

  it('gives each commit its own append when group commit is off', async () => {
    const persistence = filePersistence(join(dir, 'd.db'), { groupCommit: false });
    const db = await SqlDb.open(persistence);
    await db.write(() => db.exec('CREATE TABLE t (v INTEGER)'));
    const before = persistence.stats.appends;
    await Promise.all(Array.from({ length: 20 }, (_, i) => db.write(() => db.run('INSERT INTO t VALUES (?)', [i]))));
    expect(persistence.stats.appends - before).toBe(20);
    await db.close();
  });

  it('refuses a change outside write(), which would have no journal record', async () => {
    const db = await SqlDb.open(filePersistence(join(dir, 'e.db')));
    expect(() => db.run('CREATE TABLE t (v INTEGER)')).toThrow(/only inside write/);
    await db.close();
  });

  it('never writes an in-memory database', async () => {
    const db = await SqlDb.open(memoryPersistence());
    await db.write(() => db.exec('CREATE TABLE t (v INTEGER)'));
    await db.close();
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('migrations', () => {
  it('applies each migration once and records it', async () => {
    const path = join(dir, 'm.db');
    const db = await SqlDb.open(filePersistence(path));
    expect(await migrate(db)).toEqual(MIGRATIONS.map((m) => m.version));
    expect(await migrate(db)).toEqual([]);
    expect(db.all('SELECT version, name FROM schema_migrations')).toEqual(
      MIGRATIONS.map((m) => ({ version: m.version, name: m.name })),
    );
    expect(db.get('PRAGMA foreign_keys')).toEqual({ foreign_keys: 1 });
    await db.close();
    expect(readFileSync(path).subarray(0, 15).toString()).toBe('SQLite format 3');
  });

  it('refuses a database written by a newer schema', async () => {
    const db = await SqlDb.open(filePersistence(join(dir, 'n.db')));
    await migrate(db);
    await db.write(() => db.run("INSERT INTO schema_migrations VALUES (999, 'future', '2030-01-01T00:00:00.000Z')"));
    await expect(migrate(db)).rejects.toThrow(/schema version 999, newer than this server knows/);
    await db.close();
  });
});

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS, migrate } from './migrations.js';
import { filePersistence, type Persistence } from './persistence.js';
import { SqlDb, StoreClosedError } from './sql-db.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'plexmcp-sqldb-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The real file persistence, with the next `failures` saves failing as a full disk would. */
function flakyFile(path: string, failures: number): Persistence & { saves: number } {
  const real = filePersistence(path);
  const flaky = {
    ...real,
    saves: 0,
    async save(image: Uint8Array) {
      flaky.saves++;
      if (failures-- > 0) throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
      return real.save(image);
    },
  };
  return flaky;
}

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

  it('reports a failed disk write to the writer and writes the commit with the next image', async () => {
    const path = join(dir, 'b.db');
    const persistence = flakyFile(path, 1);
    const db = await SqlDb.open(persistence);
    await expect(db.write(() => db.exec('CREATE TABLE t (v INTEGER)'))).rejects.toThrow('ENOSPC');
    await expect(db.write(() => db.run('INSERT INTO t VALUES (1)'))).resolves.toBe(1);
    await db.close();
    const reopened = await SqlDb.open(filePersistence(path));
    expect(reopened.all('SELECT v FROM t')).toEqual([{ v: 1 }]);
    await reopened.close();
  });

  it('groups commits made while an image is being written into the next one', async () => {
    const persistence = flakyFile(join(dir, 'c.db'), 0);
    const db = await SqlDb.open(persistence);
    await db.write(() => db.exec('CREATE TABLE t (v INTEGER)'));
    const before = persistence.saves;
    await Promise.all(Array.from({ length: 50 }, (_, i) => db.write(() => db.run('INSERT INTO t VALUES (?)', [i]))));
    // One image for the first commit, one for the 49 made while it was written.
    expect(persistence.saves - before).toBeLessThanOrEqual(2);
    expect(db.get('SELECT COUNT(*) AS n FROM t')).toEqual({ n: 50 });
    await db.close();
    await expect(async () => db.all('SELECT 1')).rejects.toBeInstanceOf(StoreClosedError);
  });

  it('never writes an in-memory database', async () => {
    const db = await SqlDb.open({ location: ':memory:', durable: false, load: () => undefined, save: async () => { throw new Error('never'); }, close: () => {} });
    await db.write(() => db.exec('CREATE TABLE t (v INTEGER)'));
    await db.close();
  });
});

describe('migrations', () => {
  it('applies each migration once and records it', async () => {
    const path = join(dir, 'm.db');
    const db = await SqlDb.open(filePersistence(path));
    expect(await migrate(db)).toEqual(MIGRATIONS.map((m) => m.version));
    expect(await migrate(db)).toEqual([]);
    expect(db.all('SELECT version, name FROM schema_migrations')).toEqual(MIGRATIONS.map((m) => ({ version: m.version, name: m.name })));
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

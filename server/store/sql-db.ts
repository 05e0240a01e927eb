/**
 * The thin adapter over sql.js: parameterised queries and one write transaction at a time, journaled. sql.js is
 * synchronous, so a transaction body (a synchronous function) runs BEGIN..COMMIT without any other code interleaving.
 * Every statement a transaction runs is recorded with its parameters; once it commits, the record gets the next
 * sequence number and goes to the journal, and the write resolves when the record is on disk (commits made while an
 * append is in flight share the next one: group commit). At open, the journal records after the snapshot are replayed.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import initSqlJs, { type Database, type SqlJsStatic, type SqlValue, type Statement } from 'sql.js';
import { translateSqlError } from './errors.js';
import type { JournalRecord, JournalStatement } from './journal-format.js';
import type { CheckpointImage, Persistence } from './persistence.js';

export type SqlParam = SqlValue | boolean | undefined;
export type SqlRow = Record<string, SqlValue>;

let sqlJs: Promise<SqlJsStatic> | undefined;

function loadSqlJs(): Promise<SqlJsStatic> {
  // The wasm binary ships in sql.js's dist directory next to its entry point.
  const dist = dirname(createRequire(import.meta.url).resolve('sql.js'));
  sqlJs ??= initSqlJs({ locateFile: (file: string) => join(dist, file) });
  return sqlJs;
}

export class StoreClosedError extends Error {
  constructor() {
    super('The store is closed');
    this.name = 'StoreClosedError';
  }
}

/** Holds the sequence number a snapshot covers; written only by checkpoints, never by journaled statements. */
const CHECKPOINT_TABLE = 'journal_checkpoint';

/**
 * Prepared statements kept for reuse, least recently used first out. Compiling a statement costs more than running
 * most of the store's (primary-key lookups, one-row inserts), and the store issues a small fixed set of SQL texts;
 * the bound keeps texts built per call (IN lists of varying length) from growing the cache without limit.
 */
const STATEMENT_CACHE_SIZE = 200;

export class SqlDb {
  #db: Database;
  #persistence: Persistence;
  #closed = false;
  /** The last committed transaction's sequence number. */
  #seq: number;
  /** The statements of the transaction running now (only while journaling). */
  #recording: JournalStatement[] | undefined;
  #inTransaction = false;
  /** SQL text -> its prepared statement, in order of last use (Map keeps insertion order). */
  #statements = new Map<string, Statement>();

  private constructor(db: Database, persistence: Persistence, seq: number) {
    this.#db = db;
    this.#persistence = persistence;
    this.#seq = seq;
  }

  static async open(persistence: Persistence): Promise<SqlDb> {
    const SQL = await loadSqlJs();
    const image = persistence.loadSnapshot();
    const db = image ? new SQL.Database(image) : new SQL.Database();
    try {
      db.run('PRAGMA foreign_keys = ON');
      // sql.js's database file lives in an in-memory filesystem that only this connection uses: its rollback journal
      // only has to undo a transaction in memory, nothing needs syncing and no other connection needs locking out.
      // The defaults cost several times more per transaction. Durability is the journal's job (persistence.ts).
      db.run('PRAGMA journal_mode = MEMORY');
      db.run('PRAGMA synchronous = OFF');
      db.run('PRAGMA locking_mode = EXCLUSIVE');
      // Deleted rows are overwritten with zeros instead of left in free space, so a secret that is deleted (a
      // migrated server secret, an expired idempotent replay) is gone from the next snapshot, not just unreachable.
      db.run('PRAGMA secure_delete = ON');
      let seq = snapshotSeq(db);
      for (const record of persistence.recover(seq)) {
        try {
          replay(db, record);
        } catch (error) {
          persistence.discardFrom(record.seq, (error as Error).message);
          break;
        }
        seq = record.seq;
      }
      const sqlDb = new SqlDb(db, persistence, seq);
      persistence.start(() => sqlDb.#exportImage(), seq);
      return sqlDb;
    } catch (error) {
      db.close();
      throw error;
    }
  }

  get location(): string {
    return this.#persistence.location;
  }

  /** The sequence number of the last committed write transaction. */
  get sequence(): number {
    return this.#seq;
  }

  all(sql: string, params: readonly SqlParam[] = []): SqlRow[] {
    this.#assertOpen();
    const statement = this.#prepared(sql);
    try {
      statement.bind(params.map(toSqlValue));
      const rows: SqlRow[] = [];
      // Names are read per call, not cached with the statement: SQLite re-prepares a statement after a schema change,
      // and `SELECT *` then has other columns.
      let names: string[] | undefined;
      while (statement.step()) {
        names ??= statement.getColumnNames();
        rows.push(toRow(names, statement.get()));
      }
      return rows;
    } finally {
      statement.reset();
    }
  }

  get(sql: string, params: readonly SqlParam[] = []): SqlRow | undefined {
    this.#assertOpen();
    const statement = this.#prepared(sql);
    try {
      statement.bind(params.map(toSqlValue));
      return statement.step() ? toRow(statement.getColumnNames(), statement.get()) : undefined;
    } finally {
      statement.reset();
    }
  }

  /** Runs several statements without parameters (migrations). Only inside `write`. */
  exec(sql: string): void {
    this.#assertWriting();
    this.#db.exec(sql);
    // Recorded only once it has succeeded: a statement that failed changed nothing, and must not fail replay.
    this.#recording?.push([sql]);
  }

  /** Runs one statement; returns the number of rows it changed. Only inside `write`. */
  run(sql: string, params: readonly SqlParam[] = []): number {
    this.#assertWriting();
    const values = params.map(toSqlValue);
    const statement = this.#prepared(sql);
    try {
      statement.bind(values);
      statement.step();
    } finally {
      // Also after a failed step: a statement left unreset would keep the transaction's statement journal open.
      statement.reset();
    }
    this.#recording?.push([sql, values]);
    return this.#db.getRowsModified();
  }

  /** Runs `body` in one transaction (rolled back if it throws) and resolves once the result is durable. */
  async write<T>(body: () => T): Promise<T> {
    this.#assertOpen();
    if (this.#inTransaction) throw new TypeError('write() transactions do not nest');
    this.#control('BEGIN IMMEDIATE');
    this.#inTransaction = true;
    const statements: JournalStatement[] = [];
    this.#recording = this.#persistence.durable ? statements : undefined;
    let result: T;
    try {
      result = body();
      // An asynchronous body would let other code run inside the transaction and commit before its work is done.
      if (result instanceof Promise) throw new TypeError('A transaction body must be synchronous');
      this.#control('COMMIT');
    } catch (error) {
      try {
        this.#control('ROLLBACK');
      } catch {
        // SQLite has already rolled back (some errors end the transaction themselves).
      }
      throw translateSqlError(error);
    } finally {
      this.#recording = undefined;
      this.#inTransaction = false;
    }
    // A transaction that wrote nothing has no record, but what it read must not be less durable than it.
    if (statements.length === 0) await this.#persistence.flush();
    else await this.#persistence.append({ seq: ++this.#seq, statements });
    return result;
  }

  /** Resolves once every commit made so far is on disk. */
  flush(): Promise<void> {
    return this.#persistence.flush();
  }

  /**
   * Rebuilds the database without free pages (SQLite VACUUM), so nothing deleted before `secure_delete` was on lingers
   * in the file; the content is unchanged, so there is nothing to journal. Run a checkpoint after it to write it out.
   */
  vacuum(): void {
    this.#assertOpen();
    if (this.#inTransaction) throw new TypeError('vacuum() runs between transactions');
    this.#db.exec('VACUUM');
  }

  /** Writes a snapshot of everything committed so far and drops the journal it covers. */
  checkpoint(): Promise<void> {
    this.#assertOpen();
    return this.#persistence.checkpoint();
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    try {
      await this.#persistence.close();
    } finally {
      // Database.close() finalises every statement it prepared, cached ones included.
      this.#statements.clear();
      this.#db.close();
    }
  }

  /** BEGIN, COMMIT and ROLLBACK from the cache too: Database.run without parameters compiles its SQL every time. */
  #control(sql: string): void {
    const statement = this.#prepared(sql);
    try {
      statement.step();
    } finally {
      statement.reset();
    }
  }

  /** The cached prepared statement for `sql`, compiled on first use; reset by its caller after every use. */
  #prepared(sql: string): Statement {
    const cached = this.#statements.get(sql);
    if (cached) {
      this.#statements.delete(sql);
      this.#statements.set(sql, cached);
      return cached;
    }
    const statement = this.#db.prepare(sql);
    this.#statements.set(sql, statement);
    if (this.#statements.size > STATEMENT_CACHE_SIZE) {
      const [oldest, evicted] = this.#statements.entries().next().value as [string, Statement];
      this.#statements.delete(oldest);
      evicted.free();
    }
    return statement;
  }

  /** Called by checkpoints between transactions: the whole database, labelled with the last sequence number in it. */
  #exportImage(): CheckpointImage {
    this.#db.run(
      `CREATE TABLE IF NOT EXISTS ${CHECKPOINT_TABLE} (id INTEGER PRIMARY KEY CHECK (id = 1), seq INTEGER NOT NULL)`,
    );
    this.#db.run(
      `INSERT INTO ${CHECKPOINT_TABLE} (id, seq) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET seq = excluded.seq`,
      [this.#seq],
    );
    return { image: this.#db.export(), seq: this.#seq };
  }

  #assertOpen(): void {
    if (this.#closed) throw new StoreClosedError();
  }

  #assertWriting(): void {
    this.#assertOpen();
    // Outside a transaction a change would be committed without a journal record, and lost at the next start.
    if (!this.#inTransaction) throw new TypeError('run() and exec() change the database only inside write()');
  }
}

function snapshotSeq(db: Database): number {
  const exists = db.exec(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '${CHECKPOINT_TABLE}'`);
  if (exists.length === 0) return 0;
  const value = db.exec(`SELECT seq FROM ${CHECKPOINT_TABLE} WHERE id = 1`)[0]?.values[0]?.[0];
  return typeof value === 'number' ? value : 0;
}

/** Applies one journal record as the transaction it was. */
function replay(db: Database, record: JournalRecord): void {
  db.run('BEGIN IMMEDIATE');
  try {
    for (const statement of record.statements) {
      if (statement.length === 1) db.exec(statement[0]);
      else db.run(statement[0], statement[1] as SqlValue[]);
    }
    db.run('COMMIT');
  } catch (error) {
    try {
      db.run('ROLLBACK');
    } catch {
      // Already rolled back.
    }
    throw error;
  }
}

function toRow(names: readonly string[], values: readonly SqlValue[]): SqlRow {
  const row: SqlRow = {};
  for (let i = 0; i < names.length; i++) row[names[i] as string] = values[i] ?? null;
  return row;
}

function toSqlValue(value: SqlParam): SqlValue {
  if (value === undefined) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value;
}

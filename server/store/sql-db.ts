/**
 * The thin adapter over sql.js: parameterised queries, one write transaction at a time, and group commit to disk.
 * sql.js is synchronous, so a transaction body (a synchronous function) runs BEGIN..COMMIT without any other code
 * interleaving; the asynchronous part is persistence. A write resolves only once an image containing it is on disk.
 * While one image is being written, further commits wait for the next image, which carries all of them (group
 * commit), so a burst of writes costs a few disk writes instead of one each.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import initSqlJs, { type Database, type SqlJsStatic, type SqlValue } from 'sql.js';
import { translateSqlError } from './errors.js';
import type { Persistence } from './persistence.js';

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

export class SqlDb {
  #db: Database;
  #persistence: Persistence;
  #closed = false;
  /** Commits not yet in any image. */
  #dirty = false;
  /** The image being written now. */
  #saving: Promise<void> | undefined;
  /** The next image: every commit made since `#saving` started waits for it. */
  #next: Promise<void> | undefined;

  private constructor(db: Database, persistence: Persistence) {
    this.#db = db;
    this.#persistence = persistence;
  }

  static async open(persistence: Persistence): Promise<SqlDb> {
    const SQL = await loadSqlJs();
    const image = persistence.load();
    const db = image ? new SQL.Database(image) : new SQL.Database();
    db.run('PRAGMA foreign_keys = ON');
    return new SqlDb(db, persistence);
  }

  get location(): string {
    return this.#persistence.location;
  }

  all(sql: string, params: readonly SqlParam[] = []): SqlRow[] {
    this.#assertOpen();
    const statement = this.#db.prepare(sql);
    try {
      statement.bind(params.map(toSqlValue));
      const rows: SqlRow[] = [];
      while (statement.step()) rows.push(statement.getAsObject() as SqlRow);
      return rows;
    } finally {
      statement.free();
    }
  }

  get(sql: string, params: readonly SqlParam[] = []): SqlRow | undefined {
    return this.all(sql, params)[0];
  }

  /** Runs several statements without parameters (migrations). Use inside `write`. */
  exec(sql: string): void {
    this.#assertOpen();
    this.#db.exec(sql);
  }

  /** Runs one statement; returns the number of rows it changed. Use inside `write`. */
  run(sql: string, params: readonly SqlParam[] = []): number {
    this.#assertOpen();
    this.#db.run(sql, params.map(toSqlValue));
    return this.#db.getRowsModified();
  }

  /** Runs `body` in one transaction (rolled back if it throws) and resolves once the result is durable. */
  async write<T>(body: () => T): Promise<T> {
    this.#assertOpen();
    this.#db.run('BEGIN IMMEDIATE');
    let result: T;
    try {
      result = body();
      // An asynchronous body would let other code run inside the transaction and commit before its work is done.
      if (result instanceof Promise) throw new TypeError('A transaction body must be synchronous');
      this.#db.run('COMMIT');
      this.#dirty = true;
    } catch (error) {
      try {
        this.#db.run('ROLLBACK');
      } catch {
        // SQLite has already rolled back (some errors end the transaction themselves).
      }
      throw translateSqlError(error);
    }
    await this.flush();
    return result;
  }

  /** Resolves once every commit made so far is on disk. */
  flush(): Promise<void> {
    if (!this.#persistence.durable) return Promise.resolve();
    if (this.#next) return this.#next;
    if (!this.#dirty) return (this.#saving ?? Promise.resolve()).catch(() => {});
    const previous = this.#saving ?? Promise.resolve();
    const next: Promise<void> = previous
      .catch(() => {
        // The previous image failed; this one carries its commits too, so the failure is not repeated here.
      })
      .then(async () => {
        if (this.#next === next) this.#next = undefined;
        this.#dirty = false;
        const saving = this.#persistence.save(this.#db.export());
        this.#saving = saving;
        try {
          await saving;
        } catch (error) {
          // Not on disk: the next flush must write these commits again.
          this.#dirty = true;
          throw error;
        } finally {
          if (this.#saving === saving) this.#saving = undefined;
        }
      });
    this.#next = next;
    return next;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    try {
      await this.flush();
    } finally {
      this.#closed = true;
      this.#db.close();
      this.#persistence.close();
    }
  }

  #assertOpen(): void {
    if (this.#closed) throw new StoreClosedError();
  }
}

function toSqlValue(value: SqlParam): SqlValue {
  if (value === undefined) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value;
}

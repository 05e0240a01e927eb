/**
 * A small layer over a `pg` pool: statements written with `?` placeholders (as the embedded store's are) numbered for
 * PostgreSQL, rows as plain objects, transactions on one pooled connection, and PostgreSQL's constraint errors turned
 * into the same errors the embedded store throws, so callers cannot tell the two apart.
 */
import pg from 'pg';
import { StoreConflictError } from '../errors.js';
import { type SqlParam, type SqlRow, StoreClosedError } from '../sql-db.js';

export type PgParam = SqlParam;

/** Runs statements; a `PgDb` itself, or the one connection of a transaction. */
export interface PgQueryable {
  all(sql: string, params?: readonly PgParam[]): Promise<SqlRow[]>;
  get(sql: string, params?: readonly PgParam[]): Promise<SqlRow | undefined>;
  /** Runs a statement and returns the rows it changed. */
  run(sql: string, params?: readonly PgParam[]): Promise<number>;
}

export interface PgDb extends PgQueryable {
  readonly pool: pg.Pool;
  /** Runs `body` in one transaction (READ COMMITTED), committed when it resolves and rolled back when it throws. */
  transaction<T>(body: (tx: PgQueryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

// int8 (COUNT, SUM) and numeric (AVG) arrive as text by default; every such value here is a count or a mean far below
// 2^53, read as a number like the embedded store's.
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === pg.types.builtins.INT8 || oid === pg.types.builtins.NUMERIC) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format ?? 'text');
  }) as pg.CustomTypesConfig['getTypeParser'],
};

/** `?` to `$1, $2, …`. The store's statements never hold a `?` inside a string literal. */
export function numberPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

const cache = new Map<string, string>();
function text(sql: string): string {
  let numbered = cache.get(sql);
  if (numbered === undefined) {
    numbered = numberPlaceholders(sql);
    if (cache.size < 1000) cache.set(sql, numbered);
  }
  return numbered;
}

function values(params: readonly PgParam[]): unknown[] {
  return params.map((value) => (value === undefined ? null : value));
}

/**
 * The embedded store's errors for the same faults: a unique violation (SQLSTATE 23505) is a `StoreConflictError`; a
 * foreign-key violation (23503) an Error whose message starts "FOREIGN KEY constraint failed", as SQLite words it.
 */
export function translatePgError(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const code = (error as { code?: unknown }).code;
  if (code === '23505') return new StoreConflictError(`UNIQUE constraint failed: ${error.message}`);
  if (code === '23503') return new Error(`FOREIGN KEY constraint failed: ${error.message}`);
  return error;
}

function queryable(client: pg.Pool | pg.PoolClient, isClosed: () => boolean): PgQueryable {
  const query = async (sql: string, params: readonly PgParam[]) => {
    if (isClosed()) throw new StoreClosedError();
    try {
      return await client.query<SqlRow>({ text: text(sql), values: values(params), types });
    } catch (error) {
      throw translatePgError(error);
    }
  };
  return {
    all: async (sql, params = []) => (await query(sql, params)).rows,
    get: async (sql, params = []) => (await query(sql, params)).rows[0],
    run: async (sql, params = []) => (await query(sql, params)).rowCount ?? 0,
  };
}

export function openPgDb(config: pg.PoolConfig): PgDb {
  const pool = new pg.Pool(config);
  // An idle connection that the server drops (restart, idle timeout) emits 'error' on the pool; without a listener
  // that would crash the process. The next query takes a fresh connection.
  pool.on('error', () => {});
  let closed = false;
  const isClosed = () => closed;
  return {
    pool,
    ...queryable(pool, isClosed),
    async transaction(body) {
      if (closed) throw new StoreClosedError();
      const client = await pool.connect();
      let broken: unknown;
      try {
        await client.query('BEGIN');
        const result = await body(queryable(client, isClosed));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch((rollbackError: unknown) => (broken = rollbackError));
        throw translatePgError(error);
      } finally {
        // A connection whose rollback failed is in an unknown state: destroy it rather than return it to the pool.
        client.release(broken instanceof Error ? broken : undefined);
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}

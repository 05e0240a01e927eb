/** Opens the store `DATABASE_URL` names: the embedded sql.js database, or PostgreSQL. */
import type pg from 'pg';
import type { Clock } from '../clock.js';
import { type DatabaseTarget, withoutPassword } from '../config/database-url.js';
import { withAdvisoryLock } from './postgres/advisory-lock.js';
import { openPostgresStore, type PostgresPoolOptions } from './postgres/postgres-store.js';
import { openSqliteStore } from './sqlite-store.js';
import type { Store } from './types.js';

export interface OpenStoreOptions {
  database: DatabaseTarget;
  /** PostgreSQL only. */
  databasePool?: PostgresPoolOptions;
  /** sql.js only. */
  checkpointBytes?: number | undefined;
  checkpointAgeMs?: number | undefined;
  /** The server's time source, for the rows the store stamps itself. */
  clock?: Clock;
  /** sql.js recovery's warnings (a torn or corrupt journal tail set aside). */
  warn?: (message: string) => void;
}

export interface OpenedStore {
  store: Store;
  /** Where the data is, fit for a log line: the database path, or the PostgreSQL URL without its password. */
  location: string;
  /** The PostgreSQL pool, for what shares the database (rate-limit counters); undefined for sql.js. */
  pool: pg.Pool | undefined;
  /** Runs `body` while no other process sharing the database runs its own (first-start secrets and bootstrap). A
   * sql.js database has one process at a time already (its lock file). */
  exclusive<T>(body: () => Promise<T>): Promise<T>;
}

// An arbitrary constant naming the start-up lock among the database's advisory locks.
const STARTUP_LOCK = 0x706c_6d31;

export async function openStore(options: OpenStoreOptions): Promise<OpenedStore> {
  const { database } = options;
  if (database.kind === 'postgres') {
    const store = await openPostgresStore({
      url: database.url,
      ...options.databasePool,
      ...(options.clock ? { clock: options.clock } : {}),
    });
    return {
      store,
      location: withoutPassword(database.url),
      pool: store.pool,
      exclusive: (body) => withAdvisoryLock(store.pool, STARTUP_LOCK, body),
    };
  }
  const store = await openSqliteStore({
    path: database.path,
    checkpointBytes: options.checkpointBytes,
    checkpointAgeMs: options.checkpointAgeMs,
    warn: options.warn,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  return { store, location: store.path, pool: undefined, exclusive: (body) => body() };
}

/**
 * The PostgreSQL `Store`, for several server instances sharing one database (`DATABASE_URL=postgres://…`). It answers
 * exactly as the embedded store does (same rows, order, totals, ISO times, JSON, errors); what differs is durability,
 * which is PostgreSQL's own (every write is committed before its call resolves), and that any number of processes may
 * open it at once.
 */
import type pg from 'pg';
import { type Clock, systemClock } from '../../clock.js';
import type { Store } from '../types.js';
import { pgApiKeyQueries } from './pg-api-keys.js';
import { openPgDb, type PgDb } from './pg-db.js';
import { pgInviteQueries } from './pg-invites.js';
import { pgMcpQueries } from './pg-mcps.js';
import { pgMetaQueries } from './pg-meta.js';
import { migratePg } from './pg-migrations.js';
import { pgOrganizationQueries } from './pg-organizations.js';
import { pgToolPinQueries } from './pg-tool-pins.js';
import { pgUsageQueries } from './pg-usage.js';

export interface PostgresPoolOptions {
  /** Connections this process keeps at most (default 10). */
  max?: number;
  /** An idle connection is closed after this long (default 30 s). */
  idleTimeoutMs?: number;
  /** Waiting for a connection (opening one, or a free one from a full pool) fails after this long (default 10 s). */
  connectionTimeoutMs?: number;
}

export interface PostgresStoreOptions extends PostgresPoolOptions {
  /** `postgres://user:password@host:port/database` (libpq URL forms, including `?sslmode=`). */
  url: string;
  /** A schema to keep the tables in instead of the connection's default search path (it must exist). */
  schema?: string;
  /** The time written into rows the store stamps itself (`updated_at`, defaults of `created_at`); the system time by default. */
  clock?: Clock;
}

export interface PostgresStore extends Store {
  /** The pool, for components that share the database (the rate limiter's table). */
  readonly pool: pg.Pool;
}

export async function openPostgresStore(options: PostgresStoreOptions): Promise<PostgresStore> {
  if (options.schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(options.schema)) {
    throw new Error(`schema must be a plain lower-case identifier, got ${JSON.stringify(options.schema)}`);
  }
  const clock = options.clock ?? systemClock;
  const db: PgDb = openPgDb({
    connectionString: options.url,
    max: options.max ?? 10,
    idleTimeoutMillis: options.idleTimeoutMs ?? 30_000,
    connectionTimeoutMillis: options.connectionTimeoutMs ?? 10_000,
    ...(options.schema === undefined ? {} : { options: `-c search_path=${options.schema}` }),
  });
  try {
    await migratePg(db);
  } catch (error) {
    await db.close().catch(() => {});
    throw error;
  }
  return {
    pool: db.pool,
    ...pgOrganizationQueries(db, clock),
    ...pgInviteQueries(db),
    ...pgApiKeyQueries(db, clock),
    ...pgMcpQueries(db, clock),
    ...pgToolPinQueries(db),
    ...pgUsageQueries(db),
    ...pgMetaQueries(db),
    close: () => db.close(),
  };
}

/**
 * The embedded `Store`: SQLite (sql.js, WebAssembly) in memory, made durable by a journal of committed transactions
 * and periodic snapshots (see persistence.ts and README.md). One process owns a database file at a time (db-lock.ts).
 */
import { resolve } from 'node:path';
import { type Clock, systemClock } from '../clock.js';
import { apiKeyQueries } from './api-keys-sql.js';
import { inviteQueries } from './invites-sql.js';
import { mcpQueries } from './mcps-sql.js';
import { metaQueries } from './meta-sql.js';
import { migrate } from './migrations.js';
import { organizationQueries } from './organizations-sql.js';
import { filePersistence, memoryPersistence, type StorageOptions } from './persistence.js';
import { SqlDb, type SqlRow } from './sql-db.js';
import { toolPinQueries } from './tool-pins-sql.js';
import { IDEMPOTENCY_PENDING, type Store } from './types.js';
import { usageQueries } from './usage-sql.js';

export interface SqliteStoreOptions extends Omit<StorageOptions, 'onCheckpointStep'> {
  /** A database file (created with its directory when missing), or `:memory:` for a database that is never written. */
  path: string;
  /** The time written into rows the store stamps itself (`updated_at`, defaults of `created_at`); the system time by default. */
  clock?: Clock;
}

export interface SqliteStore extends Store {
  /** The absolute database path, or `:memory:`. */
  readonly path: string;
  /** Resolves once every committed write is in the journal on disk (writes already wait for this). */
  flush(): Promise<void>;
  /** Writes a snapshot of everything committed so far and drops the journal it covers (also done by size, age and
   * at close). Afterwards the file at `path` alone holds every write made before the call: copy it for a backup. */
  checkpoint(): Promise<void>;
  /** Removes a server-wide value. */
  deleteMeta(key: string): Promise<void>;
  /** Whether the database holds organisations, API keys or MCPs (data the server's secrets protect). */
  hasUserData(): Promise<boolean>;
  /**
   * Rebuilds the database without free pages and checkpoints it: afterwards neither the file at `path` nor any journal
   * holds a byte of what was deleted before (see SqlDb.vacuum).
   */
  compact(): Promise<void>;
  /** The database's tables (plexmcp-admin migrate copies them). */
  tableNames(): string[];
  /** Every row of one table, as stored. */
  readTable(name: string): SqlRow[];
}

export async function openSqliteStore(options: SqliteStoreOptions): Promise<SqliteStore> {
  const path = options.path === ':memory:' ? ':memory:' : resolve(options.path);
  const { path: _path, clock = systemClock, ...given } = options;
  const storage = Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined)) as Omit<
    SqliteStoreOptions,
    'path' | 'clock'
  >;
  const persistence = path === ':memory:' ? memoryPersistence() : filePersistence(path, storage);
  let db: SqlDb;
  try {
    db = await SqlDb.open(persistence);
  } catch (error) {
    persistence.release();
    throw error;
  }
  try {
    const applied = await migrate(db, undefined, clock);
    // A new or migrated database gets a snapshot at once, so the file at `path` is a complete SQLite database.
    if (applied.length > 0 && path !== ':memory:') await db.checkpoint();
    // One process owns the database at a time, so an Idempotency-Key still reserved was reserved by a process that
    // stopped mid-request: its request will never answer, and a retry may run at once.
    if (db.get('SELECT 1 FROM idempotency WHERE status = ?', [IDEMPOTENCY_PENDING])) {
      await db.write(() => db.run('DELETE FROM idempotency WHERE status = ?', [IDEMPOTENCY_PENDING]));
    }
  } catch (error) {
    await db.close().catch(() => {});
    throw error;
  }
  return {
    path,
    ...organizationQueries(db, clock),
    ...inviteQueries(db),
    ...apiKeyQueries(db, clock),
    ...mcpQueries(db, clock),
    ...toolPinQueries(db),
    ...usageQueries(db),
    ...metaQueries(db),
    flush: () => db.flush(),
    checkpoint: () => db.checkpoint(),
    compact: async () => {
      // Every committed write in the journal first: the checkpoint below must cover all of them.
      await db.flush();
      db.vacuum();
      await db.checkpoint();
    },
    tableNames: () =>
      db
        .all("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .map((row) => String(row.name)),
    readTable: (name) => {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a table name: ${JSON.stringify(name)}`);
      return db.all(`SELECT * FROM ${name}`);
    },
    close: () => db.close(),
  };
}

/**
 * The embedded `Store`: SQLite (sql.js, WebAssembly) in memory, persisted to one file after every committed write.
 * One process owns a database file at a time (see db-lock.ts).
 */
import { resolve } from 'node:path';
import { apiKeyQueries } from './api-keys-sql.js';
import { mcpQueries } from './mcps-sql.js';
import { metaQueries } from './meta-sql.js';
import { migrate } from './migrations.js';
import { organizationQueries } from './organizations-sql.js';
import { filePersistence, memoryPersistence } from './persistence.js';
import { SqlDb } from './sql-db.js';
import type { Store } from './types.js';
import { usageQueries } from './usage-sql.js';

export interface SqliteStoreOptions {
  /** A database file (created with its directory when missing), or `:memory:` for a database that is never written. */
  path: string;
}

export interface SqliteStore extends Store {
  /** The absolute database path, or `:memory:`. */
  readonly path: string;
  /** Resolves once every committed write is on disk (writes already wait for this; useful before a backup). */
  flush(): Promise<void>;
}

export async function openSqliteStore(options: SqliteStoreOptions): Promise<SqliteStore> {
  const path = options.path === ':memory:' ? ':memory:' : resolve(options.path);
  const persistence = path === ':memory:' ? memoryPersistence() : filePersistence(path);
  let db: SqlDb;
  try {
    db = await SqlDb.open(persistence);
  } catch (error) {
    persistence.close();
    throw error;
  }
  try {
    await migrate(db);
  } catch (error) {
    await db.close().catch(() => {});
    throw error;
  }
  return {
    path,
    ...organizationQueries(db),
    ...apiKeyQueries(db),
    ...mcpQueries(db),
    ...usageQueries(db),
    ...metaQueries(db),
    flush: () => db.flush(),
    close: () => db.close(),
  };
}

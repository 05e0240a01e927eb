export type * from './types.js';
export { openSqliteStore, type SqliteStore, type SqliteStoreOptions } from './sqlite-store.js';
export { StoreConflictError, isStoreConflict } from './errors.js';
export { DatabaseLockedError, lockPathFor } from './db-lock.js';
export { StoreClosedError } from './sql-db.js';
export { newId, type IdPrefix } from './ids.js';

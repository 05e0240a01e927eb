export { DatabaseLockedError, lockPathFor } from './db-lock.js';
export { isStoreConflict, StoreConflictError } from './errors.js';
export { type IdPrefix, newId } from './ids.js';
export { StoreClosedError } from './sql-db.js';
export { openSqliteStore, type SqliteStore, type SqliteStoreOptions } from './sqlite-store.js';
export type * from './types.js';

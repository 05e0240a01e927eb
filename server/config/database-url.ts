/**
 * `DATABASE_URL` forms: `file:./data/plexmcp.db` (the default), `file:/abs/path.db`, `file:///abs/path.db`, a bare
 * path, and `:memory:` / `file::memory:`. PostgreSQL URLs are reserved for the multi-instance store, not built yet.
 */
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const DEFAULT_DATABASE_URL = 'file:./data/plexmcp.db';

export type DatabaseTarget = { kind: 'sqlite'; path: string };

/** Resolves a `DATABASE_URL` to a database path (absolute, or `:memory:`); throws an Error saying what is wrong. */
export function parseDatabaseUrl(url: string, cwd: string = process.cwd()): DatabaseTarget {
  const value = url.trim();
  if (value === '') throw new Error('is empty');
  if (value === ':memory:' || value === 'file::memory:') return { kind: 'sqlite', path: ':memory:' };
  if (/^postgres(ql)?:\/\//i.test(value)) {
    throw new Error(
      'is a PostgreSQL URL; PostgreSQL is not supported yet. Use file:<path> (embedded SQLite) or :memory:',
    );
  }
  if (value.startsWith('file://')) return { kind: 'sqlite', path: fileURLToPath(value) };
  if (value.startsWith('file:')) return sqlitePath(value.slice('file:'.length), cwd);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    throw new Error(`has an unsupported scheme (${value.split(':')[0]}); use file:<path> or :memory:`);
  }
  return sqlitePath(value, cwd);
}

function sqlitePath(path: string, cwd: string): DatabaseTarget {
  // SQLite URI parameters (?mode=ro and the like) have no meaning for this store; reject rather than misread them.
  if (path === '' || path.includes('?')) throw new Error('must name a database file, such as file:./data/plexmcp.db');
  return { kind: 'sqlite', path: isAbsolute(path) ? path : resolve(cwd, path) };
}

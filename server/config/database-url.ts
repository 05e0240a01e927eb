/**
 * `DATABASE_URL` forms: `file:./data/plexmcp.db` (the default), `file:/abs/path.db`, `file:///abs/path.db`, a bare
 * path, and `:memory:` / `file::memory:` for the embedded store; `postgres://` or `postgresql://` URLs for the
 * PostgreSQL store that several server instances share.
 */
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const DEFAULT_DATABASE_URL = 'file:./data/plexmcp.db';

export type DatabaseTarget = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

/** Resolves a `DATABASE_URL` to a database path (absolute, or `:memory:`); throws an Error saying what is wrong. */
export function parseDatabaseUrl(url: string, cwd: string = process.cwd()): DatabaseTarget {
  const value = url.trim();
  if (value === '') throw new Error('is empty');
  if (value === ':memory:' || value === 'file::memory:') return { kind: 'sqlite', path: ':memory:' };
  if (/^postgres(ql)?:\/\//i.test(value)) return postgresUrl(value);
  if (value.startsWith('file://')) return { kind: 'sqlite', path: fileURLToPath(value) };
  if (value.startsWith('file:')) return sqlitePath(value.slice('file:'.length), cwd);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    throw new Error(
      `has an unsupported scheme (${value.split(':')[0]}); use file:<path>, :memory: or postgres://user@host/database`,
    );
  }
  return sqlitePath(value, cwd);
}

function sqlitePath(path: string, cwd: string): DatabaseTarget {
  // SQLite URI parameters (?mode=ro and the like) have no meaning for this store; reject rather than misread them.
  if (path === '' || path.includes('?')) throw new Error('must name a database file, such as file:./data/plexmcp.db');
  return { kind: 'sqlite', path: isAbsolute(path) ? path : resolve(cwd, path) };
}

function postgresUrl(value: string): DatabaseTarget {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error('is not a valid PostgreSQL URL; use postgres://user:password@host:5432/database');
  }
  if (url.hostname === '' && !url.searchParams.has('host')) {
    throw new Error('names no host; use postgres://user:password@host:5432/database');
  }
  return { kind: 'postgres', url: value };
}

/** A URL fit for an error message or a log line: a database password must not end up in logs or terminals. */
export function withoutPassword(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*):[^@/]*@/i, '$1:***@');
}

/**
 * The one line an operator reads when the server cannot start for a reason they can fix (configuration, the key file,
 * the database or its lock): what is wrong and where, never a stack trace. Anything else is a fault in the server and
 * keeps its stack, so that it can be reported.
 */
import { ConfigError } from './config/config.js';
import type { DatabaseTarget } from './config/database-url.js';
import { withoutPassword } from './config/database-url.js';
import { KeyFileError } from './crypto/key-file.js';
import { DatabaseLockedError } from './store/db-lock.js';

/** sql.js's messages for a file that is not an SQLite database, or a damaged one. */
const NOT_A_DATABASE = /file is not a database|database disk image is malformed/;

/** The one-line reason for an expected start-up failure, or undefined for a fault that deserves its stack. */
export function startupFailureLine(error: unknown, database: DatabaseTarget): string | undefined {
  if (error instanceof ConfigError) return `Configuration error: ${error.message}`;
  if (error instanceof KeyFileError || error instanceof DatabaseLockedError) return `Could not start: ${error.message}`;
  if (!(error instanceof Error)) return undefined;
  const where =
    database.kind === 'sqlite' ? `the database ${database.path}` : `the database ${withoutPassword(database.url)}`;
  if (NOT_A_DATABASE.test(error.message)) return `Could not start: ${where} is not usable: ${error.message}`;
  // A system error (ECONNREFUSED, EACCES, ENOTFOUND...) or a PostgreSQL error (SQLSTATE, five characters) while
  // opening the store: the fix is in DATABASE_URL, the network or the database's permissions.
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && /^(E[A-Z]+|[0-9A-Z]{5})$/.test(code)) {
    return `Could not start: cannot open ${where} (DATABASE_URL): ${error.message.split('\n')[0]} (${code})`;
  }
  return undefined;
}

/**
 * `plexmcp-admin migrate --to postgres://…`: copies an embedded (sql.js) database into an empty PostgreSQL database,
 * in one transaction, and verifies that every table holds as many rows as the source. The rows move as stored: API keys
 * keep their HMACs and MCPs their encrypted credentials, so the servers on PostgreSQL need the same
 * API_KEY_HMAC_SECRET and PLEXMCP_ENCRYPTION_KEY as the embedded database (from its environment, or its key file).
 * What is not data is not copied: the schema's own bookkeeping, reservations of requests that never finished, and any
 * secret an older version kept in the database (only the secrets' fingerprints move, so a wrong secret is reported).
 */
import type pg from 'pg';
import type { PostgresStore } from '../store/postgres/postgres-store.js';
import type { SqliteStore } from '../store/sqlite-store.js';
import { IDEMPOTENCY_PENDING } from '../store/types.js';
import { AdminError } from './commands.js';

/** Parents before children (foreign keys); a table added later follows these. */
const ORDER = [
  'organizations',
  'members',
  'invites',
  'api_keys',
  'mcps',
  'tool_pins',
  'usage',
  'usage_monthly',
  'idempotency',
];
/** Bookkeeping each database keeps for itself. */
const NOT_COPIED = new Set(['schema_migrations', 'rate_limits', 'journal_checkpoint']);
const BATCH_ROWS = 500;

type Row = Record<string, unknown>;

/** Which rows of a table move. */
function rowsToCopy(table: string, rows: Row[]): Row[] {
  if (table === 'idempotency') return rows.filter((row) => Number(row.status) !== IDEMPOTENCY_PENDING);
  if (table === 'meta') return rows.filter((row) => /^secret\.[a-z_]+_fingerprint$/.test(String(row.key)));
  return rows;
}

async function insertRows(client: pg.PoolClient, table: string, rows: Row[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  for (let start = 0; start < rows.length; start += BATCH_ROWS) {
    const batch = rows.slice(start, start + BATCH_ROWS);
    const values: unknown[] = [];
    const tuples = batch.map((row) => {
      const marks = columns.map((column) => {
        values.push(row[column] ?? null);
        return `$${values.length}`;
      });
      return `(${marks.join(', ')})`;
    });
    await client.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')}`, values);
  }
}

async function count(client: pg.PoolClient | pg.Pool, table: string): Promise<number> {
  const result = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`);
  return Number(result.rows[0]?.n ?? 0);
}

/** Copies `source` into `target`; returns the rows copied per table, verified by counting them in `target`. */
export async function migrateToPostgres(source: SqliteStore, target: PostgresStore): Promise<Record<string, number>> {
  const names = source.tableNames().filter((name) => !NOT_COPIED.has(name));
  const tables = [...ORDER.filter((name) => names.includes(name)), ...names.filter((name) => !ORDER.includes(name))];
  const client = await target.pool.connect();
  const copied: Record<string, number> = {};
  try {
    const present = await client.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()`,
    );
    const targetTables = new Set(present.rows.map((row) => row.table_name));
    const missing = tables.filter((name) => !targetTables.has(name));
    if (missing.length > 0) throw new AdminError(`The PostgreSQL schema has no table ${missing.join(', ')}`);
    await client.query('BEGIN');
    try {
      const used = [];
      for (const table of tables) if ((await count(client, table)) > 0) used.push(table);
      if (used.length > 0) {
        throw new AdminError(
          `The PostgreSQL database is not empty (${used.join(', ')} have rows): migrate only into an empty database`,
        );
      }
      for (const table of tables) {
        const rows = rowsToCopy(table, source.readTable(table));
        await insertRows(client, table, rows);
        copied[table] = rows.length;
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    }
  } finally {
    client.release();
  }
  for (const table of tables) {
    const found = await count(target.pool, table);
    if (found !== copied[table]) {
      throw new AdminError(
        `Verification failed: ${table} has ${found} rows in PostgreSQL, ${copied[table]} were copied`,
      );
    }
  }
  return copied;
}

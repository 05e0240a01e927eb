import type pg from 'pg';

/**
 * Runs `body` while holding a PostgreSQL session advisory lock, so that one server instance at a time does it (the
 * first start's secret generation and bootstrap: two instances starting together on an empty database must not both
 * create a default organisation or keep different generated secrets). The lock is released with its connection even if
 * the process dies.
 */
export async function withAdvisoryLock<T>(pool: pg.Pool, lockId: number, body: () => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('SELECT pg_advisory_lock($1)', [lockId]);
    try {
      return await body();
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [lockId]).catch((error: Error) => (broken = error));
    }
  } finally {
    client.release(broken);
  }
}

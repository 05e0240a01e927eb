/** Idempotency records and server-wide values on PostgreSQL; the same answers as server/store/meta-sql.ts. */
import { toIdempotency } from '../row-mappers.js';
import type { Store } from '../types.js';
import type { PgDb } from './pg-db.js';

type MetaQueries = Pick<Store, 'getIdempotency' | 'putIdempotency' | 'deleteIdempotencyBefore' | 'getMeta' | 'setMeta'>;

export function pgMetaQueries(db: PgDb): MetaQueries {
  return {
    async getIdempotency(orgId, key) {
      const row = await db.get('SELECT * FROM idempotency WHERE org_id = ? AND key = ?', [orgId, key]);
      return row && toIdempotency(row);
    },
    async putIdempotency(row) {
      await db.run(
        `INSERT INTO idempotency (org_id, key, request_hash, status, body, created_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (org_id, key) DO UPDATE SET request_hash = excluded.request_hash, status = excluded.status,
           body = excluded.body, created_at = excluded.created_at`,
        [row.orgId, row.key, row.requestHash, row.status, row.body, row.createdAt],
      );
    },
    deleteIdempotencyBefore: (before) => db.run('DELETE FROM idempotency WHERE created_at < ?', [before]),
    async getMeta(key) {
      const row = await db.get('SELECT value FROM meta WHERE key = ?', [key]);
      return row === undefined ? undefined : String(row.value);
    },
    async setMeta(key, value) {
      await db.run(
        'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
        [key, value],
      );
    },
  };
}

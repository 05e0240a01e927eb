/** Idempotency records and server-wide values on PostgreSQL; the same answers as server/store/meta-sql.ts. */
import { toIdempotency } from '../row-mappers.js';
import { IDEMPOTENCY_PENDING, type Store } from '../types.js';
import type { PgDb } from './pg-db.js';

type MetaQueries = Pick<
  Store,
  | 'getIdempotency'
  | 'putIdempotency'
  | 'claimIdempotency'
  | 'completeIdempotency'
  | 'releaseIdempotency'
  | 'deleteIdempotencyBefore'
  | 'getMeta'
  | 'setMeta'
>;

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
    async claimIdempotency(row, replacing) {
      const values = [row.requestHash, row.status, row.body, row.createdAt];
      const changed = replacing
        ? db.run(
            `UPDATE idempotency SET request_hash = ?, status = ?, body = ?, created_at = ?
             WHERE org_id = ? AND key = ? AND request_hash = ? AND status = ? AND body = ? AND created_at = ?`,
            [
              ...values,
              row.orgId,
              row.key,
              replacing.requestHash,
              replacing.status,
              replacing.body,
              replacing.createdAt,
            ],
          )
        : db.run(
            `INSERT INTO idempotency (org_id, key, request_hash, status, body, created_at) VALUES (?, ?, ?, ?, ?, ?)
             ON CONFLICT (org_id, key) DO NOTHING`,
            [row.orgId, row.key, ...values],
          );
      return (await changed) === 1;
    },
    async completeIdempotency(row, token) {
      const changed = await db.run(
        `UPDATE idempotency SET request_hash = ?, status = ?, body = ?, created_at = ?
         WHERE org_id = ? AND key = ? AND status = ? AND body = ?`,
        [row.requestHash, row.status, row.body, row.createdAt, row.orgId, row.key, IDEMPOTENCY_PENDING, token],
      );
      return changed === 1;
    },
    async releaseIdempotency(orgId, key, token) {
      await db.run('DELETE FROM idempotency WHERE org_id = ? AND key = ? AND status = ? AND body = ?', [
        orgId,
        key,
        IDEMPOTENCY_PENDING,
        token,
      ]);
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

/** Idempotency records and server-wide values. */
import { toIdempotency } from './row-mappers.js';
import type { SqlDb, SqlParam } from './sql-db.js';
import { IDEMPOTENCY_PENDING, type Store } from './types.js';

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
> & {
  /** Removes a server-wide value (a server secret that moves to the key file). */
  deleteMeta(key: string): Promise<void>;
  /** Whether the database holds anything that the server's secrets protect: organisations, API keys or MCPs. */
  hasUserData(): Promise<boolean>;
};

export function metaQueries(db: SqlDb): MetaQueries {
  const sqlWrite = (sql: string, params: SqlParam[]) => db.write(() => db.run(sql, params));
  return {
    async getIdempotency(orgId, key) {
      const row = db.get('SELECT * FROM idempotency WHERE org_id = ? AND key = ?', [orgId, key]);
      return row && toIdempotency(row);
    },
    async putIdempotency(row) {
      await db.write(() =>
        db.run(
          `INSERT INTO idempotency (org_id, key, request_hash, status, body, created_at) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (org_id, key) DO UPDATE SET request_hash = excluded.request_hash, status = excluded.status,
             body = excluded.body, created_at = excluded.created_at`,
          [row.orgId, row.key, row.requestHash, row.status, row.body, row.createdAt],
        ),
      );
    },
    async claimIdempotency(row, replacing) {
      const values = [row.requestHash, row.status, row.body, row.createdAt];
      const changed = replacing
        ? sqlWrite(
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
        : sqlWrite(
            `INSERT INTO idempotency (org_id, key, request_hash, status, body, created_at) VALUES (?, ?, ?, ?, ?, ?)
             ON CONFLICT (org_id, key) DO NOTHING`,
            [row.orgId, row.key, ...values],
          );
      return (await changed) === 1;
    },
    async completeIdempotency(row, token) {
      const changed = await sqlWrite(
        `UPDATE idempotency SET request_hash = ?, status = ?, body = ?, created_at = ?
         WHERE org_id = ? AND key = ? AND status = ? AND body = ?`,
        [row.requestHash, row.status, row.body, row.createdAt, row.orgId, row.key, IDEMPOTENCY_PENDING, token],
      );
      return changed === 1;
    },
    async releaseIdempotency(orgId, key, token) {
      await sqlWrite('DELETE FROM idempotency WHERE org_id = ? AND key = ? AND status = ? AND body = ?', [
        orgId,
        key,
        IDEMPOTENCY_PENDING,
        token,
      ]);
    },
    deleteIdempotencyBefore: (before) =>
      db.write(() => db.run('DELETE FROM idempotency WHERE created_at < ?', [before])),
    async getMeta(key) {
      const row = db.get('SELECT value FROM meta WHERE key = ?', [key]);
      return row === undefined ? undefined : String(row.value);
    },
    async deleteMeta(key) {
      await db.write(() => db.run('DELETE FROM meta WHERE key = ?', [key]));
    },
    async hasUserData() {
      const row = db.get(
        `SELECT EXISTS (SELECT 1 FROM organizations) OR EXISTS (SELECT 1 FROM api_keys) OR EXISTS (SELECT 1 FROM mcps)
           AS used`,
      );
      return Number(row?.used ?? 0) === 1;
    },
    async setMeta(key, value) {
      await db.write(() =>
        db.run('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [
          key,
          value,
        ]),
      );
    },
  };
}

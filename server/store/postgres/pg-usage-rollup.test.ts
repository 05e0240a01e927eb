/**
 * The PostgreSQL migrations that add the usage rollups backfill the rows already recorded: a schema brought to the
 * version before them, given usage rows, then migrated, answers every summary as aggregating the rows would.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { TEST_DATABASE_URL, testService } from '../../../test/support/services.js';
import { createTestSchema } from '../../../test/support/stores.js';
import { FILTERS, history, reference } from '../../../test/support/usage-reference.js';
import { runAsync, summarizePlan } from '../usage-rollup.js';
import { openPgDb, type PgDb } from './pg-db.js';
import { migratePg, PG_MIGRATIONS } from './pg-migrations.js';

const postgres = testService(TEST_DATABASE_URL);

describe.skipIf(postgres.skipReason !== undefined)('PostgreSQL migrations 3, 4 and 5', () => {
  let db: PgDb | undefined;
  let drop: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await db?.close();
    await drop?.();
  });

  it('backfill the rollups of a database that had usage before them', async () => {
    const schema = await createTestSchema(postgres.url ?? '');
    drop = schema.drop;
    db = openPgDb({ connectionString: postgres.url, max: 2, options: `-c search_path=${schema.schema}` });
    await migratePg(
      db,
      PG_MIGRATIONS.filter((m) => m.version <= 2),
    );
    const rows = history();
    for (const org of ['org_a', 'org_b']) {
      await db.run(
        `INSERT INTO organizations (id, name, slug, plan, created_at, updated_at) VALUES (?, ?, ?, 'free', 't', 't')`,
        [org, org, org],
      );
    }
    for (const r of rows) {
      await db.run(
        `INSERT INTO usage (id, org_id, api_key_id, mcp_id, mcp_name, tool, status, error_code, latency_ms, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          r.id,
          r.orgId,
          r.apiKeyId,
          r.mcpId,
          r.mcpName,
          r.tool,
          r.status,
          r.errorCode,
          Math.round(r.latencyMs),
          r.createdAt,
        ],
      );
    }
    expect(await migratePg(db)).toEqual(expect.arrayContaining([3, 4, 5]));
    const opened = db;
    for (const [, filter] of FILTERS) {
      expect(await runAsync(summarizePlan('org_a', filter), (sql, params) => opened.all(sql, params))).toEqual(
        reference(rows, 'org_a', filter),
      );
    }
  });
});

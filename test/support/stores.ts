/**
 * Every `Store` implementation, for tests that hold them to one behaviour: `describe.each(STORE_KINDS)`. Each `open()`
 * gives a fresh, empty store: a sql.js database in a temporary directory, or a schema of its own in the test
 * PostgreSQL database (dropped by `cleanup`).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describe, it } from 'vitest';
import type { Clock } from '../../server/clock.js';
import { openPostgresStore } from '../../server/store/postgres/postgres-store.js';
import { openSqliteStore } from '../../server/store/sqlite-store.js';
import type { Store } from '../../server/store/types.js';
import { TEST_DATABASE_URL, testService } from './services.js';

export interface OpenedStore {
  store: Store;
  /** What a second server instance would open: the same data, through its own connections. */
  openAnother(): Promise<Store>;
  /** Closes `store` and opens the same data again, as a restarted server would; returns the new store. */
  reopen(): Promise<Store>;
  cleanup(): Promise<void>;
}

export interface StoreKind {
  name: string;
  /** Set when this implementation cannot run here (the reason is the skipped test's name). */
  skipReason?: string;
  /** `clock`: the store's time source (the system time by default). */
  open(options?: { clock?: Clock }): Promise<OpenedStore>;
}

const sqlite: StoreKind = {
  name: 'sql.js',
  async open(options = {}) {
    const dir = mkdtempSync(join(tmpdir(), 'plexmcp-store-'));
    const path = join(dir, 'plexmcp.db');
    let store = await openSqliteStore({ path, ...options });
    return {
      store,
      openAnother: () => Promise.reject(new Error('one process owns a sql.js database at a time')),
      async reopen() {
        await store.close();
        store = await openSqliteStore({ path, ...options });
        return store;
      },
      cleanup: async () => {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

const postgresService = testService(TEST_DATABASE_URL);
let admin: pg.Pool | undefined;

/** A fresh schema in the test database; the store creates its tables there. */
export async function createTestSchema(url: string): Promise<{ schema: string; drop(): Promise<void> }> {
  admin ??= new pg.Pool({ connectionString: url, max: 2, allowExitOnIdle: true });
  const schema = `t_${randomBytes(8).toString('hex')}`;
  await admin.query(`CREATE SCHEMA ${schema}`);
  return { schema, drop: async () => void (await admin!.query(`DROP SCHEMA ${schema} CASCADE`)) };
}

const postgres: StoreKind = {
  name: 'postgres',
  skipReason: postgresService.skipReason,
  async open(options = {}) {
    const url = postgresService.url!;
    const { schema, drop } = await createTestSchema(url);
    const opened: Store[] = [];
    const openOne = async () => {
      const store = await openPostgresStore({ url, schema, max: 4, ...options });
      opened.push(store);
      return store;
    };
    let current = await openOne();
    return {
      store: current,
      openAnother: openOne,
      async reopen() {
        await current.close();
        current = await openOne();
        return current;
      },
      cleanup: async () => {
        // Closing twice is harmless: a reopened store's predecessor is already closed.
        await Promise.all(opened.map((store) => store.close()));
        await drop();
      },
    };
  },
};

export const STORE_KINDS: readonly StoreKind[] = [sqlite, postgres];

/**
 * `describe.each` over every store kind, the body given the kind to open. A kind that cannot run here (no test
 * PostgreSQL outside CI) shows as one skipped test whose name says how to run it.
 */
export function describeEachStore(body: (kind: StoreKind) => void): void {
  describe.each(STORE_KINDS)('$name store', (kind) => {
    if (kind.skipReason !== undefined) {
      it.skip(kind.skipReason, () => {});
      return;
    }
    body(kind);
  });
}

/** The store the HTTP harness runs on: PLEXMCP_HARNESS_STORE names a kind (default sql.js). */
export function harnessStoreKind(): StoreKind {
  const name = process.env.PLEXMCP_HARNESS_STORE ?? 'sql.js';
  const kind = STORE_KINDS.find((candidate) => candidate.name === name);
  if (!kind) throw new Error(`PLEXMCP_HARNESS_STORE=${name} names no store kind (${STORE_KINDS.map((k) => k.name)})`);
  if (kind.skipReason !== undefined) throw new Error(kind.skipReason);
  return kind;
}

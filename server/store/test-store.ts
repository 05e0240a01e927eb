/** Opens a store on a fresh file in a temporary directory, for tests. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore, type SqliteStore } from './sqlite-store.js';
import type { OrganizationRow } from './types.js';

export interface TempStore {
  store: SqliteStore;
  dir: string;
  path: string;
  cleanup(): Promise<void>;
}

export async function openTempStore(): Promise<TempStore> {
  const dir = mkdtempSync(join(tmpdir(), 'plexmcp-store-'));
  const path = join(dir, 'plexmcp.db');
  const store = await openSqliteStore({ path });
  return {
    store,
    dir,
    path,
    cleanup: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function seedOrganization(store: SqliteStore, id: string): Promise<OrganizationRow> {
  return store.createOrganization({ id, name: `Org ${id}`, slug: id, description: null, plan: 'free', settings: {} });
}

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveSecrets } from './secrets.js';
import { openSqliteStore } from './store/sqlite-store.js';
import { openTempStore, type TempStore } from './store/test-store.js';

let t: TempStore;
beforeEach(async () => {
  t = await openTempStore();
});
afterEach(() => t.cleanup());

describe('secrets', () => {
  it('generates both secrets once and reuses them after a restart', async () => {
    const first = await resolveSecrets(t.store, { apiKeyHmacSecret: undefined, encryptionKey: undefined });
    expect(first.generated).toEqual(['API_KEY_HMAC_SECRET', 'PLEXMCP_ENCRYPTION_KEY']);
    expect(first.encryptionKey).toHaveLength(32);
    await t.store.close();
    t.store = await openSqliteStore({ path: t.path });
    const second = await resolveSecrets(t.store, { apiKeyHmacSecret: undefined, encryptionKey: undefined });
    expect(second).toEqual({ ...first, generated: [], warnings: [] });
  });

  it('uses configured secrets without storing them, and warns when they change', async () => {
    const configured = { apiKeyHmacSecret: 'h'.repeat(40), encryptionKey: Buffer.alloc(32, 1) };
    const first = await resolveSecrets(t.store, configured);
    expect(first).toMatchObject({ apiKeyHmacSecret: 'h'.repeat(40), generated: [], warnings: [] });
    expect(await t.store.getMeta('secret.api_key_hmac_secret')).toBeUndefined();
    expect(await t.store.getMeta('secret.encryption_key')).toBeUndefined();
    const changed = await resolveSecrets(t.store, {
      apiKeyHmacSecret: 'x'.repeat(40),
      encryptionKey: Buffer.alloc(32, 2),
    });
    expect(changed.warnings).toHaveLength(2);
    expect(changed.warnings[0]).toMatch(/^API_KEY_HMAC_SECRET differs/);
    expect(changed.warnings[1]).toMatch(/^PLEXMCP_ENCRYPTION_KEY differs/);
  });
});

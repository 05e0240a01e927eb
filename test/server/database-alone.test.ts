/**
 * With default configuration (no secrets in the environment), the database file and its journal alone open nothing:
 * no upstream credential decrypts and no API key can be read, whatever in the files is tried as a key. The secrets are
 * in the key file beside the database, and a createApiKey replay is sealed under the caller's own API key.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config/config.js';
import { createCredentialCipher } from '../../server/crypto/credentials.js';
import { replaySealFor } from '../../server/idempotency/replay-seal.js';
import { type RunningServer, startServer } from '../../server/main.js';
import { listJournalFiles } from '../../server/store/journal-scan.js';
import { call } from '../support/harness.js';

const UPSTREAM_TOKEN = 'upstream-token-Zq81LmX04vTq';
const UPSTREAM_PASSWORD = 'upstream-password-Hn37PaaW';

/** Every form a 32-byte value found in the files could take as a key. */
function keyCandidates(text: string): Buffer[] {
  const found: Buffer[] = [];
  for (const match of text.matchAll(/[0-9a-fA-F]{64}/g)) found.push(Buffer.from(match[0], 'hex'));
  for (const match of text.matchAll(/[A-Za-z0-9+/_-]{43,44}={0,1}/g)) {
    for (const encoding of ['base64', 'base64url'] as const) {
      const bytes = Buffer.from(match[0], encoding);
      if (bytes.length === 32) found.push(bytes);
    }
  }
  return found;
}

describe('the database file alone', () => {
  let dir: string;
  let running: RunningServer | undefined;
  let ownerKey: string;
  let createdKey: string;
  let invitationToken: string;
  let orgId: string;
  const files = () => {
    const path = join(dir, 'plexmcp.db');
    return [path, ...listJournalFiles(path).map((file) => file.path)];
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'plexmcp-alone-'));
    const config = loadConfig({
      BIND_ADDRESS: '127.0.0.1:0',
      DATABASE_URL: `file:${join(dir, 'plexmcp.db')}`,
      PLEXMCP_HEALTH_CHECK_INTERVAL_MS: '0',
      PLEXMCP_ALLOW_PRIVATE_MCP_URLS: 'true',
      LOG_LEVEL: 'silent',
    });
    let printed = '';
    const out = new Writable({
      write(chunk: Buffer, _encoding, done) {
        printed += chunk.toString('utf8');
        done();
      },
    });
    running = await startServer(config, out);
    ownerKey = /(pmcp_[0-9A-Za-z]{40,})/.exec(printed)?.[1] ?? '';
    expect(ownerKey).not.toBe('');
    orgId = (await call(running.url, 'GET', '/v1/organization', { key: ownerKey })).body.data.id;
    for (const [auth, extra] of [
      ['bearer', { auth_token: UPSTREAM_TOKEN }],
      ['basic', { auth_username: 'upstream-user', auth_password: UPSTREAM_PASSWORD }],
    ] as const) {
      const mcp = await call(running.url, 'POST', '/v1/mcps', {
        key: ownerKey,
        body: { name: `Upstream ${auth}`, endpoint_url: 'http://127.0.0.1:9/mcp', auth_type: auth, ...extra },
      });
      expect(mcp.status).toBe(201);
    }
    const create = () =>
      call(running!.url, 'POST', '/v1/api-keys', {
        key: ownerKey,
        body: { name: 'ci' },
        headers: { 'idempotency-key': 'create-ci-key' },
      });
    const first = await create();
    expect(first.status).toBe(201);
    createdKey = first.body.data.key;
    // The replay still works for the caller who presents the same API key.
    const again = await create();
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.data.key).toBe(createdKey);
    // An invitation's token is shown once too; its idempotent replay is sealed the same way.
    const invited = await call(running.url, 'POST', '/v1/organization/members/invite', {
      key: ownerKey,
      body: { email: 'invitee@example.com' },
      headers: { 'idempotency-key': 'invite-someone' },
    });
    expect(invited.status).toBe(201);
    invitationToken = invited.body.data.token;
  });
  afterAll(async () => {
    await running?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The checks, on the files as they are now (while running: snapshot + journal; after close: the snapshot). */
  async function expectNothingRecoverable(): Promise<void> {
    const keyFilePath = join(dir, 'plexmcp.db.keys');
    const keyFile = existsSync(keyFilePath)
      ? (JSON.parse(readFileSync(keyFilePath, 'utf8')) as Record<string, string>)
      : {};
    const secrets = [keyFile.API_KEY_HMAC_SECRET, keyFile.PLEXMCP_ENCRYPTION_KEY].filter(
      (secret): secret is string => secret !== undefined,
    );
    const raw = Buffer.concat(files().map((file) => readFileSync(file)));
    const forbidden = [UPSTREAM_TOKEN, UPSTREAM_PASSWORD, ownerKey, createdKey, invitationToken];
    for (const secret of secrets) {
      forbidden.push(
        secret,
        Buffer.from(secret, 'hex').toString('base64'),
        Buffer.from(secret, 'hex').toString('base64url'),
      );
    }
    for (const value of forbidden) expect(raw.includes(value), `the files hold ${value.slice(0, 8)}...`).toBe(false);

    // Everything in the files, read as text: the snapshot's cells and the journal's statements with their parameters.
    const text = raw.toString('latin1');
    const credentials = [...text.matchAll(/v1\.[\w-]{16}\.[\w-]{22}\.[\w-]+/g)].map((match) => match[0]);
    const replays = [...text.matchAll(/r1\.[\w-]{16}\.[\w-]{22}\.[\w-]+/g)].map((match) => match[0]);
    // Two MCPs' credentials and the createApiKey and inviteMember replays, however they are sealed.
    expect(credentials.length + replays.length).toBeGreaterThanOrEqual(4);
    for (const candidate of keyCandidates(text)) {
      const cipher = createCredentialCipher(candidate);
      for (const ciphertext of [...credentials, ...replays]) expect(() => cipher.decrypt(ciphertext)).toThrow();
    }
    // The replay's seal, with every printable token in the files standing in for the caller's API key.
    const tokens = new Set(text.split(/[^\x21-\x7e]+|["',[\]{}()]/).filter((token) => token.length >= 8));
    for (const record of [`${orgId}\ncreate-ci-key`, `${orgId}\ninvite-someone`]) {
      for (const body of replays) {
        for (const token of tokens) expect(() => replaySealFor(token, record).open(body)).toThrow();
      }
    }
  }

  it('while the server runs (snapshot and journal) and after it stops, nothing in the files opens a secret', async () => {
    await expectNothingRecoverable();
    await running?.close();
    running = undefined;
    await expectNothingRecoverable();
  });

  it('the key file beside the database holds both generated secrets and is readable by its owner only', () => {
    const path = join(dir, 'plexmcp.db.keys');
    const keyFile = JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>;
    expect(keyFile.API_KEY_HMAC_SECRET).toMatch(/^[0-9a-f]{64}$/);
    expect(keyFile.PLEXMCP_ENCRYPTION_KEY).toMatch(/^[0-9a-f]{64}$/);
    if (process.platform !== 'win32') expect(statSync(path).mode & 0o777).toBe(0o600);
  });
});

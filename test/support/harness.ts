/**
 * End-to-end test fixture: a real store (sql.js in a temporary directory, or PostgreSQL when the test project sets
 * PLEXMCP_HARNESS_STORE=postgres: see vitest.config.ts), seeded with an organisation, its owner and an
 * owner key; the app from createApp on a real HTTP server on port 0. Tests talk to it with plain fetch.
 */
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { type AppDeps, createApp } from '../../server/app.js';
import { hashApiKey } from '../../server/auth/api-key.js';
import { createCredentialCipher } from '../../server/crypto/credentials.js';
import { createHttpServer, DEFAULT_HTTP_LIMITS, type HttpServerLimits } from '../../server/http/http-server.js';
import { issueApiKey } from '../../server/keys/issue-api-key.js';
import { newId } from '../../server/store/ids.js';
import type {
  ApiKeyRow,
  McpRow,
  McpScope,
  MemberRow,
  OrganizationRow,
  Plan,
  Role,
  Store,
} from '../../server/store/types.js';
import { harnessStoreKind } from './stores.js';

export interface Seeded {
  org: OrganizationRow;
  owner: MemberRow;
  /** The owner's full API key. */
  ownerKey: string;
  ownerKeyRow: ApiKeyRow;
}

export interface Harness extends Seeded {
  baseUrl: string;
  /** The HTTP server, for tests that watch its connections. */
  server: Server;
  store: Store;
  cipher: AppDeps['cipher'];
  /** Every log line the server wrote, parsed. */
  logs: Record<string, unknown>[];
  /** Another organisation with its own owner and key. */
  addOrganization(plan?: Plan): Promise<Seeded>;
  addMember(role: Role, orgId?: string): Promise<{ member: MemberRow; key: string; keyRow: ApiKeyRow }>;
  addKey(
    userId: string,
    options?: { role?: Role; scope?: McpScope; expiresAt?: string | null; orgId?: string; name?: string },
  ): Promise<{ key: string; row: ApiKeyRow }>;
  addMcp(options?: { orgId?: string; name?: string; endpointUrl?: string }): Promise<McpRow>;
  /**
   * Another server instance on the same database, through its own store (its own connections): what a second
   * process behind a load balancer is. Only stores several processes can share (PostgreSQL) have one.
   */
  startInstance(
    overrides?: Partial<AppDeps> | ((store: Store) => Partial<AppDeps>),
  ): Promise<{ baseUrl: string; store: Store; close(): Promise<void> }>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** Wraps the real store, e.g. to inject a fault. */
  wrapStore?: (store: Store) => Store;
  /** Dependencies of the app to replace; a function receives the store (for stages that read it). */
  overrides?: Partial<AppDeps> | ((store: Store) => Partial<AppDeps>);
  /** The HTTP server's timeouts and connection cap; the server's defaults otherwise. */
  limits?: Partial<HttpServerLimits>;
}

const SECRET = randomBytes(32).toString('hex');

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  // The store stamps rows with the same clock as the app (a test's fixed clock included).
  const clock = typeof options.overrides === 'function' ? undefined : options.overrides?.clock;
  const opened = await harnessStoreKind().open(clock ? { clock } : {});
  const { store } = opened;
  const cipher = createCredentialCipher(randomBytes(32));
  const logs: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n'))
        if (line.trim()) logs.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const hash = (key: string): string => hashApiKey(key, SECRET);

  const addKey: Harness['addKey'] = async (userId, keyOptions = {}) => {
    const member = await findMemberOrg(store, userId, keyOptions.orgId);
    const expiresAt = keyOptions.expiresAt ?? null;
    // A key that is already expired is issued a minute before its expiry, as it would have been in real life.
    const issuedAt =
      expiresAt !== null && Date.parse(expiresAt) <= Date.now() ? Date.parse(expiresAt) - 60_000 : Date.now();
    return issueApiKey(
      { store, hashApiKey: hash, clock: () => new Date(issuedAt) },
      {
        orgId: member.orgId,
        userId,
        name: keyOptions.name ?? 'test key',
        ...(keyOptions.role === undefined ? {} : { role: keyOptions.role }),
        mcps: keyOptions.scope ?? '*',
        expiresAt,
      },
    );
  };
  const memberOrgs = new Map<string, string>();
  async function findMemberOrg(s: Store, userId: string, orgId?: string): Promise<MemberRow> {
    const org = orgId ?? memberOrgs.get(userId);
    const member = org ? await s.getMember(org, userId) : undefined;
    if (!member) throw new Error(`harness: unknown member ${userId}`);
    return member;
  }
  const addMember: Harness['addMember'] = async (role, orgId) => {
    const id = newId('user');
    const member = await store.createMember({
      id,
      orgId: orgId ?? seeded.org.id,
      email: `${id.toLowerCase()}@example.com`,
      name: `User ${role}`,
      role,
    });
    memberOrgs.set(id, member.orgId);
    const { key, row } = await addKey(id, { role });
    return { member, key, keyRow: row };
  };
  const addOrganization: Harness['addOrganization'] = async (plan = 'free') => {
    const orgId = newId('org');
    const org = await store.createOrganization({
      id: orgId,
      name: `Org ${orgId}`,
      slug: orgId.toLowerCase(),
      description: null,
      plan,
      settings: {},
    });
    const { member, key, keyRow } = await addMember('owner', orgId);
    return { org, owner: member, ownerKey: key, ownerKeyRow: keyRow };
  };
  const seeded = await (async (): Promise<Seeded> => {
    const orgId = newId('org');
    const org = await store.createOrganization({
      id: orgId,
      name: 'Acme',
      slug: 'acme',
      description: null,
      plan: 'pro',
      settings: {},
    });
    const ownerId = newId('user');
    const owner = await store.createMember({
      id: ownerId,
      orgId,
      email: 'owner@example.com',
      name: 'Olive Owner',
      role: 'owner',
    });
    memberOrgs.set(ownerId, orgId);
    const { key, row } = await addKey(ownerId, { name: 'owner key' });
    return { org, owner, ownerKey: key, ownerKeyRow: row };
  })();

  const listen = async (on: Store, overrides: Partial<AppDeps> | undefined) => {
    const app = createApp({
      store: options.wrapStore ? options.wrapStore(on) : on,
      logger: pino({ level: 'info' }, sink),
      hashApiKey: hash,
      cipher,
      validateResponses: true,
      maxRequestBodyBytes: 64 * 1024,
      mcpRequestTimeoutMs: 5_000,
      selfHosted: false,
      allowPrivateMcpUrls: false,
      ...overrides,
    });
    const server: Server = createHttpServer(app, { ...DEFAULT_HTTP_LIMITS, ...options.limits });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const close = async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    };
    return { baseUrl: `http://127.0.0.1:${port}`, server, close };
  };
  const main = await listen(
    store,
    typeof options.overrides === 'function' ? options.overrides(store) : options.overrides,
  );
  const instances: (() => Promise<void>)[] = [];

  return {
    ...seeded,
    baseUrl: main.baseUrl,
    server: main.server,
    store,
    cipher,
    logs,
    addOrganization,
    addMember,
    addKey,
    addMcp: (mcpOptions = {}) =>
      store.createMcp({
        id: newId('mcp'),
        orgId: mcpOptions.orgId ?? seeded.org.id,
        name: mcpOptions.name ?? 'Weather API',
        endpointUrl: mcpOptions.endpointUrl ?? 'https://weather.example.com/mcp',
        description: null,
        status: 'active',
        authType: 'none',
        credentialsCiphertext: null,
      }),
    async startInstance(overrides) {
      const other = await opened.openAnother();
      const instance = await listen(other, typeof overrides === 'function' ? overrides(other) : overrides);
      const close = async () => {
        await instance.close();
        await other.close();
      };
      instances.push(close);
      return { baseUrl: instance.baseUrl, store: other, close };
    },
    close: async () => {
      await Promise.all(instances.map((close) => close()));
      await main.close();
      await opened.cleanup();
    },
  };
}

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

/** One request with plain fetch; `key` goes in `Authorization: ApiKey`. */
export async function call<T = any>(
  baseUrl: string,
  method: string,
  path: string,
  options: { key?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.key) headers.authorization = `ApiKey ${options.key}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetch(`${baseUrl}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: response.status, headers: response.headers, body: parsed as T, text };
}

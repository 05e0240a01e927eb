/**
 * The MCP endpoint's sessions (openapi.yaml "MCP endpoint"): each has its own SDK transport and server, belongs to the
 * API key that opened it, ends on `DELETE`, after 30 idle minutes, or when its key is revoked or expires, and is told
 * `notifications/tools/list_changed` when the tools its key may use change. Sessions live in this process only.
 */
import { randomUUID } from 'node:crypto';
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { Principal } from '../auth/principal.js';
import type { Clock } from '../clock.js';
import type { Store } from '../store/types.js';

export interface McpSession {
  readonly id: string;
  readonly keyId: string;
  readonly transport: StreamableHTTPServerTransport;
  /** The caller of the session's latest request. */
  principal: Principal;
  lastSeen: number;
  /** Whether the session's event stream (`openMcpStream`) is open. */
  streamOpen: boolean;
  /** The names of the session's last `tools/list`, once it has listed. */
  listed?: string;
}

export interface McpSessionsOptions {
  store: Store;
  clock: Clock;
  /** The server of one new session; `onListed` records what it listed. */
  serverFor(session: () => McpSession | undefined): Server;
  /** The names of the tools `principal` may use now. */
  toolNames(principal: Principal): Promise<string[]>;
  idleMs?: number;
  /** How often sessions with an open event stream compare their tools (and check their key). */
  checkMs?: number;
  /** Sessions one key may hold; opening one more ends its least recently used. */
  perKey?: number;
}

const IDLE_MS = 30 * 60_000;
const CHECK_MS = 5_000;
const PER_KEY = 32;

export interface McpSessions {
  /** A new, not yet initialised session for `principal`; it is kept only once `initialize` succeeds. */
  open(principal: Principal): Promise<{ transport: StreamableHTTPServerTransport; settle(): Promise<void> }>;
  /** The session `id` of the key `keyId`; another key's session is as absent as an unknown one. */
  find(id: string, keyId: string): McpSession | undefined;
  close(): Promise<void>;
}

export function createMcpSessions(options: McpSessionsOptions): McpSessions {
  const sessions = new Map<string, McpSession>();
  const servers = new Map<string, Server>();
  const idleMs = options.idleMs ?? IDLE_MS;
  const perKey = options.perKey ?? PER_KEY;

  const end = async (id: string): Promise<void> => {
    const server = servers.get(id);
    sessions.delete(id);
    servers.delete(id);
    await server?.close().catch(() => undefined);
  };

  const keyEnded = async (session: McpSession): Promise<boolean> => {
    const key = await options.store.getApiKey(session.principal.orgId, session.keyId);
    const now = options.clock().toISOString();
    return !key || key.revokedAt !== null || (key.expiresAt !== null && key.expiresAt <= now);
  };

  let checking = false;
  const check = async (): Promise<void> => {
    if (checking) return;
    checking = true;
    try {
      for (const session of [...sessions.values()]) {
        if (Date.now() - session.lastSeen > idleMs && !session.streamOpen) await end(session.id);
        else if (session.streamOpen) {
          // A stream outlives the request that authenticated it: it ends with its key.
          if (await keyEnded(session)) {
            await end(session.id);
            continue;
          }
          if (session.listed === undefined) continue;
          const names = (await options.toolNames(session.principal)).join('\n');
          if (names !== session.listed) {
            session.listed = names;
            await servers.get(session.id)?.sendToolListChanged();
          }
        }
      }
    } catch {
      // A failed round (store unavailable) is retried at the next one.
    } finally {
      checking = false;
    }
  };
  const timer = setInterval(() => void check(), options.checkMs ?? CHECK_MS);
  timer.unref();

  return {
    async open(principal) {
      let session: McpSession | undefined;
      const transport = new StreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        onsessioninitialized: (id) => {
          session = { id, keyId: principal.key.id, transport, principal, lastSeen: Date.now(), streamOpen: false };
          const own = [...sessions.values()].filter((s) => s.keyId === principal.key.id);
          own.sort((a, b) => a.lastSeen - b.lastSeen);
          for (const old of own.slice(0, Math.max(0, own.length - perKey + 1))) void end(old.id);
          sessions.set(id, session);
          servers.set(id, server);
        },
        onsessionclosed: (id) => void end(id),
      });
      const server = options.serverFor(() => session);
      await server.connect(transport);
      return {
        transport,
        // After the initialize request: a session that did not come to be is closed at once.
        settle: async () => {
          if (!session) await server.close().catch(() => undefined);
        },
      };
    },
    find(id, keyId) {
      const session = sessions.get(id);
      if (!session || session.keyId !== keyId) return undefined;
      session.lastSeen = Date.now();
      return session;
    },
    async close() {
      clearInterval(timer);
      await Promise.all([...sessions.keys()].map(end));
    },
  };
}

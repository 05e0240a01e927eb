/**
 * The pooled MCP sessions, one per MCP id. An entry is keyed with the target's `version`, so a changed endpoint or
 * credential replaces the session; concurrent first calls share one connect.
 */
import type { UpstreamTarget } from './types.js';
import { type ConnectOptions, connectUpstream, type UpstreamConnection } from './upstream-connection.js';

interface Entry {
  version: string;
  connecting: Promise<UpstreamConnection>;
  connection?: UpstreamConnection;
}

export class UpstreamPool {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly options: ConnectOptions) {}

  /** The open session for `target`, connecting when there is none (or the pooled one is closed or outdated). */
  acquire(target: UpstreamTarget): Promise<UpstreamConnection> {
    const entry = this.entries.get(target.id);
    if (entry && entry.version === target.version && !entry.connection?.closed) return entry.connecting;
    if (entry) this.drop(target.id, entry);
    const fresh: Entry = { version: target.version, connecting: connectUpstream(target, this.options) };
    this.entries.set(target.id, fresh);
    fresh.connecting.then(
      (connection) => {
        fresh.connection = connection;
        // Evicted or replaced while connecting: nobody else will close it.
        if (this.entries.get(target.id) !== fresh) void connection.close({ terminate: true });
      },
      () => {
        if (this.entries.get(target.id) === fresh) this.entries.delete(target.id);
      },
    );
    return fresh.connecting;
  }

  /** Forgets `connection` if it is still the pooled one (its session expired or broke) and closes it. */
  async discard(mcpId: string, connection: UpstreamConnection): Promise<void> {
    const entry = this.entries.get(mcpId);
    if (entry?.connection === connection) this.entries.delete(mcpId);
    await connection.close();
  }

  async evict(mcpId: string): Promise<void> {
    const entry = this.entries.get(mcpId);
    if (entry) await this.drop(mcpId, entry);
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.entries].map(([id, entry]) => this.drop(id, entry)));
  }

  private async drop(mcpId: string, entry: Entry): Promise<void> {
    if (this.entries.get(mcpId) === entry) this.entries.delete(mcpId);
    const connection = await entry.connecting.catch(() => undefined);
    await connection?.close({ terminate: true });
  }
}

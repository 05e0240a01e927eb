/**
 * The real server as a child process on one database, for crash tests: `server/main.ts` found by the URL it prints,
 * and killed with SIGKILL, which gives it no chance to flush or close.
 */
import { spawnTs } from '../support/child-process.js';

/** A fixed owner key, so every restart authenticates the same way (the contract's `pmcp_` + 43 base62 form). */
export const OWNER_KEY = `pmcp_${'Cr4sh'.repeat(8)}Tst`;

export interface ServerProcess {
  url: string;
  pid: number;
  /** Everything the process wrote to stderr (recovery warnings among it). */
  stderr(): string;
  kill9(): Promise<void>;
  /** SIGTERM, then waits for the exit code. */
  stop(): Promise<number | null>;
}

export async function startServer(databasePath: string, extraEnv: Record<string, string> = {}): Promise<ServerProcess> {
  const child = spawnTs('server/main.ts', [], {
    DATABASE_URL: `file:${databasePath}`,
    BIND_ADDRESS: '127.0.0.1:0',
    PLEXMCP_SELF_HOSTED: 'true',
    PLEXMCP_BOOTSTRAP_API_KEY: OWNER_KEY,
    PLEXMCP_HEALTH_CHECK_INTERVAL_MS: '0',
    // Small journals, so checkpoints run all through the load and some kills land in the middle of one.
    PLEXMCP_CHECKPOINT_BYTES: '32768',
    ...extraEnv,
  });
  const [, url] = await child.waitFor(/listening on (http:\/\/\S+)/);
  return { url: url!, pid: child.process.pid ?? -1, stderr: child.stderr, kill9: child.kill9, stop: child.stop };
}

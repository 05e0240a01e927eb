/**
 * The real server as a child process on one database, for crash tests: started with `node --import tsx
 * server/main.ts`, found by the URL it prints, and killed with SIGKILL, which gives it no chance to flush or close.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

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
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: REPO_ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      LOG_LEVEL: 'warn',
      DATABASE_URL: `file:${databasePath}`,
      BIND_ADDRESS: '127.0.0.1:0',
      PLEXMCP_SELF_HOSTED: 'true',
      PLEXMCP_BOOTSTRAP_API_KEY: OWNER_KEY,
      PLEXMCP_HEALTH_CHECK_INTERVAL_MS: '0',
      // Small journals, so checkpoints run all through the load and some kills land in the middle of one.
      PLEXMCP_CHECKPOINT_BYTES: '32768',
      ...extraEnv,
    },
    stdio: 'pipe',
  });
  let out = '';
  let err = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match?.[1]) resolve(match[1]);
    });
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    void exited.then((code) => reject(new Error(`server exited (${code}) before listening: ${err || out}`)));
  });
  return {
    url,
    pid: child.pid ?? -1,
    stderr: () => err,
    kill9: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

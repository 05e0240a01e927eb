/** @modelcontextprotocol/server-everything (a real, third-party MCP server) in streamableHttp mode on a free port. */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { freeLoopbackPort } from './ports.js';

export interface EverythingServer {
  /** Its streamable HTTP endpoint. */
  url: string;
  child: ChildProcess;
  close(): Promise<void>;
}

/** Starts server-everything; it reads PORT and logs "listening on port" to stderr when ready. */
export async function startEverything(): Promise<EverythingServer> {
  const port = await freeLoopbackPort();
  const entry = createRequire(import.meta.url).resolve('@modelcontextprotocol/server-everything/dist/index.js');
  const child = spawn(process.execPath, [entry, 'streamableHttp'], {
    env: { ...process.env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server-everything did not start:\n${log}`)), 20_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      if (/listening on port/i.test(log)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`server-everything exited (${code}):\n${log}`)));
  });
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    child,
    close: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

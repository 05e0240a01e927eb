/**
 * Real child processes for tests: a TypeScript entry of this repository run through tsx, with its output collected,
 * waited on by what it prints, and stopped (SIGTERM) or killed (SIGKILL, no chance to flush or close).
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface Child {
  process: ChildProcessWithoutNullStreams;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  /** Resolves with the first match of `pattern` in stdout; rejects if the process exits first. */
  waitFor(pattern: RegExp): Promise<RegExpMatchArray>;
  /** SIGTERM (if still running), then the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL (if still running), then waits for the exit. */
  kill9(): Promise<void>;
}

export interface SpawnOptions {
  /** Replace the base environment (PATH, HOME, LOG_LEVEL=warn) instead of adding to it. */
  bareEnv?: boolean;
  /** Also collect stderr into what `waitFor` searches (some entries announce readiness there). */
  waitOnStderr?: boolean;
}

export function spawnTs(entry: string, args: string[], env: Record<string, string>, options: SpawnOptions = {}): Child {
  const base = options.bareEnv
    ? { PATH: process.env.PATH ?? '' }
    : { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'warn' };
  const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], {
    cwd: REPO_ROOT,
    env: { ...base, ...env },
    stdio: 'pipe',
  });
  let out = '';
  let err = '';
  const waiters: (() => void)[] = [];
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    for (const wake of waiters) wake();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    err += chunk.toString();
    if (options.waitOnStderr) for (const wake of waiters) wake();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const running = () => child.exitCode === null && child.signalCode === null;
  return {
    process: child,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitFor: (pattern) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const match = pattern.exec(options.waitOnStderr ? out + err : out);
          if (match) resolve(match);
        };
        waiters.push(check);
        check();
        void exited.then((code) => reject(new Error(`${entry} exited (${code}) before ${pattern}: ${err || out}`)));
      }),
    stop: async () => {
      if (running()) child.kill('SIGTERM');
      return exited;
    },
    kill9: async () => {
      if (running()) child.kill('SIGKILL');
      await exited;
    },
  };
}

/** Runs to completion. */
export async function runTs(entry: string, args: string[], env: Record<string, string>) {
  const child = spawnTs(entry, args, env);
  const code = await child.exited;
  return { code, stdout: child.stdout(), stderr: child.stderr() };
}

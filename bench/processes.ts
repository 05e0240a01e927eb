/**
 * Child processes for the subjects under load: each HTTP subject runs in its own process so that autocannon (in the
 * bench process) never shares an event loop with what it measures. Output goes to a file, not a pipe, so a chatty
 * access log costs the child what it costs in production and nothing here.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

export interface Child {
  /** The first match of `ready` in the child's output. */
  match: RegExpMatchArray;
  logPath: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export interface SpawnOptions {
  command: string;
  args: readonly string[];
  env?: NodeJS.ProcessEnv;
  /** Where stdout and stderr go. */
  logPath: string;
  /** What the child prints once it is ready, e.g. its URL. */
  ready: RegExp;
  timeoutMs?: number;
}

export async function spawnChild(options: SpawnOptions): Promise<Child> {
  const fd = openSync(options.logPath, 'w');
  const child = spawn(options.command, [...options.args], {
    cwd: ROOT,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  for (;;) {
    const output = readFileSync(options.logPath, 'utf8');
    const match = output.match(options.ready);
    if (match) return { match, logPath: options.logPath, process: child, stop };
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`${options.command} ${options.args.join(' ')} did not become ready:\n${output.slice(-2000)}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * A TypeScript entry point under Node with tsx's loader; BENCH_CPU_PROF=<dir> profiles it (`node --cpu-prof`), and
 * BENCH_HEAP_SNAPSHOTS=<dir> lets SIGUSR2 write a heap snapshot there (`node --heapsnapshot-signal`).
 */
export function spawnTs(
  script: string,
  options: Omit<SpawnOptions, 'command' | 'args'> & { args?: string[] },
): Promise<Child> {
  const profile = process.env.BENCH_CPU_PROF
    ? ['--cpu-prof', `--cpu-prof-dir=${resolve(process.env.BENCH_CPU_PROF)}`]
    : [];
  const heap = process.env.BENCH_HEAP_SNAPSHOTS
    ? ['--heapsnapshot-signal=SIGUSR2', `--diagnostic-dir=${resolve(process.env.BENCH_HEAP_SNAPSHOTS)}`]
    : [];
  return spawnChild({
    ...options,
    command: process.execPath,
    args: [...profile, ...heap, '--import', 'tsx', join(ROOT, script), ...(options.args ?? [])],
  });
}

/** A port free right now on loopback (for children, like Prism, that cannot listen on port 0 and report it). */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? done(address.port) : fail(new Error('no port'))));
    });
  });
}

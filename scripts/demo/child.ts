/**
 * Child processes for the demo: TypeScript entry points run with node and tsx's loader (the real programs, not
 * in-process copies), with their output kept so a failure can show it, and a stop that waits for the process to exit.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

/** The checkout's root: scripts/demo/ is two levels below it. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface Child {
  readonly process: ChildProcess;
  /** Everything written to stdout and stderr so far. */
  output(): string;
  /** Resolves with the first match of `pattern` in stdout; rejects if the process exits first or time runs out. */
  waitFor(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray>;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves with the exit code once the process has exited. */
  stop(graceMs?: number): Promise<number | null>;
  /** Resolves with the exit code when the process exits by itself. */
  exited(): Promise<number | null>;
}

/** Starts `node --import tsx <entry> ...args` from the repository root with `env` added to this process's. */
export function startTsx(entry: string, args: string[], env: Record<string, string>): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let all = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => {
    stdout += text;
    all += text;
  });
  child.stderr.setEncoding('utf8').on('data', (text: string) => {
    all += text;
  });
  const exit = new Promise<number | null>((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });

  return {
    process: child,
    output: () => all,
    exited: () => exit,
    waitFor(pattern, timeoutMs) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = pattern.exec(stdout);
          if (!match) return;
          done();
          resolve(match);
        };
        const onExit = (code: number | null) => {
          done();
          reject(new Error(`${entry} exited (code ${code}) before printing ${pattern}:\n${all}`));
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`${entry} did not print ${pattern} within ${timeoutMs} ms:\n${all}`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          child.stdout.off('data', check);
          child.off('exit', onExit);
        };
        child.stdout.on('data', check);
        child.once('exit', onExit);
        check();
      });
    },
    async stop(graceMs = 15_000) {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const code = await exit;
      clearTimeout(timer);
      return code;
    },
  };
}

/** Runs `node --import tsx <entry> ...args` to completion; resolves with its exit code and stdout. */
export async function runTsx(
  entry: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; output: string }> {
  const child = startTsx(entry, args, env);
  const stdoutChunks: string[] = [];
  child.process.stdout?.on('data', (text: string) => stdoutChunks.push(text));
  const [code] = (await once(child.process, 'close')) as [number | null];
  return { code, stdout: stdoutChunks.join(''), output: child.output() };
}

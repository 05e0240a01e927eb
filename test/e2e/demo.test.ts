/**
 * `npm run demo` as a newcomer runs it: no configuration, the whole loop, a report with commands to paste, exit code
 * 0 when the suite passes, and nothing left behind (no process, no temporary directory).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Without the npm_* variables an outer `npm test` sets. */
const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.toLowerCase().startsWith('npm_')));

let code: number | null = null;
let stdout = '';
let stderr = '';

beforeAll(async () => {
  try {
    ({ stdout, stderr } = await promisify(execFile)('npm', ['run', 'demo', '--silent'], {
      cwd: ROOT,
      env,
      timeout: 240_000,
      maxBuffer: 16 * 1024 * 1024,
    }));
    code = 0;
  } catch (error) {
    ({ stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string });
    code = (error as { code?: number }).code ?? null;
  }
}, 300_000);

/** Processes whose environment names `text` (Linux /proc; elsewhere none are found). */
async function processesMentioning(text: string): Promise<string[]> {
  if (!existsSync('/proc')) return [];
  const found: string[] = [];
  for (const pid of (await readdir('/proc')).filter((name) => /^\d+$/.test(name))) {
    const environ = await readFile(`/proc/${pid}/environ`, 'utf8').catch(() => '');
    if (environ.includes(text)) found.push(pid);
  }
  return found;
}

describe('npm run demo', () => {
  it('registers the demo MCP, invokes a tool and passes the whole suite, exiting 0', () => {
    expect(code, `stdout:\n${stdout}\nstderr:\n${stderr}`).toBe(0);
    expect(stdout).toMatch(
      /^registered\s+Demo weather \(mcp_\w+\) at http:\/\/127\.0\.0\.1:\d+\/mcp: reachable true, \d+ tools$/m,
    );
    expect(stdout).toMatch(/^invoked\s+get_weather \{"location":"Paris"\} → \{"location":"Paris",/m);
    expect(stdout).toMatch(/\d+ passed, 0 failed, \d+ warned, \d+ skipped/);
    expect(stdout).toContain('Conformance: nothing failed (exit 0)');
  });

  it('prints curl commands with the server URL and a key', () => {
    expect(stdout).toMatch(/export PLEXMCP_URL=http:\/\/127\.0\.0\.1:\d+ PLEXMCP_API_KEY=pmcp_[0-9A-Za-z]{40,}/);
    expect(stdout).toContain(`curl -s -w '\\n' -H "Authorization: ApiKey $PLEXMCP_API_KEY" "$PLEXMCP_URL/v1/mcps"`);
  });

  it('leaves no process and no temporary directory behind', async () => {
    const dir = /temporary database (\/\S+),/.exec(stdout)?.[1];
    expect(dir, stdout).toBeDefined();
    expect(existsSync(dir!)).toBe(false);
    expect(await processesMentioning(dir!)).toEqual([]);
  });
});

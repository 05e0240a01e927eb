import { spawn } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPort, startTestTarget, type TestTarget } from './test-target.js';

const CLI = fileURLToPath(new URL('./cli.ts', import.meta.url));
const KEY = 'pmcp_CliTestKey0123456789abcdefghijABCDEFGHIJK';

function run(
  args: string[],
  env: Record<string, string> = {},
  onSpawn?: (child: ReturnType<typeof spawn>) => void,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
      env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    onSpawn?.(child);
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

let target: TestTarget;
beforeAll(async () => {
  // Answers everything 200 in a success envelope: enough to pass ENV-008 and to fail ENV-002 (unknown routes).
  target = await startTestTarget(() => ({ status: 200, body: { success: true, data: {} } }));
});
afterAll(() => target.close());

describe('plexmcp-conformance CLI', () => {
  it.each([
    ['no base URL', ['--api-key', KEY], /--base-url/],
    ['no API key', ['--base-url', 'http://127.0.0.1:1'], /--api-key/],
    ['an unknown option', ['--base-url', 'http://127.0.0.1:1', '--api-key', KEY, '--frobnicate'], /frobnicate/],
    ['a bad reporter', ['--base-url', 'http://127.0.0.1:1', '--api-key', KEY, '--reporter', 'xml'], /--reporter/],
    ['bad --arguments', ['--base-url', 'http://127.0.0.1:1', '--api-key', KEY, '--arguments', '{nope'], /--arguments/],
    ['a URL that is not one', ['--base-url', 'not a url', '--api-key', KEY], /not a URL/],
  ])('exits 2 on %s', async (_name, args, message) => {
    const { code, stderr } = await run(args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });

  it('exits 2 on an unknown check id', async () => {
    const { code, stderr } = await run(['--base-url', target.baseUrl, '--api-key', KEY, '--only', 'NOPE-001']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/unknown check id: NOPE-001/);
  });

  it('exits 2 when the target does not answer', async () => {
    const port = await closedPort();
    const { code, stderr } = await run(['--base-url', `http://127.0.0.1:${port}`, '--api-key', KEY]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/did not answer/);
  });

  it('prints usage with --help and exits 0', async () => {
    const { code, stdout } = await run(['--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Usage: plexmcp-conformance/);
  });

  it('exits 1 when a check fails, reads the environment, and writes a redacted HAR', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'conformance-cli-'));
    const har = join(dir, 'run.har');
    const { code, stdout } = await run(['--only', 'ENV-002', '--har', har], {
      PLEXMCP_BASE_URL: target.baseUrl,
      PLEXMCP_API_KEY: KEY,
    });
    expect(code).toBe(1);
    expect(stdout).toMatch(/FAIL ENV-002/);
    const text = await readFile(har, 'utf8');
    expect(text).toContain('"version": "1.2"');
    expect(text).not.toContain(KEY);
  });

  it('--strict exits 1 when a check only skipped, and reads the key from --api-key-file', {
    timeout: 90_000,
  }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'conformance-cli-'));
    const keyFile = join(dir, 'key');
    await writeFile(keyFile, `${KEY}\n`);
    const args = ['--base-url', target.baseUrl, '--api-key-file', keyFile, '--only', 'AUTH-006'];
    expect((await run(args)).code).toBe(0);
    const strict = await run([...args, '--strict']);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toMatch(/SKIP AUTH-006/);
    expect(strict.stdout).toMatch(/--strict: 1 warned or skipped checks fail the run/);
  });

  it('exits 2 saying the API key was rejected, instead of failing every check', async () => {
    const rejecting = await startTestTarget((req) =>
      req.url === '/health'
        ? { status: 200, body: { success: true, data: {} } }
        : { status: 401, body: { success: false, error: { code: 'unauthorized', message: 'no' } } },
    );
    try {
      const { code, stderr, stdout } = await run(['--base-url', rejecting.baseUrl], { PLEXMCP_API_KEY: KEY });
      expect(code).toBe(2);
      expect(stderr).toMatch(/the API key was rejected/);
      expect(stdout).not.toMatch(/FAIL/);
    } finally {
      await rejecting.close();
    }
  });

  it('exits 0 when nothing failed and writes the junit report to --output', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'conformance-cli-'));
    const output = join(dir, 'report.xml');
    const { code, stdout } = await run([
      '--base-url',
      target.baseUrl,
      '--api-key',
      KEY,
      '--only',
      'ENV-008',
      '--reporter',
      'junit',
      '--output',
      output,
    ]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/PASS ENV-008/);
    expect(await readFile(output, 'utf8')).toMatch(/<testsuites name="plexmcp-conformance" tests="1" failures="0"/);
  });

  it('on Ctrl-C finishes the current check, removes what it created, runs no more checks and exits 130', async () => {
    // Creations answer with an id; the created (short-lived) key is refused once used, as an expired key would be.
    const slow = await startTestTarget((req) =>
      req.method === 'POST'
        ? { status: 201, body: { success: true, data: { id: 'key_made', key: `pmcp_${'K'.repeat(43)}` } } }
        : req.headers.authorization?.includes('KKKK')
          ? { status: 401, body: { success: false, error: { code: 'expired_key', message: 'Expired' } } }
          : { status: 200, body: { success: true, data: {} } },
    );
    let timer: NodeJS.Timeout | undefined;
    // AUTH-007 waits a few seconds for its key to expire: interrupt it during that wait.
    const { code, stderr } = await run(
      ['--base-url', slow.baseUrl, '--api-key', KEY, '--allow-writes', '--only', 'AUTH-007,LIFE-001'],
      {},
      (child) => {
        timer = setInterval(() => {
          if (slow.requests.some((r) => r.method === 'POST')) {
            clearInterval(timer);
            child.kill('SIGINT');
          }
        }, 50);
      },
    );
    clearInterval(timer);
    await slow.close();
    expect(code).toBe(130);
    expect(stderr).toMatch(/interrupted/);
    expect(slow.requests.some((r) => r.method === 'DELETE' && r.url === '/v1/api-keys/key_made')).toBe(true);
    // LIFE-001 never ran (it would PATCH with the main key); AUTH-007's own sweep sends the expired key everywhere.
    expect(slow.requests.some((r) => r.method === 'PATCH' && !r.headers.authorization?.includes('KKKK'))).toBe(false);
  });
});

/**
 * The npm package as a user gets it: `npm run build`, `npm pack`, then installed from the tarball into an empty
 * project (dependencies from the npm cache or registry). Its bins run with plain node, its client imports and
 * type-checks from `plexmcp-api-kit/client`, and it holds nothing but dist/, the contract and the manifest.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const exec = promisify(execFile);

/** This process's environment without the npm_* variables an outer `npm test` sets (they would point npm at ROOT). */
const cleanEnv = Object.fromEntries(
  Object.entries(process.env).filter(([name]) => !name.toLowerCase().startsWith('npm_')),
);

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = cleanEnv) {
  return exec(command, args, { cwd, env, maxBuffer: 64 * 1024 * 1024, timeout: 180_000 });
}

let dir = '';
let project = '';
let packed: string[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'plexmcp-package-'));
  project = join(dir, 'project');
  await run('npm', ['run', 'build'], ROOT);
  // Built just above; --ignore-scripts keeps the prepack build's output out of npm's JSON.
  const { stdout } = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], ROOT);
  const [pack] = JSON.parse(stdout) as { filename: string; files: { path: string }[] }[];
  packed = pack!.files.map((f) => f.path);
  await run('mkdir', ['-p', project], dir);
  await writeFile(
    join(project, 'package.json'),
    JSON.stringify({ name: 'uses-plexmcp', private: true, type: 'module' }),
  );
  await run(
    'npm',
    ['install', join(dir, pack!.filename), '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'],
    project,
  );
}, 300_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the npm package', () => {
  it('holds the bins, the client, the contract and the docs, and no sources or tests', () => {
    for (const file of [
      'dist/bin/plexmcp-server.js',
      'dist/bin/plexmcp-conformance.js',
      'dist/bin/plexmcp-admin.js',
      'dist/client/index.js',
      'dist/client/index.d.ts',
      'dist/contract/index.js',
      'dist/generated/schema.d.ts',
      'dist/docs/index.html',
      'openapi.yaml',
      'CHANGELOG-API.md',
      'package.json',
      'README.md',
      'LICENSE',
    ]) {
      expect(packed, file).toContain(file);
    }
    const stray = packed.filter(
      (f) =>
        !f.startsWith('dist/') &&
        !['openapi.yaml', 'CHANGELOG-API.md', 'package.json', 'README.md', 'LICENSE'].includes(f),
    );
    expect(stray).toEqual([]);
    expect(packed.filter((f) => /\.test\.|(^|\/)test-[^/]*$|\.(?<!\.d\.)ts$/.test(f))).toEqual([]);
  });

  it('npx plexmcp-conformance --help prints the usage and exits 0', async () => {
    const { stdout } = await run('npx', ['--no-install', 'plexmcp-conformance', '--help'], project);
    expect(stdout).toMatch(/^Usage: plexmcp-conformance --base-url URL --api-key KEY/);
  });

  it('plexmcp-admin --help prints its usage and exits 0', async () => {
    const { stdout } = await run('npx', ['--no-install', 'plexmcp-admin', '--help'], project);
    expect(stdout).toContain('plexmcp-admin create-org');
  });

  it('the client imports from plexmcp-api-kit/client with plain node', async () => {
    const script =
      "import { createPlexMcpClient, isErrorCode } from 'plexmcp-api-kit/client';\n" +
      "console.log(typeof createPlexMcpClient({ baseUrl: 'http://127.0.0.1:1' }).GET, typeof isErrorCode);\n";
    await writeFile(join(project, 'uses-client.mjs'), script);
    const { stdout } = await run(process.execPath, ['uses-client.mjs'], project);
    expect(stdout.trim()).toBe('function function');
  });

  it("the client's types check in a strict TypeScript project", async () => {
    await writeFile(
      join(project, 'typed.ts'),
      [
        "import { createPlexMcpClient, type Schemas } from 'plexmcp-api-kit/client';",
        "const plexmcp = createPlexMcpClient({ baseUrl: 'http://127.0.0.1:8080', apiKey: 'pmcp_x' });",
        'export const names = async (): Promise<string[]> => {',
        "  const { data, error } = await plexmcp.GET('/v1/mcps', { params: { query: { per_page: 5 } } });",
        // biome-ignore lint/suspicious/noTemplateCurlyInString: this line is source text for the generated consumer file.
        '  if (error) return [`${error.status} ${error.code}`];',
        "  return data.data.map((mcp: Schemas['Mcp']) => mcp.name);",
        '};',
        '// @ts-expect-error: the contract has no such path',
        "export const wrong = () => plexmcp.GET('/v1/nope');",
        '',
      ].join('\n'),
    );
    const tsconfig = {
      compilerOptions: {
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        target: 'ES2022',
        lib: ['ES2023', 'DOM'],
        strict: true,
        noEmit: true,
        types: [],
      },
      files: ['typed.ts'],
    };
    await writeFile(join(project, 'tsconfig.json'), JSON.stringify(tsconfig));
    await run(
      process.execPath,
      [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'],
      project,
    );
  });

  it('plexmcp-server runs from the package: health, the contract and the docs page', async () => {
    const server = spawn(join(project, 'node_modules', '.bin', 'plexmcp-server'), [], {
      cwd: project,
      env: {
        ...cleanEnv,
        BIND_ADDRESS: '127.0.0.1:0',
        DATABASE_URL: `file:${join(dir, 'plexmcp.db')}`,
        LOG_LEVEL: 'warn',
        PLEXMCP_HEALTH_CHECK_INTERVAL_MS: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    server.stdout.setEncoding('utf8').on('data', (text: string) => (output += text));
    server.stderr.setEncoding('utf8').on('data', (text: string) => (output += text));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        server.stdout.on('data', () => {
          const match = /listening on (http:\/\/\S+)/.exec(output);
          if (match) resolve(match[1]!);
        });
        server.once('exit', (code) => reject(new Error(`plexmcp-server exited (${code}):\n${output}`)));
      });
      expect(output).toMatch(/Owner API key \(shown once, store it now\):\s+pmcp_[0-9A-Za-z]{40,}/);
      const health = (await (await fetch(`${url}/health`)).json()) as { data: { status: string; version: string } };
      const { version } = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { version: string };
      expect(health.data).toMatchObject({ status: 'ok', version });
      expect(await (await fetch(`${url}/openapi.yaml`)).text()).toMatch(/^openapi: 3\.1\.0/m);
      const docs = await fetch(`${url}/docs`);
      expect(docs.status).toBe(200);
      // The packaged Redocly page, not the fallback that asks to run npm run docs.
      expect(await docs.text()).not.toContain('npm run docs');
    } finally {
      server.kill('SIGTERM');
      if (server.exitCode === null) await new Promise((resolve) => server.once('exit', resolve));
    }
  });
});

/**
 * `npm run docs` builds one self-contained HTML reference that documents every operation of the contract.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { operations } from './spec.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DEFAULT_OUTPUT = 'build/docs/index.html';

let dir = '';
let html = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'plexmcp-docs-'));
  const output = join(dir, 'index.html');
  const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  // Run the very command `npm run docs` runs, writing into the temporary directory instead of build/.
  const command = pkg.scripts.docs?.replace(DEFAULT_OUTPUT, output) ?? '';
  expect(command).toContain(output);
  await promisify(execFile)('sh', ['-c', command], {
    cwd: ROOT,
    env: { ...process.env, PATH: `${join(ROOT, 'node_modules', '.bin')}${delimiter}${process.env.PATH ?? ''}` },
  });
  html = await readFile(output, 'utf8');
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

function decodeEntities(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_m, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_m, dec: string) => String.fromCodePoint(Number(dec)))
    .replaceAll('&quot;', '"')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');
}

describe('npm run docs', () => {
  test('writes a single HTML page that needs no script from a CDN', () => {
    expect(html.trimStart().toLowerCase()).toMatch(/^<!doctype html>/);
    expect(html).not.toMatch(/<script[^>]+src="https?:/);
  });

  test.each(operations().map((op) => [op.method, op.path, op.operation] as const))(
    'documents %s %s',
    (_method, _path, operation) => {
      const text = decodeEntities(html);
      expect(text).toContain(String(operation.operationId));
      expect(text).toContain(String(operation.summary));
    },
  );
});

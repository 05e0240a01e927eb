/**
 * README.md stays true: its table of checks is the registry's, every npm command it names exists, every variable
 * the server reads is documented, and the bins it lists are the package's.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { checks } from '../../conformance/checks/index.js';
import { renderCheckTable, withCheckTable } from '../../scripts/check-table.js';
import { unpadTables } from '../support/markdown-tables.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
let readme = '';
let pkg: { scripts: Record<string, string>; bin: Record<string, string> };

beforeAll(async () => {
  readme = unpadTables(await readFile(join(ROOT, 'README.md'), 'utf8'));
  pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as typeof pkg;
});

/** The server's own modules (tests and test fixtures left out). */
async function serverSources(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && !e.name.startsWith('test-'))
    .map((e) => join(e.parentPath, e.name));
}

describe('README.md', () => {
  it('lists every registered check, in run order (npx tsx scripts/check-table.ts rewrites the table)', () => {
    expect(
      unpadTables(withCheckTable(readme)),
      'the table of checks is out of date: run `npx tsx scripts/check-table.ts`',
    ).toBe(readme);
    for (const check of checks) expect(readme).toContain(`| \`${check.id}\` | ${check.title.replace(/\|/g, '\\|')} |`);
    expect(renderCheckTable().split('\n')).toHaveLength(checks.length + 2);
  });

  it('names only npm scripts that exist', () => {
    const named = new Set([...readme.matchAll(/npm run ([a-z][a-z:-]*)/g)].map((m) => m[1]!));
    expect(named.size).toBeGreaterThan(5);
    const missing = [...named].filter((name) => !(name in pkg.scripts));
    expect(missing).toEqual([]);
    for (const builtIn of ['test', 'start']) expect(pkg.scripts[builtIn], `npm ${builtIn}`).toBeDefined();
  });

  it('documents every environment variable the server reads', async () => {
    const names = new Set<string>();
    for (const file of await serverSources(join(ROOT, 'server'))) {
      const text = await readFile(file, 'utf8');
      for (const m of text.matchAll(/'((?:PLEXMCP|MCP|API_KEY|BIND|PUBLIC|DATABASE|LOG)_[A-Z0-9_]+)'/g))
        names.add(m[1]!);
    }
    expect(names.size).toBeGreaterThan(10);
    const undocumented = [...names].filter((name) => !readme.includes(`| \`${name}\` |`));
    expect(undocumented).toEqual([]);
  });

  it("lists the package's bins", () => {
    for (const bin of Object.keys(pkg.bin)) expect(readme).toContain(`| \`${bin}\` |`);
  });
});

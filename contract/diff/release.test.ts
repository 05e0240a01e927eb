/**
 * The release command over a real project layout in a temp directory: the first release, an additive release, and
 * the refusals (a breaking change, an unchanged version), each leaving the released files as they were.
 */
import { existsSync } from 'node:fs';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { contractFiles, releaseContract } from './release.js';

const CONTRACT = new URL('../released/v1.yaml', import.meta.url);
const TODAY = new Date('2026-11-27T12:00:00Z');
let root: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'contract-release-'));
  await copyFile(CONTRACT, join(root, 'openapi.yaml'));
  // The scenarios start from a first release numbered 1.0.0, whatever version the repository has released since.
  await edit((d) => {
    d.info.version = '1.0.0';
  });
});
afterEach(() => rm(root, { recursive: true, force: true }));

// biome-ignore lint/suspicious/noExplicitAny: test edits reach deep into the document
async function edit(change: (doc: any) => void): Promise<void> {
  const doc = parse(await readFile(join(root, 'openapi.yaml'), 'utf8'));
  change(doc);
  await writeFile(join(root, 'openapi.yaml'), stringify(doc));
}
const read = (file: string) => readFile(join(root, file), 'utf8');

describe('npm run contract:release', () => {
  it('releases the first contract of a major version with a changelog listing its operations', async () => {
    expect((await releaseContract(root, { today: TODAY })).ok).toBe(true);
    expect(await read('contract/released/v1.yaml')).toBe(await read('openapi.yaml'));
    expect(await read('CHANGELOG-API.md')).toMatch(
      /^## 1\.0\.0 \(2026-11-27\)\n\nFirst release.*\n\n- `GET \/v1\/mcps` \(listMcps\)/m,
    );
  });

  it('releases an additive change under a newer version, the newest section first', { timeout: 60_000 }, async () => {
    await releaseContract(root, { today: TODAY });
    await edit((d) => {
      d.info.version = '1.1.0';
      d.components.schemas.McpStatus.enum.push('paused');
    });
    const result = await releaseContract(root, { today: TODAY });
    expect(result.ok, result.report).toBe(true);
    const changelog = await read('CHANGELOG-API.md');
    expect(changelog.indexOf('## 1.1.0')).toBeLessThan(changelog.indexOf('## 1.0.0'));
    expect(changelog).toMatch(/### Added\n\n- .*`GET \/v1\/mcps`.*`data\[\]\.status` may also be "paused"/);
    expect(parse(await read('contract/released/v1.yaml')).info.version).toBe('1.1.0');
  });

  it('refuses a breaking change and leaves the released contract and the changelog alone', {
    timeout: 60_000,
  }, async () => {
    await releaseContract(root, { today: TODAY });
    const before = [await read('contract/released/v1.yaml'), await read('CHANGELOG-API.md')];
    await edit((d) => {
      d.info.version = '1.1.0';
      delete d.paths['/v1/usage'];
    });
    const result = await releaseContract(root, { today: TODAY });
    expect(result.ok).toBe(false);
    expect(result.report).toMatch(/Breaking[\s\S]*operation GET \/v1\/usage[\s\S]*Not released/);
    expect([await read('contract/released/v1.yaml'), await read('CHANGELOG-API.md')]).toEqual(before);
  });

  it('releases a breaking change only with a reason, which the changelog records', { timeout: 60_000 }, async () => {
    await releaseContract(root, { today: TODAY });
    await edit((d) => {
      d.info.version = '1.1.0';
      d.components.parameters.PerPage.schema.maximum = 50;
    });
    expect((await releaseContract(root, { today: TODAY })).ok).toBe(false);
    const reason = 'every deployment already refused more than 50';
    const result = await releaseContract(root, { today: TODAY, acceptBreaking: reason });
    expect(result.ok, result.report).toBe(true);
    expect(await read('CHANGELOG-API.md')).toMatch(
      /## 1\.1\.0 \(2026-11-27\)\n\n### Breaking, released deliberately: every deployment already refused more than 50\n\n- .*per_page/,
    );
  });

  it('refuses a change that keeps the released version', { timeout: 60_000 }, async () => {
    await releaseContract(root, { today: TODAY });
    await edit((d) => d.components.schemas.McpStatus.enum.push('paused'));
    const result = await releaseContract(root, { today: TODAY });
    expect(result.ok).toBe(false);
    expect(result.report).toMatch(/info\.version 1\.0\.0 must be newer than 1\.0\.0/);
  });

  it('starts a new major version from its own first release', async () => {
    await releaseContract(root, { today: TODAY });
    await edit((d) => {
      d.info.version = '2.0.0';
      delete d.paths['/v1/usage'];
    });
    expect((await releaseContract(root, { today: TODAY })).ok).toBe(true);
    const { released } = contractFiles(root, parse(await read('openapi.yaml')));
    expect(released).toMatch(/v2\.yaml$/);
    expect(existsSync(released)).toBe(true);
    expect(parse(await read('contract/released/v1.yaml')).info.version).toBe('1.0.0');
  });
});

/**
 * Every file the product cites can be opened by its reader. The product's rules live in openapi.yaml (its operations,
 * JSON pointers into it, and the sections of its info.description), so a citation of any other document must name a
 * file that ships: in the npm package (`npm pack --dry-run --json`) or in this repository beside the source that
 * cites it. A team note that is neither (a design file kept outside the repository, say) fails here.
 *
 * The rule, precisely. Scanned: the files the package ships and the source tree (server/, client/, conformance/,
 * contract/, scripts/, demo/, bench/, README.md, openapi.yaml). A citation is a file name with an extension:
 * - `.md`, `.yaml`, `.yml` (documents, which state rules) in a comment, a string literal or Markdown/YAML text;
 * - `.ts`, `.json` (code and data) in a comment or Markdown/YAML text (in code they are module specifiers or paths
 *   the code itself handles).
 * It resolves when it names a file the package ships, a file of the repository (from its root or from the citing
 * file's folder; a bare name without a folder, from any folder of the repository), a file the repository ignores
 * because the code writes it (`git check-ignore`), or, after `plexmcp-api-kit/`, a file of the package. URL paths (`/openapi.yaml`) and URLs are not citations.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, test } from 'vitest';
import { type Citation, citationsIn } from '../support/citations.js';

const exec = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SOURCE_TREE = [
  'server',
  'client',
  'conformance',
  'contract',
  'scripts',
  'demo',
  'bench',
  'README.md',
  'openapi.yaml',
];
/** The team's design note: never shipped, so never cited (spelled in two parts so this file does not cite it). */
const UNSHIPPED_NOTE = ['DESIGN', 'md'].join('.');

let packaged = new Set<string>();
let tracked = new Set<string>();
let scanned: string[] = [];

beforeAll(async () => {
  const { stdout: pack } = await exec('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: ROOT,
    maxBuffer: 16 * 1024 * 1024,
  });
  const [manifest] = JSON.parse(pack) as { files: { path: string }[] }[];
  packaged = new Set(manifest!.files.map((f) => f.path));
  const { stdout: files } = await exec('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {
    cwd: ROOT,
    maxBuffer: 16 * 1024 * 1024,
  });
  tracked = new Set(files.split('\n').filter((f) => f && existsSync(join(ROOT, f))));
  const inTree = [...tracked].filter((f) => SOURCE_TREE.some((top) => f === top || f.startsWith(`${top}/`)));
  scanned = [...new Set([...inTree, ...[...packaged].filter((f) => tracked.has(f))])].filter((f) =>
    /\.(ts|md|ya?ml|json)$/.test(f),
  );
}, 60_000);

async function ignoredByGit(paths: string[]): Promise<Set<string>> {
  if (paths.length === 0) return new Set();
  try {
    const { stdout } = await exec('git', ['check-ignore', '--no-index', ...paths], { cwd: ROOT });
    return new Set(stdout.split('\n').filter(Boolean));
  } catch (error) {
    // Exit status 1: none of them is ignored.
    const stdout = (error as { stdout?: string }).stdout ?? '';
    return new Set(stdout.split('\n').filter(Boolean));
  }
}

function candidates(citation: Citation): string[] {
  const { name } = citation;
  if (name.startsWith('plexmcp-api-kit/')) return [name.slice('plexmcp-api-kit/'.length)];
  return [normalize(name), normalize(join(dirname(citation.file), name))];
}

describe('citations in the product', () => {
  test('finds the files to scan', () => {
    expect(scanned).toContain('README.md');
    expect(scanned).toContain('openapi.yaml');
    expect(scanned.some((f) => f.startsWith('conformance/checks/'))).toBe(true);
  });

  test('name only files the package or the repository ships', async () => {
    const citations = scanned.flatMap((file) => citationsIn(file, readFileSync(join(ROOT, file), 'utf8')));
    expect(citations.length).toBeGreaterThan(50);
    const basenames = new Set([...tracked].map((f) => f.slice(f.lastIndexOf('/') + 1)));
    const unresolved = citations.filter(
      (c) =>
        !candidates(c).some((p) => packaged.has(p) || tracked.has(p)) &&
        !(!c.name.includes('/') && basenames.has(c.name)),
    );
    const ignored = await ignoredByGit([...new Set(unresolved.flatMap(candidates))]);
    const broken = unresolved
      .filter((c) => c.name.startsWith('plexmcp-api-kit/') || !candidates(c).some((p) => ignored.has(p)))
      .map((c) => `${c.file}:${c.line}: ${c.name}`);
    expect(broken).toEqual([]);
  });

  test(`never cite ${UNSHIPPED_NOTE}, which is not part of the product`, () => {
    const mentions = scanned.filter((file) => readFileSync(join(ROOT, file), 'utf8').includes(UNSHIPPED_NOTE));
    expect(mentions).toEqual([]);
  });

  test.each([
    ['a comment citing a note that is not shipped', `/** See ${UNSHIPPED_NOTE} "Roles". */`, [UNSHIPPED_NOTE]],
    [
      'a string citing a document',
      `const r = 'openapi.yaml "Envelope" and notes/rules.md';`,
      ['openapi.yaml', 'notes/rules.md'],
    ],
    ['a module specifier in code', `import { x } from './y.ts'; const p = 'data.json';`, []],
    ['a comment naming source', '// see persistence.ts and ../README.md', ['persistence.ts', '../README.md']],
    ['URLs and URL paths', `// https://example.com/spec.md\nconst u = '/openapi.yaml';`, []],
    ['globs', '// every *.test.ts file', []],
  ])('finds citations in %s', (_name, source, names) => {
    expect(citationsIn('server/x.ts', source).map((c) => c.name)).toEqual(names);
  });
});

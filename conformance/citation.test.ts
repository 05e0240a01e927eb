/**
 * Every citation the suite prints can be followed in openapi.yaml: each section it names is a `## ` heading of
 * info.description, each operationId exists, and each JSON pointer resolves.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { isObject, type JsonObject, loadContract, lookup } from '../contract/index.js';
import { checks } from './checks/index.js';
import {
  CONTRACT_SECTIONS,
  type ContractRef,
  cite,
  formatCitation,
  operation,
  pointer,
  section,
  standard,
} from './citation.js';

const HERE = fileURLToPath(new URL('.', import.meta.url));
let doc: JsonObject;
let headings: string[] = [];
let operationIds = new Set<string>();

beforeAll(async () => {
  doc = loadContract().document;
  const info = isObject(doc.info) ? doc.info : {};
  headings = [...String(info.description).matchAll(/^## (.+)$/gm)].map((m) => m[1]!.trim());
  operationIds = new Set(loadContract().operations.map((op) => op.operationId));
});

function unresolved(ref: ContractRef): string | undefined {
  if ('section' in ref) return headings.includes(ref.section) ? undefined : `section "${ref.section}"`;
  if ('operationId' in ref) return operationIds.has(ref.operationId) ? undefined : `operation ${ref.operationId}`;
  if ('pointer' in ref) return lookup(doc, ref.pointer) === undefined ? `pointer ${ref.pointer}` : undefined;
  return /^(RFC \d+|draft-ietf-)/.test(ref.standard) ? undefined : `standard ${ref.standard}`;
}

/** Every `.ts` file of the suite, test files excepted. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('contract citations', () => {
  it('names only sections info.description has', () => {
    expect(CONTRACT_SECTIONS.filter((name) => !headings.includes(name))).toEqual([]);
  });

  it('gives every check a requirement whose references resolve', () => {
    const broken = checks.flatMap((check) =>
      check.requirement.refs.flatMap((ref) => {
        const problem = unresolved(ref);
        return problem ? [`${check.id}: ${problem}`] : [];
      }),
    );
    expect(broken).toEqual([]);
  });

  it('cites only operationIds and pointers that exist, wherever the suite names one literally', () => {
    const broken: string[] = [];
    for (const file of sources(HERE)) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\b(operation|pointer)\('([^']+)'\)/g)) {
        const ref = m[1] === 'operation' ? operation(m[2]!) : pointer(m[2]!);
        const problem = unresolved(ref);
        if (problem) broken.push(`${file.slice(HERE.length)}: ${problem}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it.each([
    [cite('401 unauthorized', section('Authentication')), '401 unauthorized (openapi.yaml "Authentication")'],
    [cite('201', operation('createMcp')), '201 (openapi.yaml createMcp)'],
    [
      cite('the error envelope', pointer('#/components/schemas/ErrorEnvelope'), standard('RFC 9110 §15.5.6')),
      'the error envelope (openapi.yaml#/components/schemas/ErrorEnvelope; RFC 9110 §15.5.6)',
    ],
  ])('renders %o as %s', (citation, text) => {
    expect(formatCitation(citation)).toBe(text);
  });

  it('refuses a pointer that is not a URI fragment of the document', () => {
    expect(() => pointer('components/schemas/ErrorEnvelope')).toThrow(/starts with #\//);
  });
});

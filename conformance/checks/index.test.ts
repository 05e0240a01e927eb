import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cite, section } from '../citation.js';
import type { Check } from '../model.js';
import { checks, defineChecks } from './index.js';

const noop = async () => {};
const envelope = cite('the envelope', section('Envelope'));

describe('the check registry', () => {
  it('has unique ids', () => {
    const ids = checks.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('gives every check an AREA-NNN id, a title, a requirement with a citation and a run function', () => {
    for (const check of checks) {
      expect(check.id).toMatch(/^[A-Z]+-\d{3}$/);
      expect(check.title.length).toBeGreaterThan(10);
      expect(check.requirement.text.length).toBeGreaterThan(10);
      expect(check.requirement.refs.length).toBeGreaterThan(0);
      expect(typeof check.run).toBe('function');
    }
  });

  it('registers every check file in conformance/checks/', () => {
    const dir = fileURLToPath(new URL('.', import.meta.url));
    const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'index.ts' && !f.endsWith('.test.ts'));
    expect(files.length).toBe(checks.length);
  });

  it('covers every area the contract names', () => {
    const areas = new Set(checks.map((c) => c.id.split('-')[0]));
    expect([...areas].sort()).toEqual([
      'AUTH',
      'ENV',
      'GEN',
      'IDEM',
      'INV',
      'LIFE',
      'NEG',
      'PAGE',
      'POS',
      'RATE',
      'SCHEMA',
      'VER',
    ]);
  });

  it('is documented: conformance/README.md lists every check id', () => {
    // Biome pads the table's columns; single spaces around the id are what is looked for.
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8').replace(/ {2,}\|/g, ' |');
    const missing = checks.filter((c) => !new RegExp(`^\\| \`${c.id}\` +\\|`, 'm').test(readme)).map((c) => c.id);
    expect(missing).toEqual([]);
  });

  it('rejects a duplicate id', () => {
    const twin: Check = { id: 'ENV-001', title: 'A second ENV-001', requirement: envelope, run: noop };
    expect(() => defineChecks([...checks, twin])).toThrow(/duplicate check id ENV-001/);
  });

  it.each([
    ['a malformed id', { id: 'env1', title: 'Some title here', requirement: envelope, run: noop }, /AREA-NNN/],
    [
      'a missing requirement',
      { id: 'ENV-999', title: 'Some title here', requirement: cite('', section('Envelope')), run: noop },
      /lacks/,
    ],
  ] as [string, Check, RegExp][])('rejects %s', (_name, check, error) => {
    expect(() => defineChecks([check])).toThrow(error);
  });
});

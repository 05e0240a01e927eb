/**
 * The release of a contract version and the check before it, over a project root's files:
 *
 *   openapi.yaml                     the contract being worked on
 *   contract/released/v<major>.yaml  the last released contract of that major version (written only by a release)
 *   CHANGELOG-API.md                 one section per release (written only by a release)
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { parse } from 'yaml';
import { changelogSection, withSection } from './changelog.js';
import { type ContractComparison, compareContracts } from './compare.js';
import { isObject, type JsonObject } from './document.js';
import { renderReport } from './report.js';
import { isoDay } from './sunset.js';

export interface ContractFiles {
  contract: string;
  released: string;
  changelog: string;
}

function versionOf(doc: JsonObject): string {
  const version = isObject(doc.info) ? doc.info.version : undefined;
  if (typeof version !== 'string' || !/^\d+\.\d+\.\d+$/.test(version))
    throw new Error(`info.version ${JSON.stringify(version)} is not MAJOR.MINOR.PATCH`);
  return version;
}

/** The files of the project at `root`, the released one chosen by the major version of `info.version`. */
export function contractFiles(root: string, document: JsonObject): ContractFiles {
  const major = versionOf(document).split('.')[0];
  return {
    contract: join(root, 'openapi.yaml'),
    released: join(root, 'contract', 'released', `v${major}.yaml`),
    changelog: join(root, 'CHANGELOG-API.md'),
  };
}

const newer = (a: string, b: string) => {
  const [x, y] = [a, b].map((v) => v.split('.').map(Number));
  for (let i = 0; i < 3; i++) if ((x?.[i] ?? 0) !== (y?.[i] ?? 0)) return (x?.[i] ?? 0) > (y?.[i] ?? 0);
  return false;
};

export interface GuardResult {
  /** Absent when no contract of this major version was released yet. */
  comparison?: ContractComparison;
  report: string;
  ok: boolean;
}

/** `npm run contract:diff`: openapi.yaml against the released contract of its major version. */
export async function checkContract(root: string, today: Date = new Date()): Promise<GuardResult> {
  const proposed = parse(await readFile(join(root, 'openapi.yaml'), 'utf8')) as JsonObject;
  const files = contractFiles(root, proposed);
  if (!existsSync(files.released))
    return { ok: true, report: `No released contract at ${relative(root, files.released)}: nothing to compare with.` };
  const released = parse(await readFile(files.released, 'utf8')) as JsonObject;
  const comparison = compareContracts(released, proposed, { today });
  const title = `openapi.yaml ${versionOf(proposed)} against the released ${versionOf(released)} (${relative(root, files.released)})`;
  return { comparison, ok: comparison.refused.length === 0, report: renderReport(comparison, title) };
}

/**
 * `npm run contract:release`: refuses a contract that breaks the released one (unless `acceptBreaking` gives the
 * reason, which the changelog records with every breaking change) or keeps its version; otherwise writes the
 * changelog section and makes openapi.yaml the released contract of its major version.
 */
export async function releaseContract(
  root: string,
  options: { today?: Date; acceptBreaking?: string } = {},
): Promise<{ ok: boolean; report: string }> {
  const today = options.today ?? new Date();
  const text = await readFile(join(root, 'openapi.yaml'), 'utf8');
  const proposed = parse(text) as JsonObject;
  const files = contractFiles(root, proposed);
  const version = versionOf(proposed);
  const guard = await checkContract(root, today);
  // A breaking change goes out only as a deliberate, recorded decision (for example a correction of the contract to
  // what every deployment already did), never by accident.
  if (!guard.ok && !options.acceptBreaking)
    return { ok: false, report: `${guard.report}\n\nNot released (see --accept-breaking).` };
  if (guard.comparison) {
    const released = parse(await readFile(files.released, 'utf8')) as JsonObject;
    const was = versionOf(released);
    if (text === (await readFile(files.released, 'utf8'))) return { ok: true, report: `${was} is already released.` };
    if (!newer(version, was))
      return {
        ok: false,
        report: `${guard.report}\n\nNot released: info.version ${version} must be newer than ${was}.`,
      };
  }
  const section = changelogSection({
    version,
    date: isoDay(today),
    document: proposed,
    ...(guard.comparison ? { comparison: guard.comparison } : {}),
    ...(options.acceptBreaking ? { acceptedBreaking: options.acceptBreaking } : {}),
  });
  const existing = existsSync(files.changelog) ? await readFile(files.changelog, 'utf8') : '';
  await writeFile(files.changelog, withSection(existing, section));
  await mkdir(dirname(files.released), { recursive: true });
  await writeFile(files.released, text);
  return {
    ok: true,
    report: `${guard.report}\n\nReleased ${version}: ${relative(root, files.released)} and ${relative(root, files.changelog)} written.`,
  };
}

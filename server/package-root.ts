/**
 * The package root: the directory holding this package's package.json, openapi.yaml and the docs. Found by walking
 * up from this module, so it is the same whether the server runs from TypeScript sources (server/docs/) or from the
 * compiled package (dist/server/docs/), where a fixed number of `../` would be off by one.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PACKAGE_NAME = 'plexmcp-api-kit';

function isPackageRoot(dir: string): boolean {
  const manifest = join(dir, 'package.json');
  if (!existsSync(manifest)) return false;
  try {
    return (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === PACKAGE_NAME;
  } catch {
    return false;
  }
}

/** The nearest directory above `from` (default: this module) whose package.json names this package. */
export function findPackageRoot(from: string = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (isPackageRoot(dir)) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json of ${PACKAGE_NAME} above ${from}`);
  }
}

let cached: { root: string; version: string } | undefined;

/** This package's root directory and version, read once. */
export function packageInfo(): { root: string; version: string } {
  if (cached) return cached;
  const root = findPackageRoot();
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  cached = { root, version };
  return cached;
}

/**
 * The package root: the directory holding this package's package.json and openapi.yaml. Found by walking up from this
 * module, so it is the same from the TypeScript sources (contract/) and from the compiled package (dist/contract/),
 * where a fixed number of `../` would be off by one.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PACKAGE_NAME = 'plexmcp-api-kit';

function manifestAt(dir: string): { name?: unknown; version?: unknown } | undefined {
  const path = join(dir, 'package.json');
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as { name?: unknown; version?: unknown };
  } catch {
    return undefined;
  }
}

/** The nearest directory above `from` (default: this module) whose package.json names this package. */
export function findPackageRoot(from: string = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (manifestAt(dir)?.name === PACKAGE_NAME) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json of ${PACKAGE_NAME} above ${from}`);
  }
}

let cached: { root: string; version: string } | undefined;

/** This package's root directory and version, read once. */
export function packageInfo(): { root: string; version: string } {
  if (cached) return cached;
  const root = findPackageRoot();
  const version = manifestAt(root)?.version;
  cached = { root, version: typeof version === 'string' ? version : '0.0.0' };
  return cached;
}

/** openapi.yaml at the package root (the same from the sources and from the compiled package in dist/). */
export function contractPath(): string {
  return join(packageInfo().root, 'openapi.yaml');
}

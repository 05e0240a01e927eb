/**
 * The package's root directory (the one holding its package.json and openapi.yaml), found by walking up from this
 * module so it is the same from the sources (conformance/) and from the compiled package (dist/conformance/).
 * The suite keeps its own copy of this small search: it must not import server code (it runs against any deployment).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_NAME = 'plexmcp-api-kit';

function manifestAt(dir: string): { name?: unknown; version?: unknown } | undefined {
  const path = join(dir, 'package.json');
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as { name?: unknown; version?: unknown };
  } catch {
    return undefined;
  }
}

let cached: { root: string; version: string } | undefined;

/** The package root and version, read once. */
export function suitePackage(): { root: string; version: string } {
  if (cached) return cached;
  const start = dirname(fileURLToPath(import.meta.url));
  for (let dir = start; ; dir = dirname(dir)) {
    const manifest = manifestAt(dir);
    if (manifest?.name === PACKAGE_NAME) {
      cached = { root: dir, version: typeof manifest.version === 'string' ? manifest.version : '0.0.0' };
      return cached;
    }
    if (dirname(dir) === dir) throw new Error(`no package.json of ${PACKAGE_NAME} above ${start}`);
  }
}

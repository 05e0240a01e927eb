// The `node` devDependency is Node 22, which only the MCP conformance suite needs (test/mcp/mcp-conformance.test.ts
// runs it by path). npm links it as node_modules/.bin/node, and npm scripts and npx put node_modules/.bin first on
// PATH, so every script would silently run on Node 22 instead of the Node this package supports. Remove that link.
import { lstatSync, readlinkSync, unlinkSync } from 'node:fs';

const link = new URL('../node_modules/.bin/node', import.meta.url);
try {
  if (lstatSync(link).isSymbolicLink() && readlinkSync(link).includes('node/bin/node')) unlinkSync(link);
} catch {
  // No link: nothing to undo.
}

#!/usr/bin/env node
// The `plexmcp-admin` bin: offline administration of a PlexMCP database, run through tsx's loader.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../server/admin/cli.ts');
process.exitCode = await main(process.argv.slice(2));

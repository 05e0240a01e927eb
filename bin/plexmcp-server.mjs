#!/usr/bin/env node
// The `plexmcp-server` bin: the server is TypeScript, run through tsx's loader.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../server/main.ts');
await main();

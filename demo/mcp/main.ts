/**
 * Runs the demo MCP server alone: `npm run demo:mcp` (PORT, default 3001; HOST, default 127.0.0.1).
 * DEMO_AUTH_TYPE=bearer|api_key|basic with DEMO_AUTH_TOKEN / DEMO_AUTH_HEADER / DEMO_AUTH_USERNAME / DEMO_AUTH_PASSWORD
 * puts it behind credentials.
 */
import { type DemoAuth, startDemoMcpServer } from './server.js';

function authFromEnv(env: NodeJS.ProcessEnv): DemoAuth | undefined {
  switch (env.DEMO_AUTH_TYPE) {
    case undefined:
    case '':
    case 'none':
      return undefined;
    case 'bearer':
      return { type: 'bearer', token: env.DEMO_AUTH_TOKEN ?? '' };
    case 'api_key':
      return { type: 'api_key', key: env.DEMO_AUTH_TOKEN ?? '', header: env.DEMO_AUTH_HEADER || undefined };
    case 'basic':
      return { type: 'basic', username: env.DEMO_AUTH_USERNAME ?? '', password: env.DEMO_AUTH_PASSWORD ?? '' };
    default:
      throw new Error(`DEMO_AUTH_TYPE must be none, bearer, api_key or basic (got "${env.DEMO_AUTH_TYPE}")`);
  }
}

const port = Number(process.env.PORT ?? 3001);
if (!Number.isInteger(port) || port < 0 || port > 65535)
  throw new Error(`PORT must be a port number (got "${process.env.PORT}")`);

const demo = await startDemoMcpServer({ port, host: process.env.HOST || '127.0.0.1', auth: authFromEnv(process.env) });
console.log(`Demo MCP server (streamable HTTP): ${demo.url}`);
console.log(`Demo MCP server (legacy SSE):      ${demo.sseUrl}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void demo.close().then(() => process.exit(0));
  });
}

/**
 * The framework floor: Express 5 with express-openapi-validator's request stage on the contract (the options
 * server/app.ts gives it, response validation off) in front of a handler that sends the bytes our server sent for
 * GET /v1/mcps, from memory. No authentication, store, logging or other stage: what the validated framework alone costs.
 * BENCH_BODY_FILE names the bytes.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import * as OpenApiValidator from 'express-openapi-validator';
import { loadContract } from '../../contract/index.js';

type ValidatorSpec = Exclude<Parameters<typeof OpenApiValidator.middleware>[0]['apiSpec'], string>;

const file = process.env.BENCH_BODY_FILE;
if (!file) throw new Error('BENCH_BODY_FILE is required');
const body = readFileSync(file);
const app = express();
app.disable('x-powered-by');
app.set('etag', false);
app.set('query parser', 'simple');
app.use(
  OpenApiValidator.middleware({
    apiSpec: structuredClone(loadContract().document) as unknown as ValidatorSpec,
    validateApiSpec: false,
    validateRequests: { allErrors: true },
    validateResponses: false,
    validateSecurity: false,
    ignoreUndocumented: false,
  }),
);
app.get('/v1/mcps', (_req, res) => {
  res.type('application/json').send(body);
});
const server = createServer(app);
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`validator express listening on http://127.0.0.1:${port}\n`);
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => server.close(() => process.exit(0)));

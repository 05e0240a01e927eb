/**
 * The read-path floor: Express 5 answering GET /v1/mcps with the bytes our server sent for the same request, from
 * memory, with nothing in between (no authentication, validation or store). BENCH_BODY_FILE names the bytes.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';

const file = process.env.BENCH_BODY_FILE;
if (!file) throw new Error('BENCH_BODY_FILE is required');
const body = readFileSync(file);
const app = express();
app.disable('x-powered-by');
app.set('etag', false);
app.get('/v1/mcps', (_req, res) => {
  res.type('application/json').send(body);
});
const server = createServer(app);
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`bare express listening on http://127.0.0.1:${port}\n`);
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => server.close(() => process.exit(0)));

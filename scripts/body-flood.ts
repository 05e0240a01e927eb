/**
 * `npm run body-flood`: what a flood of large request bodies does to the server. It starts the real server
 * (`server/main.ts`) as a child process on 127.0.0.1 with a temporary database, keeps `--connections` sockets each
 * sending `POST /v1/mcps` with a `--body-mib` body for `--seconds`, and meanwhile asks `GET /health` every 50 ms.
 * It prints the server's resident memory before and at its highest during the flood, and the /health latencies.
 *
 * Loopback only and bounded: at most 1,000 connections, 64 MiB per body, 60 seconds.
 *
 *   npm run body-flood -- [--connections 400] [--body-mib 9] [--seconds 10] [--authenticated]
 *
 * `--authenticated` sends the owner key (so bodies are read and the in-flight bound is what holds memory down);
 * without it the requests carry no key. `--reconnect` opens a new connection as soon as one closes, for the whole
 * time; without it each of the `--connections` sends one request.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const { values } = parseArgs({
  options: {
    connections: { type: 'string', default: '400' },
    'body-mib': { type: 'string', default: '9' },
    seconds: { type: 'string', default: '10' },
    authenticated: { type: 'boolean', default: false },
    reconnect: { type: 'boolean', default: false },
    // Internal: run as the /health prober, in a process of its own so the flood's event loop does not delay it.
    'probe-url': { type: 'string' },
  },
});
const bounded = (name: string, value: string, max: number): number => {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > max) throw new Error(`--${name} must be a number from 1 to ${max}`);
  return n;
};
const connections = bounded('connections', values.connections, 1000);
const bodyBytes = Math.round(bounded('body-mib', values['body-mib'], 64) * 1024 * 1024);
const seconds = bounded('seconds', values.seconds, 60);

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

async function startServer(dir: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      BIND_ADDRESS: '127.0.0.1:0',
      DATABASE_URL: `file:${join(dir, 'plexmcp.db')}`,
      PLEXMCP_HEALTH_CHECK_INTERVAL_MS: '0',
      PLEXMCP_SELF_HOSTED: 'true',
      LOG_LEVEL: 'silent',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  const url = await new Promise<string>((done, fail) => {
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match?.[1]) done(match[1]);
    });
    child.once('exit', (code) => fail(new Error(`server exited (${code}) before listening`)));
  });
  const key = /(pmcp_[0-9A-Za-z]{40,})/.exec(out)?.[1] ?? '';
  return { child, url: new URL(url), key };
}

/** One attacking socket: sends the head and as much of the body as the server takes, until closed or time is up. */
function attack(url: URL, key: string | undefined, until: number, stats: { answered: number; bodyBytesSent: number }) {
  return new Promise<void>((done) => {
    const socket = connect(Number(url.port), url.hostname);
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let sent = 0;
    socket.once('connect', () => {
      socket.write(
        `POST /v1/mcps HTTP/1.1\r\nHost: ${url.host}\r\nContent-Type: application/json\r\n` +
          `Content-Length: ${bodyBytes}\r\n${key ? `Authorization: ApiKey ${key}\r\n` : ''}\r\n`,
      );
      const pump = () => {
        while (sent < bodyBytes && Date.now() < until && !socket.destroyed) {
          const piece = chunk.subarray(0, Math.min(chunk.length, bodyBytes - sent));
          sent += piece.length;
          stats.bodyBytesSent += piece.length;
          if (!socket.write(piece)) return void socket.once('drain', pump);
        }
      };
      pump();
    });
    socket.once('data', () => stats.answered++);
    socket.on('error', () => {});
    socket.once('close', () => done());
    setTimeout(() => socket.destroy(), Math.max(0, until - Date.now())).unref();
  });
}

function probeHealth(url: URL): Promise<number> {
  const started = performance.now();
  return new Promise((done) => {
    const req = request(new URL('/health', url), { agent: false, timeout: 15_000 }, (res) => {
      res.resume();
      res.once('end', () => done(performance.now() - started));
    });
    req.once('timeout', () => req.destroy());
    req.once('error', () => done(performance.now() - started));
    req.end();
  });
}

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;

/** The /health prober: every 50 ms until the time is up, then the latencies as JSON on stdout. */
async function probeLoop(url: URL, until: number): Promise<void> {
  const latencies: number[] = [];
  while (Date.now() < until) {
    latencies.push(await probeHealth(url));
    await new Promise((r) => setTimeout(r, 50));
  }
  process.stdout.write(JSON.stringify(latencies));
}

function startProber(url: URL): Promise<number[]> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(import.meta.url), '--probe-url', url.href, '--seconds', String(seconds)],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  return new Promise((done) => child.once('exit', () => done(JSON.parse(out || '[]') as number[])));
}

if (values['probe-url']) {
  await probeLoop(new URL(values['probe-url']), Date.now() + seconds * 1000);
  process.exit(0);
}

const dir = mkdtempSync(join(tmpdir(), 'plexmcp-flood-'));
const server = await startServer(dir);
try {
  const pid = server.child.pid ?? 0;
  for (let i = 0; i < 20; i++) await probeHealth(server.url);
  const before = rssMb(pid);
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 50);
  const until = Date.now() + seconds * 1000;
  const stats = { answered: 0, bodyBytesSent: 0 };
  const key = values.authenticated ? server.key : undefined;
  const workers = Array.from({ length: connections }, async () => {
    do await attack(server.url, key, until, stats);
    while (values.reconnect && Date.now() < until);
  });
  const prober = startProber(server.url);
  await Promise.all(workers);
  const latencies = await prober;
  clearInterval(sampler);
  latencies.sort((a, b) => a - b);
  const fmt = (n: number) => n.toFixed(1);
  console.log(
    JSON.stringify(
      {
        connections,
        bodyMib: bodyBytes / 1024 / 1024,
        seconds,
        authenticated: values.authenticated,
        reconnect: values.reconnect,
        rssBeforeMb: Math.round(before),
        rssPeakMb: Math.round(peak),
        rssRiseMb: Math.round(peak - before),
        healthProbes: latencies.length,
        healthP50Ms: fmt(percentile(latencies, 50)),
        healthP99Ms: fmt(percentile(latencies, 99)),
        healthMaxMs: fmt(latencies.at(-1) ?? Number.NaN),
        attackRequestsAnswered: stats.answered,
        attackBodyMibSent: Math.round(stats.bodyBytesSent / 1024 / 1024),
      },
      null,
      2,
    ),
  );
} finally {
  server.child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
}

/**
 * The server process (`npm start`, the `plexmcp-server` bin): configuration, store, secrets, first-start bootstrap,
 * the HTTP API, background health checks, and a graceful shutdown on SIGTERM/SIGINT that finishes in-flight requests
 * and closes the store, so every write is on disk and the database lock is released.
 */
import cluster from 'node:cluster';
import { realpathSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import type { Logger } from 'pino';
import { createApp } from './app.js';
import { hashApiKey } from './auth/api-key.js';
import { type BootstrapResult, bootstrap } from './bootstrap.js';
import { type Clock, systemClock } from './clock.js';
import { type BindAddress, type Config, ConfigError, loadConfig } from './config/config.js';
import { type CredentialCipher, createCredentialCipher } from './crypto/credentials.js';
import { createGateway, createHealthChecker, type Gateway } from './gateway/index.js';
import { upstreamTarget } from './gateway/upstream-target.js';
import { createHttpServer } from './http/http-server.js';
import { pruneIdempotency } from './idempotency/index.js';
import { purgeAgedApiKeys } from './keys/purge-aged-keys.js';
import { createLogger } from './logger.js';
import { rateLimitStages } from './ratelimit/app-stages.js';
import { createServerLimiters, type ServerLimiters } from './ratelimit/shared-limiters.js';
import { resolveSecrets } from './secrets.js';
import { startupFailureLine } from './startup-failure.js';
import { openStore } from './store/open-store.js';
import type { Store } from './store/types.js';
import { superviseWorkers, WORKER_SHUTDOWN } from './workers.js';

export interface RunningServer {
  /** A URL the server answers on from this machine (loopback for a wildcard bind); PUBLIC_URL is separate. */
  url: string;
  server: Server;
  /** Stops accepting connections, lets in-flight requests finish, then flushes and closes the store. */
  close(): Promise<void>;
}

/** How long in-flight requests get to finish on shutdown before their connections are cut. */
const SHUTDOWN_GRACE_MS = 10_000;

export async function startServer(config: Config, out: NodeJS.WritableStream = process.stdout): Promise<RunningServer> {
  const logger = createLogger({ level: config.logLevel });
  const clock = systemClock;
  const { store, location, exclusive, pool } = await openStore({
    database: config.database,
    clock,
    databasePool: config.databasePool,
    checkpointBytes: config.checkpointBytes,
    checkpointAgeMs: config.checkpointAgeMs,
    // Recovery's warnings (a torn or corrupt journal tail set aside) belong in the server's log.
    warn: (message) => logger.warn(message),
  });
  let limiters: ServerLimiters | undefined;
  try {
    // Instances sharing a PostgreSQL database start one at a time through this: the first generates the secrets (and,
    // once listening, bootstraps), the others read what it kept.
    const secrets = await exclusive(() => resolveSecrets(store, config));
    const hash = (key: string) => hashApiKey(key, secrets.apiKeyHmacSecret);
    for (const variable of secrets.generated)
      logger.info(`${variable} was not set: generated one and kept it with the database`);
    for (const warning of secrets.warnings) logger.warn(warning);

    const cipher = createCredentialCipher(secrets.encryptionKey);
    const gateway = createGateway({ maxTimeoutMs: config.mcpRequestTimeoutMs, clock });
    limiters = createServerLimiters({ redisUrl: config.redisUrl, pool });
    const app = createApp({
      store,
      logger,
      hashApiKey: hash,
      cipher,
      gateway,
      ...rateLimitStages({ limiters, store, selfHosted: config.selfHosted, clock }),
      validateResponses: config.validateResponses,
      maxRequestBodyBytes: config.maxRequestBodyBytes,
      maxBodyBytesInFlight: config.maxBodyBytesInFlight,
      mcpRequestTimeoutMs: config.mcpRequestTimeoutMs,
      publicUrl: config.publicUrl,
      selfHosted: config.selfHosted,
      allowPrivateMcpUrls: config.allowPrivateMcpUrls,
      clock,
    });

    const server = createHttpServer(
      app,
      {
        headersTimeoutMs: config.httpHeadersTimeoutMs,
        requestTimeoutMs: config.httpRequestTimeoutMs,
        keepAliveTimeoutMs: config.httpKeepAliveTimeoutMs,
        maxConnections: config.httpMaxConnections,
      },
      logger,
    );
    await listen(server, config.bindAddress);
    // Only once the address is ours: a bootstrap key printed before a failed listen would be lost, and the next start
    // (the database no longer empty) would print none.
    try {
      printBootstrap(await exclusive(() => bootstrap(store, { ...config, hashApiKey: hash, clock })), out);
    } catch (error) {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      throw error;
    }
    const url = localUrl(server.address() as AddressInfo);
    const stopHealth = startHealthRounds({
      store,
      gateway,
      cipher,
      logger,
      clock,
      intervalMs: config.healthCheckIntervalMs,
      timeoutMs: config.mcpRequestTimeoutMs,
    });
    const stopPruning = startIdempotencyPruning(store, logger, clock);
    logger.info({ url, publicUrl: config.publicUrl, database: location, rateLimits: limiters.kind }, 'listening');
    out.write(`PlexMCP server listening on ${url}${config.publicUrl ? ` (public URL ${config.publicUrl})` : ''}\n`);

    let closing: Promise<void> | undefined;
    const close = () =>
      (closing ??= (async () => {
        stopPruning();
        // No new rounds; a round in progress ends when the gateway closes its upstream sessions below.
        const healthStopped = stopHealth();
        const finished = new Promise<void>((resolve) => server.close(() => resolve()));
        // Idle keep-alive connections would hold close() open until they time out; in-flight requests keep theirs
        // until they finish, and are swept as soon as they turn idle.
        const sweep = setInterval(() => server.closeIdleConnections(), 100);
        server.closeIdleConnections();
        const cut = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
        await finished;
        clearInterval(sweep);
        clearTimeout(cut);
        await gateway.close();
        await healthStopped;
        await limiters?.close();
        await store.close();
        logger.info('stopped');
      })());
    return { url, server, close };
  } catch (error) {
    await limiters?.close();
    await store.close();
    throw error;
  }
}

/** Why the server could not listen, in one line naming BIND_ADDRESS (no stack: the operator's fix is the address). */
export class ListenError extends Error {
  constructor(address: BindAddress, cause: NodeJS.ErrnoException) {
    const where = address.host.includes(':') ? `[${address.host}]:${address.port}` : `${address.host}:${address.port}`;
    const reasons: Record<string, string> = {
      EADDRINUSE: 'the port is already in use',
      EADDRNOTAVAIL: "the address is not one of this machine's",
      EACCES: 'permission denied (ports below 1024 need privileges)',
      ENOTFOUND: 'the host name does not resolve',
      EAI_AGAIN: 'the host name does not resolve',
    };
    super(
      `cannot listen on BIND_ADDRESS=${where}: ${reasons[cause.code ?? ''] ?? cause.message} (${cause.code ?? 'error'})`,
    );
    this.name = 'ListenError';
  }
}

function listen(server: Server, address: BindAddress): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const failed = (error: NodeJS.ErrnoException) => reject(new ListenError(address, error));
    server.once('error', failed);
    server.listen(address.port, address.host, () => {
      server.off('error', failed);
      resolve();
    });
  });
}

/** A URL this machine can open: a wildcard bind (0.0.0.0, ::) is reached through loopback. */
function localUrl(address: AddressInfo): string {
  const ipv6 = address.family === 'IPv6' || (address.family as unknown) === 6;
  const host = address.address === '0.0.0.0' ? '127.0.0.1' : address.address === '::' ? '::1' : address.address;
  return `http://${ipv6 ? `[${host}]` : host}:${address.port}`;
}

function printBootstrap(result: BootstrapResult, out: NodeJS.WritableStream): void {
  if (!result.created) return;
  const lines = [
    '',
    `Created the default organisation ${result.organization.id} with owner ${result.owner.email}.`,
    result.apiKeySource === 'generated'
      ? `Owner API key (shown once, store it now):\n\n    ${result.apiKey}\n`
      : 'Owner API key: the one given in PLEXMCP_BOOTSTRAP_API_KEY.',
    '',
  ];
  out.write(`${lines.join('\n')}\n`);
}

/** Probes every active MCP each interval (the gateway's health checker) and records the verdicts and fresh tools. */
function startHealthRounds(options: {
  store: Store;
  gateway: Gateway;
  cipher: CredentialCipher;
  logger: Logger;
  clock: Clock;
  intervalMs: number;
  timeoutMs: number;
}): () => Promise<void> {
  const { store, gateway, cipher, logger, clock, intervalMs, timeoutMs } = options;
  if (intervalMs <= 0) return async () => {};
  const checker = createHealthChecker({
    gateway,
    clock,
    intervalMs,
    probeTimeoutMs: timeoutMs,
    listTargets: async () =>
      (await store.listAllMcps()).flatMap((mcp) => {
        if (mcp.status !== 'active') return [];
        try {
          return [{ target: upstreamTarget(cipher, mcp) }];
        } catch (err) {
          // Credentials that no longer decrypt (PLEXMCP_ENCRYPTION_KEY changed) cannot be probed.
          logger.warn({ mcpId: mcp.id, err: (err as Error).message }, 'health check skipped');
          return [];
        }
      }),
    onResult: async (mcpId, healthy, at, tools) => {
      if (tools) await store.setMcpTools(mcpId, tools, at);
      await store.setMcpHealth(mcpId, healthy ? 'healthy' : 'unhealthy', at);
    },
    onError: (err) => logger.error({ err }, 'health round failed'),
  });
  checker.start();
  return () => checker.stop();
}

/**
 * At start and hourly: drops stored idempotent responses past their replay window, so the table stays small, and
 * deletes revoked and expired keys past their retention (openapi.yaml "Key management").
 */
function startIdempotencyPruning(store: Store, logger: Logger, clock: Clock): () => void {
  const prune = async () => {
    await pruneIdempotency(store, clock()).catch((err: unknown) =>
      logger.error({ err }, 'pruning idempotency records failed'),
    );
    await purgeAgedApiKeys(store, clock).then(
      (purged) => purged > 0 && logger.info({ purged }, 'deleted revoked and expired keys past their retention'),
      (err: unknown) => logger.error({ err }, 'deleting aged keys failed'),
    );
  };
  void prune();
  const timer = setInterval(() => void prune(), 60 * 60 * 1000);
  timer.unref();
  return () => clearInterval(timer);
}

/** The process entry: exits 1 with one clear line on bad configuration, key file, database or address. */
export async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`Configuration error: ${error.message}\n`);
    process.exit(1);
  }
  if (config.workers > 1 && cluster.isPrimary) {
    process.exit(await superviseWorkers(config.workers));
  }
  let running: RunningServer;
  try {
    running = await startServer(config);
  } catch (error) {
    const line =
      error instanceof ListenError ? `Could not start: ${error.message}` : startupFailureLine(error, config.database);
    process.stderr.write(`${line ?? `Could not start: ${String((error as Error).stack ?? error)}`}\n`);
    process.exit(1);
  }
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      process.stderr.write(`${signal} again: exiting without waiting\n`);
      process.exit(1);
    }
    stopping = true;
    running.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`Shutdown failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  // A worker of PLEXMCP_WORKERS is stopped by its primary; Ctrl-C may have signalled it already (one process group).
  process.on('message', (message) => {
    if (message === WORKER_SHUTDOWN && !stopping) stop('SIGTERM');
  });
}

const entry = process.argv[1];
if (entry !== undefined && import.meta.url === pathToFileURL(realpathSync(entry)).href) await main();

/** Parsers for single environment values. Each throws `ConfigError` naming the variable and what it expects. */
import { availableParallelism } from 'node:os';
import { ConfigError } from './config-error.js';

export interface BindAddress {
  /** Host without brackets (`::1`, `0.0.0.0`). */
  host: string;
  /** 0 asks the operating system for a free port. */
  port: number;
}

export function parseBoolean(name: string, value: string): boolean {
  const lowered = value.trim().toLowerCase();
  if (lowered === 'true' || lowered === '1') return true;
  if (lowered === 'false' || lowered === '0') return false;
  throw new ConfigError(name, 'must be true or false', value);
}

export function parseInteger(name: string, value: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const trimmed = value.trim();
  const parsed = Number(trimmed);
  if (!/^\d+$/.test(trimmed) || !Number.isSafeInteger(parsed) || parsed < min || parsed > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `${min} or more` : `between ${min} and ${max}`;
    throw new ConfigError(name, `must be a whole number ${range}`, value);
  }
  return parsed;
}

/** A number of worker processes, or `auto`: one per CPU this process may use (os.availableParallelism). */
export function parseWorkers(name: string, value: string): number {
  if (value.trim().toLowerCase() === 'auto') return availableParallelism();
  return parseInteger(name, value, 1, 256);
}

/** `host:port` or `[ipv6]:port` (RFC 3986 §3.2.2 brackets an IPv6 literal so its colons are not read as the port). */
export function parseBindAddress(name: string, value: string): BindAddress {
  const trimmed = value.trim();
  const match = /^\[([0-9A-Fa-f:.]+)\]:(\d+)$/.exec(trimmed) ?? /^([^:[\]\s]+):(\d+)$/.exec(trimmed);
  const port = match ? Number(match[2]) : NaN;
  if (!match?.[1] || !Number.isInteger(port) || port > 65535) {
    throw new ConfigError(
      name,
      'must be host:port or [ipv6]:port with a port from 0 to 65535, such as 0.0.0.0:8080',
      value,
    );
  }
  return { host: match[1], port };
}

export function parseHttpUrl(name: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new ConfigError(name, 'must be an absolute http or https URL, such as https://mcp.example.com', value);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(name, 'must be an absolute http or https URL, such as https://mcp.example.com', value);
  }
  // Links are built by appending paths, so a trailing slash would double up.
  return url.toString().replace(/\/+$/, '');
}

/** 32 bytes, as 64 hex characters or as base64 (standard or URL-safe alphabet). */
export function parseEncryptionKey(name: string, value: string): Buffer {
  const trimmed = value.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return Buffer.from(trimmed, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(trimmed)) {
    const bytes = Buffer.from(trimmed.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    if (bytes.length === 32) return bytes;
  }
  throw new ConfigError(
    name,
    'must be 32 random bytes as 64 hex characters or as base64 (for example the output of `openssl rand -hex 32`)',
  );
}

export function parseChoice<T extends string>(name: string, value: string, choices: readonly T[]): T {
  const lowered = value.trim().toLowerCase();
  const found = choices.find((choice) => choice === lowered);
  if (found === undefined) throw new ConfigError(name, `must be one of ${choices.join(', ')}`, value);
  return found;
}

/** `redis://[user:password@]host[:port][/db]` or `rediss://` (TLS); the message never repeats a password. */
export function parseRedisUrl(name: string, value: string): string {
  const trimmed = value.trim();
  let url: URL | undefined;
  try {
    url = new URL(trimmed);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'redis:' && url.protocol !== 'rediss:') || url.hostname === '') {
    throw new ConfigError(name, 'must be a redis:// or rediss:// URL with a host, such as redis://127.0.0.1:6379');
  }
  return trimmed;
}

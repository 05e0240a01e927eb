/**
 * Checkpoint thresholds from the environment, for a server started without code: PLEXMCP_CHECKPOINT_BYTES (journal
 * size, default 16 MiB) and PLEXMCP_CHECKPOINT_AGE_MS (age of the oldest record not in the snapshot, default 5
 * minutes). Options passed to `openSqliteStore` win over these. An invalid value fails start-up naming the variable.
 */
import type { StorageOptions } from './persistence.js';

function positiveInteger(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const text = env[name]?.trim();
  if (!text) return undefined;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, not "${text}"`);
  return value;
}

export function storageOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): Pick<StorageOptions, 'checkpointBytes' | 'checkpointAgeMs'> {
  const checkpointBytes = positiveInteger(env, 'PLEXMCP_CHECKPOINT_BYTES');
  const checkpointAgeMs = positiveInteger(env, 'PLEXMCP_CHECKPOINT_AGE_MS');
  return { ...(checkpointBytes === undefined ? {} : { checkpointBytes }), ...(checkpointAgeMs === undefined ? {} : { checkpointAgeMs }) };
}

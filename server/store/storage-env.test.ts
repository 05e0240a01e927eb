import { describe, expect, it } from 'vitest';
import { storageOptionsFromEnv } from './storage-env.js';

describe('checkpoint thresholds from the environment', () => {
  it('reads both thresholds and leaves the defaults when they are not set', () => {
    expect(storageOptionsFromEnv({ PLEXMCP_CHECKPOINT_BYTES: '65536', PLEXMCP_CHECKPOINT_AGE_MS: ' 1000 ' })).toEqual({ checkpointBytes: 65536, checkpointAgeMs: 1000 });
    expect(storageOptionsFromEnv({ PLEXMCP_CHECKPOINT_BYTES: '' })).toEqual({});
  });

  it('refuses a value that is not a positive integer, naming the variable', () => {
    expect(() => storageOptionsFromEnv({ PLEXMCP_CHECKPOINT_BYTES: '16MB' })).toThrow(/PLEXMCP_CHECKPOINT_BYTES must be a positive integer/);
    expect(() => storageOptionsFromEnv({ PLEXMCP_CHECKPOINT_AGE_MS: '0' })).toThrow(/PLEXMCP_CHECKPOINT_AGE_MS/);
  });
});

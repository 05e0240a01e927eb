/**
 * The seal for operations whose answer holds a secret shown once (`createApiKey`'s key, `inviteMember`'s token;
 * openapi.yaml "Idempotency"): the stored replay is sealed under the API key the caller presented, so it opens only for
 * a retry with that key, never from the database (not even with the server's secrets).
 */
import type { Request } from 'express';
import { presentedKey } from '../auth/presented-key.js';
import { type ReplaySeal, replaySealFor } from './replay-seal.js';

export function sealUnderCallerKey(req: Request, record: string): ReplaySeal {
  const presented = presentedKey(req.headers);
  // Authentication already accepted this request's key.
  if (presented.kind !== 'key') throw new Error('a sealed replay needs an authenticated key');
  return replaySealFor(presented.key, record);
}

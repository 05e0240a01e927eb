/**
 * Revoked and expired keys age out (openapi.yaml "Key management"): 7 days after a key was revoked or expired,
 * whichever came first, it is deleted. The server runs this at start-up and hourly; usage rows stay, so summaries keep
 * counting the key's calls and the history shows them with `api_key_id: null`.
 */
import type { Clock } from '../clock.js';
import type { Store } from '../store/types.js';

export const REVOKED_KEY_RETENTION_MS = 7 * 86_400_000;

/** Deletes the keys past their retention at the clock's now; returns how many. */
export function purgeAgedApiKeys(store: Pick<Store, 'purgeApiKeysBefore'>, clock: Clock): Promise<number> {
  return store.purgeApiKeysBefore(new Date(clock().getTime() - REVOKED_KEY_RETENTION_MS).toISOString());
}

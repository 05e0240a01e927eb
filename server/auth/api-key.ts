/**
 * API keys: `pmcp_` followed by 43 random base62 characters (about 256 bits). Only an HMAC-SHA-256 of a key is
 * stored (keyed with the server secret, so a stolen database alone cannot be used to test guesses offline); the key
 * itself is shown once, at creation. The first 12 characters are kept for display.
 */
import { createHmac } from 'node:crypto';
import { randomBase62 } from '../crypto/random-base62.js';

export const API_KEY_PREFIX = 'pmcp_';
const RANDOM_LENGTH = 43;
const DISPLAY_PREFIX_LENGTH = 12;
const API_KEY_PATTERN = /^pmcp_[0-9A-Za-z]{40,}$/;

export interface GeneratedApiKey {
  /** The full key, shown to its owner once. */
  key: string;
  /** Its first 12 characters, safe to store and display. */
  prefix: string;
}

export function generateApiKey(): GeneratedApiKey {
  const key = API_KEY_PREFIX + randomBase62(RANDOM_LENGTH);
  return { key, prefix: displayPrefix(key) };
}

export function displayPrefix(key: string): string {
  return key.slice(0, DISPLAY_PREFIX_LENGTH);
}

/** Whether a string has the shape of an API key (`pmcp_` + at least 40 base62 characters); says nothing of validity. */
export function looksLikeApiKey(value: string): boolean {
  return API_KEY_PATTERN.test(value);
}

/** Hex HMAC-SHA-256 of the key under the server secret: what the store keeps and looks keys up by. */
export function hashApiKey(key: string, secret: string): string {
  return createHmac('sha256', secret).update(key, 'utf8').digest('hex');
}

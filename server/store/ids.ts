import { randomBase62 } from '../crypto/random-base62.js';

export type IdPrefix = 'org' | 'user' | 'key' | 'mcp' | 'inv' | 'use';

/** A prefixed random id such as `mcp_3kTq…`: 22 base62 characters carry about 131 bits, so ids never collide. */
export function newId(prefix: IdPrefix): string {
  return `${prefix}_${randomBase62(22)}`;
}

/**
 * Invitation tokens (openapi.yaml "Invitations"): `pinv_` followed by 43 random base62 characters (about 256 bits),
 * shown once in `inviteMember`'s answer. Only the keyed hash is stored, under the same server secret as API keys (the
 * distinct prefix keeps the two kinds of secret apart), so the database alone cannot yield or test a token.
 */
import { randomBase62 } from '../crypto/random-base62.js';

export const INVITATION_TOKEN_PREFIX = 'pinv_';
const RANDOM_LENGTH = 43;

export function generateInvitationToken(): string {
  return INVITATION_TOKEN_PREFIX + randomBase62(RANDOM_LENGTH);
}

/** The link handed to the invitee: the token rides in the fragment, which browsers never send (RFC 3986 §3.5). */
export function invitationUrl(baseUrl: string, token: string): string {
  return `${baseUrl}/invite#token=${token}`;
}

/**
 * The use case behind `acceptInvitation` (openapi.yaml "Invitations"): whoever holds a pending invitation's token joins
 * the organisation as the invited email with the invited role and gets that member's first API key (the invited role,
 * every MCP server, no expiry), shown once. The invitation is used up in the same transaction that creates the member
 * and key, so of two acceptances of one token exactly one succeeds. An unknown, used, withdrawn or expired token is one
 * indistinguishable `404 not_found`, marked as a failed authentication so it spends the address's budget.
 */
import { displayPrefix, generateApiKey } from '../auth/api-key.js';
import type { Clock } from '../clock.js';
import { ApiError } from '../http/errors.js';
import { newId } from '../store/ids.js';
import type { ApiKeyRow, MemberRow, Store } from '../store/types.js';

export interface AcceptInvitationDeps {
  store: Pick<Store, 'acceptInvite'>;
  /** The stored form of a secret (HMAC-SHA-256 under the server secret, hex). */
  hashApiKey(secret: string): string;
  clock: Clock;
}

export interface AcceptedInvitation {
  member: MemberRow;
  /** The member's first API key in full: shown once, never stored. */
  key: string;
  keyRow: ApiKeyRow;
}

export const FIRST_KEY_NAME = 'First key';

export async function acceptInvitation(
  deps: AcceptInvitationDeps,
  request: { token: string; name?: string },
): Promise<AcceptedInvitation> {
  const now = deps.clock().toISOString();
  const { key } = generateApiKey();
  const outcome = await deps.store.acceptInvite(deps.hashApiKey(request.token), now, (invite) => {
    const userId = newId('user');
    return {
      member: {
        id: userId,
        orgId: invite.orgId,
        email: invite.email,
        name: request.name ?? invite.name,
        role: invite.role,
      },
      key: {
        id: newId('key'),
        orgId: invite.orgId,
        userId,
        name: FIRST_KEY_NAME,
        description: 'Issued when the invitation was accepted',
        prefix: displayPrefix(key),
        keyHash: deps.hashApiKey(key),
        role: invite.role,
        mcpScope: '*',
        expiresAt: null,
      },
    };
  });
  switch (outcome.kind) {
    case 'accepted':
      return { member: outcome.member, key, keyRow: outcome.key };
    case 'already_member':
      throw new ApiError('already_exists', `${outcome.invite.email} is already a member`, {
        email: 'is already a member',
      });
    case 'not_found':
      throw new ApiError('not_found', 'No pending invitation has this token', undefined, undefined, {
        failedAuthentication: true,
      });
  }
}

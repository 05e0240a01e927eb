/**
 * First start: on an empty database, create the default organisation, its owner and an owner API key, so a newcomer
 * can call the API at once. The key is PLEXMCP_BOOTSTRAP_API_KEY when given (scripts and CI then know it in advance),
 * else generated and returned so the caller can print it once; only its hash is stored.
 *
 * The plan is `enterprise` when self-hosted (PLEXMCP_SELF_HOSTED=true, where limits are off anyway, so the
 * organisation shows what it really gets: no limits) and `free` otherwise, the plan a new cloud organisation starts on.
 *
 * Bootstrapping is resumable: progress is recorded in the store's meta values, so a crash half-way finishes the job on
 * the next start instead of leaving an organisation without an owner key. A database that already has organisations
 * (made with plexmcp-admin, say) is never bootstrapped.
 */
import type { Clock } from './clock.js';
import { issueApiKey } from './keys/issue-api-key.js';
import { newId } from './store/ids.js';
import type { MemberRow, OrganizationRow, Store } from './store/types.js';

export interface BootstrapOptions {
  selfHosted: boolean;
  ownerEmail: string;
  /** PLEXMCP_BOOTSTRAP_API_KEY. */
  bootstrapApiKey: string | undefined;
  /** The stored form of a key (HMAC-SHA-256 under the server secret). */
  hashApiKey(key: string): string;
  clock: Clock;
}

export type BootstrapResult =
  | { created: false }
  | {
      created: true;
      organization: OrganizationRow;
      owner: MemberRow;
      /** The owner key in full: shown once, never stored. */
      apiKey: string;
      apiKeyId: string;
      /** `environment` when it is PLEXMCP_BOOTSTRAP_API_KEY, which the operator already knows. */
      apiKeySource: 'generated' | 'environment';
    };

const DONE = 'bootstrap.completed_at';
const ORG = 'bootstrap.organization_id';

export async function bootstrap(store: Store, options: BootstrapOptions): Promise<BootstrapResult> {
  if ((await store.getMeta(DONE)) !== undefined) return { created: false };
  const at = () => options.clock().toISOString();
  let orgId = await store.getMeta(ORG);
  if (orgId === undefined) {
    if ((await store.listOrganizations()).length > 0) {
      await store.setMeta(DONE, at());
      return { created: false };
    }
    orgId = newId('org');
    await store.setMeta(ORG, orgId);
  }

  const organization =
    (await store.getOrganization(orgId)) ??
    (await store.createOrganization({
      id: orgId,
      name: 'Default Organization',
      slug: 'default',
      description: null,
      plan: options.selfHosted ? 'enterprise' : 'free',
      settings: {},
      createdAt: at(),
    }));
  const owner =
    (await store.findMemberByEmail(orgId, options.ownerEmail)) ??
    (await store.createMember({
      id: newId('user'),
      orgId,
      email: options.ownerEmail,
      name: 'Owner',
      role: 'owner',
      joinedAt: at(),
    }));

  // A key given in PLEXMCP_BOOTSTRAP_API_KEY may already be stored by a start that stopped half-way.
  const given = options.bootstrapApiKey;
  const existing = given === undefined ? undefined : await store.findApiKeyByHash(options.hashApiKey(given));
  const { key: apiKey, row: keyRow } =
    existing && given !== undefined
      ? { key: given, row: existing }
      : await issueApiKey(
          { store, hashApiKey: options.hashApiKey, clock: options.clock },
          {
            orgId,
            userId: owner.id,
            name: 'Owner key (created at first start)',
            role: 'owner',
            mcps: '*',
            ...(given === undefined ? {} : { key: given }),
          },
        );
  await store.setMeta(DONE, at());
  return {
    created: true,
    organization,
    owner,
    apiKey,
    apiKeyId: keyRow.id,
    apiKeySource: options.bootstrapApiKey === undefined ? 'generated' : 'environment',
  };
}

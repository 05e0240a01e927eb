/**
 * The registry: every check, in the order a run executes them. Ids are stable (`AREA-NNN`) and unique; `defineChecks`
 * refuses a duplicate at load time, so a copy-pasted check cannot shadow another.
 *
 * Order matters where checks share the target: reads first, writes next, rate-limit bursts late (they drain the
 * budget), and the sweeps over everything recorded (ENV-008, SCHEMA-002, AUTH-012) last.
 */
import type { Check } from '../model.js';
import { authAcceptedForms } from './auth-accepted-forms.js';
import { authBeforeValidationCheck } from './auth-before-validation.js';
import { authExpiredKey } from './auth-expired-key.js';
import { authMissingKey } from './auth-missing-key.js';
import { authNoSecretShapes } from './auth-no-secret-shapes.js';
import { authOtherOrg } from './auth-other-org.js';
import { authRevokedKey } from './auth-revoked-key.js';
import { authRoleMatrix } from './auth-role-matrix.js';
import { authScopedKey } from './auth-scoped-key.js';
import { authSecretsHidden } from './auth-secrets-hidden.js';
import { authUnknownKey } from './auth-unknown-key.js';
import { authViewerRole } from './auth-viewer-role.js';
import { authWrongScheme } from './auth-wrong-scheme.js';
import { envContentType } from './env-content-type.js';
import { envMalformedJson } from './env-malformed-json.js';
import { envNoInternals } from './env-no-internals.js';
import { envOversizeBody } from './env-oversize-body.js';
import { envRequestId } from './env-request-id.js';
import { envSuccessEnvelope } from './env-success-envelope.js';
import { envUnknownRoute } from './env-unknown-route.js';
import { envWrongMethod } from './env-wrong-method.js';
import { genNegative } from './gen-negative.js';
import { genPositive } from './gen-positive.js';
import { idemReplay } from './idem-replay.js';
import { invBadArguments } from './inv-bad-arguments.js';
import { invKnownTool } from './inv-known-tool.js';
import { invUnknownMcp } from './inv-unknown-mcp.js';
import { invUnknownTool } from './inv-unknown-tool.js';
import { invUsageFigures } from './inv-usage-figures.js';
import { invUsageRecorded } from './inv-usage-recorded.js';
import { lifeApiKey } from './life-api-key.js';
import { lifeInvite } from './life-invite.js';
import { lifeMcp } from './life-mcp.js';
import { lifeMember } from './life-member.js';
import { negDateRanges } from './neg-date-ranges.js';
import { negInvokeBodies } from './neg-invoke-bodies.js';
import { negQueryParams } from './neg-query-params.js';
import { negUnknownIds } from './neg-unknown-ids.js';
import { negWriteBodies } from './neg-write-bodies.js';
import { pageBoundsCheck } from './page-bounds.js';
import { pageLinkHeaderCheck } from './page-link-header.js';
import { pagePastEndCheck } from './page-past-end.js';
import { pageTotalsCheck } from './page-totals.js';
import { pageWalkCheck } from './page-walk.js';
import { pageWholeList } from './page-whole-list.js';
import { posOrganizationExample } from './pos-organization-example.js';
import { posSpecExamples } from './pos-spec-examples.js';
import { rateBurst429 } from './rate-burst-429.js';
import { ratePolicyHeaders } from './rate-policy-headers.js';
import { rateRecovery } from './rate-recovery.js';
import { rateRemainingDecreases } from './rate-remaining-decreases.js';
import { schemaEveryExchange } from './schema-every-exchange.js';
import { schemaReads } from './schema-reads.js';
import { schemaServedContract } from './schema-served-contract.js';
import { verDeprecationHeaders } from './ver-deprecation-headers.js';
import { verServedContract } from './ver-served-contract.js';

const ID_SHAPE = /^[A-Z]+-\d{3}$/;

/**
 * Validates a list of checks: each has an id of the form `AREA-NNN`, a title, a requirement and a run function, and
 * no id appears twice.
 *
 * @example
 * const mine = defineChecks([...checks, myCheck]); // throws if myCheck.id is taken
 */
export function defineChecks(list: readonly Check[]): readonly Check[] {
  const seen = new Set<string>();
  for (const check of list) {
    if (!ID_SHAPE.test(check.id)) throw new Error(`check id ${JSON.stringify(check.id)} is not of the form AREA-NNN`);
    if (seen.has(check.id)) throw new Error(`duplicate check id ${check.id}`);
    if (!check.title || !check.requirement?.text || !check.requirement.refs?.length || typeof check.run !== 'function')
      throw new Error(`check ${check.id} lacks a title, requirement or run`);
    seen.add(check.id);
  }
  return Object.freeze([...list]);
}

export const checks = defineChecks([
  envSuccessEnvelope,
  envUnknownRoute,
  envWrongMethod,
  envMalformedJson,
  envContentType,
  envRequestId,
  authMissingKey,
  authWrongScheme,
  authUnknownKey,
  authAcceptedForms,
  authBeforeValidationCheck,
  authSecretsHidden,
  authOtherOrg,
  authRevokedKey,
  authExpiredKey,
  authScopedKey,
  authViewerRole,
  authRoleMatrix,
  pageBoundsCheck,
  pageTotalsCheck,
  pageWalkCheck,
  pagePastEndCheck,
  pageLinkHeaderCheck,
  pageWholeList,
  negInvokeBodies,
  negQueryParams,
  negUnknownIds,
  negDateRanges,
  negWriteBodies,
  posSpecExamples,
  posOrganizationExample,
  lifeMcp,
  lifeApiKey,
  lifeInvite,
  lifeMember,
  idemReplay,
  genPositive,
  genNegative,
  invUnknownMcp,
  invUnknownTool,
  invBadArguments,
  invKnownTool,
  invUsageRecorded,
  invUsageFigures,
  schemaReads,
  schemaServedContract,
  verServedContract,
  envOversizeBody,
  ratePolicyHeaders,
  rateRemainingDecreases,
  rateBurst429,
  rateRecovery,
  verDeprecationHeaders,
  envNoInternals,
  schemaEveryExchange,
  authNoSecretShapes,
]);

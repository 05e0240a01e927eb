/**
 * Citations of the contract. A check's requirement and a finding's "documented" evidence say where `openapi.yaml` states
 * the rule, so a reader of a report can open the contract at that place: an operation (its `operationId`), a JSON
 * pointer into the document, a named section of `info.description` (its `## Name` headings), or an outside standard
 * (an RFC or IETF draft) the contract relies on.
 */

/** The `## ` sections of `info.description` in openapi.yaml that checks cite. */
export const CONTRACT_SECTIONS = [
  'Envelope',
  'Request handling',
  'Request bodies',
  'Authentication',
  'Roles and scopes',
  'Key management',
  'Invitations',
  'Pagination',
  'Rate limits',
  'Quotas',
  'Usage periods',
  'Tool invocation',
  'Idempotency',
  'Limits on JSON values',
  'Errors',
  'Versioning',
] as const;

/** A named section of `info.description`. */
export type ContractSection = (typeof CONTRACT_SECTIONS)[number];

/** One place that states a rule. */
export type ContractRef =
  | { readonly section: ContractSection }
  | { readonly operationId: string }
  | { readonly pointer: string }
  | { readonly standard: string };

/** A rule in words and where it is written (at least one place). */
export interface Citation {
  readonly text: string;
  readonly refs: readonly ContractRef[];
}

/**
 * A rule in words with the places that state it.
 *
 * @example
 * cite('401 unauthorized', section('Authentication'), pointer('#/components/responses/Unauthorized'));
 */
export function cite(text: string, ...refs: [ContractRef, ...ContractRef[]]): Citation {
  return { text, refs };
}

/** A section of `info.description`, e.g. `section('Pagination')`. */
export function section(name: ContractSection): ContractRef {
  return { section: name };
}

/** An operation by its operationId, e.g. `operation('createApiKey')`. */
export function operation(operationId: string): ContractRef {
  return { operationId };
}

/** A JSON pointer into openapi.yaml as a URI fragment, e.g. `pointer('#/components/schemas/ErrorEnvelope')`. */
export function pointer(at: string): ContractRef {
  if (!at.startsWith('#/')) throw new RangeError(`a contract pointer starts with #/, got ${at}`);
  return { pointer: at };
}

/** An outside standard the contract relies on, e.g. `standard('RFC 9110 §15.5.6')`. */
export function standard(name: string): ContractRef {
  return { standard: name };
}

/** One reference in words: `openapi.yaml "Pagination"`, `openapi.yaml createApiKey`, `openapi.yaml#/components/...`. */
export function formatRef(ref: ContractRef): string {
  if ('section' in ref) return `openapi.yaml "${ref.section}"`;
  if ('operationId' in ref) return `openapi.yaml ${ref.operationId}`;
  if ('pointer' in ref) return `openapi.yaml${ref.pointer}`;
  return ref.standard;
}

/** A citation in words: the rule, then where it is written, e.g. `401 unauthorized (openapi.yaml "Authentication")`. */
export function formatCitation(citation: Citation): string {
  return `${citation.text} (${citation.refs.map(formatRef).join('; ')})`;
}

/** The same citation, its text prefixed with what it is about: `about('GET /v1/mcps', c)` → `GET /v1/mcps: <text>`. */
export function about(subject: string, citation: Citation): Citation {
  return { text: `${subject}: ${citation.text}`, refs: citation.refs };
}

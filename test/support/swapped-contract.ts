/**
 * A copy of openapi.yaml with two overlapping paths declared the other way round, to show that nothing depends on
 * their order in the file (OpenAPI 3.1 §4.8.8: literal paths match before templated ones).
 */
import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { Contract, contractPath } from '../../contract/index.js';

/** The contract with `/v1/organization/members/{user_id}` declared before `/v1/organization/members/invite`. */
export function swappedContract(): Contract {
  const doc = parseDocument(readFileSync(contractPath(), 'utf8'));
  const paths = doc.get('paths') as { items: { key: { value: string } }[] };
  const at = (path: string) => paths.items.findIndex((pair) => pair.key.value === path);
  const invite = at('/v1/organization/members/invite');
  const member = at('/v1/organization/members/{user_id}');
  if (invite < 0 || member < 0 || invite > member)
    throw new Error('openapi.yaml: expected invite declared before {user_id}');
  const [pair] = paths.items.splice(invite, 1);
  if (!pair) throw new Error('unreachable');
  paths.items.splice(at('/v1/organization/members/{user_id}') + 1, 0, pair);
  return Contract.parse(doc.toString());
}

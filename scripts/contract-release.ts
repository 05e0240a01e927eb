/**
 * `npm run contract:release`: releases openapi.yaml as the contract of its major version. Refuses a breaking change
 * (the same guard as `npm run contract:diff`) or an unchanged `info.version`; otherwise adds the version's section to
 * CHANGELOG-API.md and copies openapi.yaml to contract/released/v<major>.yaml.
 *
 *   npm run contract:release
 *   npm run contract:release -- --accept-breaking 'the contract now states the limit every deployment enforced'
 */
import { fileURLToPath } from 'node:url';
import { releaseContract } from '../contract/diff/release.js';

const at = process.argv.indexOf('--accept-breaking');
const acceptBreaking = at >= 0 ? process.argv[at + 1] : undefined;
if (at >= 0 && !acceptBreaking?.trim()) {
  process.stderr.write('--accept-breaking needs the reason, which the changelog records\n');
  process.exit(2);
}
const root = fileURLToPath(new URL('../', import.meta.url));
const result = await releaseContract(root, acceptBreaking ? { acceptBreaking } : {});
process.stdout.write(`${result.report}\n`);
process.exitCode = result.ok ? 0 : 1;
